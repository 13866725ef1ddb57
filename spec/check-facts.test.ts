/**
 * Broken specs for who establishes a fact (established_by), stay transitions,
 * guard_unless and record value: each diagnostic at its file, line and column.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpec, editSpec, positionOf } from '../test/helpers/spec-copy.ts';
import { loadProcedure } from './load.ts';

const ESSAI = 'rules/fixtures/essai/1.0.0';
const PROTEGEE = 'partie_protegee: { enum: [voisin, bailleur, aucune], title: Partie protégée }';

function broken(edits: readonly [file: string, search: string, replace: string][]) {
  const dir = copySpec(ESSAI);
  const texts = new Map<string, string>();
  for (const [file, search, replace] of edits) texts.set(file, editSpec(dir, file, search, replace));
  const { procedure, diagnostics } = loadProcedure(dir);
  const fileOf = (f: string) => relative(process.cwd(), join(dir, f));
  return { procedure, diagnostics, texts, fileOf };
}

describe('established_by: a fact another role establishes', () => {
  it('fact-established-by-other-role: a form field by which another role would set the fact', () => {
    const b = broken([['rules.yaml', PROTEGEE, `${PROTEGEE.slice(0, -2)}, established_by: [mediateur] }`]]);
    const d = b.diagnostics.find((x) => x.code === 'fact-established-by-other-role');
    expect(d, JSON.stringify(b.diagnostics, null, 1)).toBeDefined();
    expect(d?.severity).toBe('error');
    expect(d?.file).toBe(b.fileOf('procedure.yaml'));
    const text = readFileSync(join(process.cwd(), b.fileOf('procedure.yaml')), 'utf8');
    expect({ line: d?.line, column: d?.column }).toEqual(positionOf(text, '- event: demander', 2));
    expect(d?.message).toMatch(/« voisin ».*« partie_protegee ».*« mediateur »/);
    expect(d?.hint).toMatch(/established_by/);
    expect(b.procedure).toBeUndefined();
  });

  it('fact-established-by-other-role: a record: effect of another role', () => {
    const b = broken([
      [
        'rules.yaml',
        'offre: { type: number, minimum: 0, title: Offre du voisin }',
        'offre: { type: number, minimum: 0, title: Offre du voisin, established_by: [voisin] }',
      ],
      [
        'procedure.yaml',
        '    to: close\n    roles: [mediateur]\n',
        '    to: close\n    roles: [mediateur]\n    effects:\n      - record: { fact: offre, value: 0 }\n',
      ],
    ]);
    const d = b.diagnostics.find((x) => x.code === 'fact-established-by-other-role');
    expect(d, JSON.stringify(b.diagnostics, null, 1)).toBeDefined();
    const text = b.texts.get('procedure.yaml') as string;
    expect({ file: d?.file, line: d?.line, column: d?.column }).toEqual({
      file: b.fileOf('procedure.yaml'),
      ...positionOf(text, '- record: { fact: offre', 2),
    });
    expect(d?.message).toMatch(/« mediateur ».*enregistre le fait « offre »/);
  });

  it('unknown-role: established_by names a role the procedure does not have', () => {
    const b = broken([['rules.yaml', PROTEGEE, `${PROTEGEE.slice(0, -2)}, established_by: [mediatuer] }`]]);
    const d = b.diagnostics.find((x) => x.code === 'unknown-role');
    const text = b.texts.get('rules.yaml') as string;
    expect({ file: d?.file, line: d?.line, column: d?.column }).toEqual({
      file: b.fileOf('rules.yaml'),
      ...positionOf(text, 'mediatuer'),
    });
    expect(d?.hint).toContain('« mediateur »');
  });

  it('accepts an owner that fills its own fact, and keeps the fact’s JSON Schema free of established_by', () => {
    const b = broken([['rules.yaml', PROTEGEE, `${PROTEGEE.slice(0, -2)}, established_by: [voisin] }`]]);
    expect(b.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(b.procedure?.rules.establishedBy).toEqual({ partie_protegee: ['voisin'] });
    expect(b.procedure?.rules.facts.partie_protegee).not.toHaveProperty('established_by');
  });
});

describe('stay, guard_unless and record value', () => {
  it('schema: a transition says to: or stay: true, not both', () => {
    const b = broken([
      [
        'procedure.yaml',
        '    to: close\n    roles: [mediateur]\n',
        '    to: close\n    stay: true\n    roles: [mediateur]\n',
      ],
    ]);
    expect(b.diagnostics.map((x) => x.code)).toContain('schema');
    expect(b.procedure).toBeUndefined();
  });

  it('unknown-ruleset: guard_unless names a rule set that does not exist', () => {
    const b = broken([
      [
        'procedure.yaml',
        '    to: close\n    roles: [mediateur]\n',
        '    to: close\n    roles: [mediateur]\n    guard_unless: [orientaton]\n',
      ],
    ]);
    const d = b.diagnostics.find((x) => x.code === 'unknown-ruleset');
    expect(d?.hint).toContain('« orientation »');
    const text = b.texts.get('procedure.yaml') as string;
    expect({ line: d?.line, column: d?.column }).toEqual(positionOf(text, 'orientaton'));
  });

  it('loads a stay transition (no target of its own) and a record of a constant', () => {
    const b = broken([
      [
        'procedure.yaml',
        '    to: close\n    roles: [mediateur]\n',
        '    stay: true\n    roles: [mediateur]\n    guard_unless: [orientation]\n    effects:\n      - record: { fact: offre, value: 0 }\n',
      ],
    ]);
    expect(b.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const t = b.procedure?.transitions.find((x) => x.event === 'clore');
    expect(t).toMatchObject({ stay: true, to: '', guardUnless: ['orientation'] });
    expect(t?.effects[0]).toMatchObject({ kind: 'record', fact: 'offre', value: 0 });
  });
});
