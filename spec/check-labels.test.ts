/** The checker warns on a second-person label that other roles read without a neutral `title_tiers` (issue 15, point 4). */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copySpec, editSpec, FIXTURE_DIR, positionOf } from '../test/helpers/spec-copy.ts';
import { SECOND_PERSON } from './check-labels.ts';
import { loadProcedure } from './load.ts';

const labels = (dir: string) =>
  loadProcedure(dir).diagnostics.filter((d) => d.code === 'second-person-label');

const copies: string[] = [];
/** A draft copy of the mediation fixture, whose form `accord` is filled by the mediator, seen by every role. */
function draft(): string {
  const dir = copySpec(FIXTURE_DIR);
  copies.push(dir);
  editSpec(dir, 'procedure.yaml', 'status: published', 'status: draft');
  return dir;
}
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dirname(dirname(dir)), { recursive: true, force: true });
});

describe('second-person-label', () => {
  it('warns, with file, line and column, on a « Vos … » title that another role reads', () => {
    const dir = draft();
    expect(labels(dir)).toEqual([]);
    const text = editSpec(dir, 'forms/accord.yaml', "title: Termes de l'accord", 'title: Vos termes');
    const [d, ...more] = labels(dir);
    expect(more).toEqual([]);
    expect(d?.severity).toBe('warning');
    expect(d?.file).toMatch(/forms\/accord\.yaml$/);
    expect({ line: d?.line, column: d?.column }).toEqual(positionOf(text, 'Vos termes'));
    expect(d?.message).toMatch(/« Vos termes ».*requerant_voisin/);
    expect(d?.hint).toMatch(/title_tiers/);
  });

  it('finds nested fields, and is silenced by a neutral title_tiers', () => {
    const dir = draft();
    editSpec(
      dir,
      'forms/accord.yaml',
      '  properties:\n',
      [
        '  properties:',
        '    parties:',
        '      type: array',
        '      items:',
        '        type: object',
        '        properties:',
        '          nom: { type: string, maxLength: 200, title: "Êtes-vous signataire ?" }',
        '    avis: { type: string, maxLength: 200, title: "Votre avis", title_tiers: "Avis du médiateur" }',
        '',
      ].join('\n'),
    );
    expect(labels(dir).map((d) => d.message.match(/« (.*?) »/)?.[1])).toEqual(['Êtes-vous signataire ?']);
  });

  it('leaves alone a form only its fillers see, and a published version (frozen: a correction is a new version)', () => {
    const dir = draft();
    editSpec(dir, 'forms/accord.yaml', "title: Termes de l'accord", 'title: Vos termes');
    editSpec(dir, 'procedure.yaml', '    form: accord\n', '    form: accord\n    visible_to: [mediateur]\n');
    expect(labels(dir)).toEqual([]);
    editSpec(dir, 'procedure.yaml', '    visible_to: [mediateur]\n', '');
    expect(labels(dir)).toHaveLength(1);
    editSpec(dir, 'procedure.yaml', 'status: draft', 'status: published');
    expect(labels(dir)).toEqual([]);
  });

  it('takes « vous », « votre », « vos » as words, with or without a hyphen, in any case', () => {
    for (const t of ['Votre adresse', 'Vos observations', 'Que demandez-vous ?', 'Ce que VOUS contestez'])
      expect(t).toMatch(SECOND_PERSON);
    for (const t of ['Adresse du défendeur', 'Fromage vosgien', 'Date du rendez-vous', 'Les vôtres'])
      expect(t).not.toMatch(SECOND_PERSON);
  });
});
