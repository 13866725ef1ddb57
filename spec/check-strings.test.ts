/** The checker warns on a form's text field without a maximum length (issue 14), and only there. */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpec, editSpec, FIXTURE_DIR, positionOf } from '../test/helpers/spec-copy.ts';
import { loadProcedure } from './load.ts';

const unbounded = (dir: string) =>
  loadProcedure(dir).diagnostics.filter((d) => d.code === 'unbounded-string');

describe('unbounded-string', () => {
  it('warns, with file, line and column, on a text field without maxLength', () => {
    const dir = copySpec(FIXTURE_DIR);
    try {
      editSpec(dir, 'procedure.yaml', 'status: published', 'status: draft');
      expect(unbounded(dir)).toEqual([]);
      const text = editSpec(dir, 'forms/accord.yaml', '      maxLength: 5000\n', '');
      const [d, ...more] = unbounded(dir);
      expect(more).toEqual([]);
      expect(d?.severity).toBe('warning');
      expect(d?.file).toMatch(/forms\/accord\.yaml$/);
      expect({ line: d?.line, column: d?.column }).toEqual(positionOf(text, 'type: string', 6));
      expect(d?.message).toMatch(/longueur maximale/);
    } finally {
      rmSync(dirname(dirname(dir)), { recursive: true, force: true });
    }
  });

  it('does not warn on listed values, fixed formats, or nested bounded strings', () => {
    const dir = copySpec(FIXTURE_DIR);
    try {
      editSpec(dir, 'procedure.yaml', 'status: published', 'status: draft');
      editSpec(
        dir,
        'forms/accord.yaml',
        '  properties:\n',
        [
          '  properties:',
          '    choix: { type: string, enum: [a, b] }',
          '    choix2: { type: string, oneOf: [{ const: a, title: A }] }',
          '    jour: { type: string, format: date }',
          '    liste: { type: array, items: { type: string, maxLength: 20 } }',
          '    libre: { type: array, items: { type: string } }',
          '',
        ].join('\n'),
      );
      expect(unbounded(dir).map((d) => d.line)).toEqual([12]);
    } finally {
      rmSync(dirname(dirname(dir)), { recursive: true, force: true });
    }
  });

  it('leaves a published version alone: it is frozen, and the server bounds its texts (forms/validate.ts)', () => {
    const dir = copySpec(FIXTURE_DIR);
    try {
      editSpec(dir, 'forms/accord.yaml', '      maxLength: 5000\n', '');
      expect(unbounded(dir)).toEqual([]);
    } finally {
      rmSync(dirname(dirname(dir)), { recursive: true, force: true });
    }
  });
});
