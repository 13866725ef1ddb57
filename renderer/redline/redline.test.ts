/**
 * The redline's model: word diff over French tokens, item changes and
 * generated articles compared between the annex 1.0.0 and a copy with
 * another threshold, and between the published 1.0.0 and 1.1.0.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { mermaidLabel } from '../diagrams/mermaid-text.ts';
import { plainArticles, renderLegalText } from '../legal/legal-text.ts';
import { diffLegal } from './articles-diff.ts';
import { redlineDiagrams } from './diagrams.ts';
import { diffProcedures, transitionsByKey } from './model-diff.ts';
import { redlineSummary } from './summary-text.ts';
import { tokenize, wordDiff, wordDiffText } from './word-diff.ts';

const V100 = 'spec/procedures/petits-litiges/1.0.0';
const V110 = 'spec/procedures/petits-litiges/1.1.0';
/** Thin and no-break spaces read as plain spaces, for assertions. */
const flat = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir, { matchFolderNames: false });
  if (!procedure) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return procedure;
}

/** A copy of 1.0.0 in a folder named neither after the id nor the version, with `seuil` at 5 000 €. */
function seuil5000(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'greffe-redline-')), 'copie-seuil');
  cpSync(V100, dir, { recursive: true });
  const file = join(dir, 'procedure.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(
    'value: { amount: 4000, currency: EUR }',
    'value: { amount: 5000, currency: EUR }',
  );
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
  return dir;
}

describe('word diff', () => {
  it('keeps a number with its digit groups as one word', () => {
    expect(tokenize('moins de 4\u202f000\u00a0€.')).toEqual([
      'moins',
      ' ',
      'de',
      ' ',
      '4\u202f000',
      '\u00a0',
      '€',
      '.',
    ]);
    const parts = wordDiff('moins de 4\u202f000 €', 'moins de 5\u202f000 €');
    expect(parts.filter((p) => p.op !== 'same').map((p) => [p.op, flat(p.text)])).toEqual([
      ['del', '4 000'],
      ['add', '5 000'],
    ]);
    expect(flat(wordDiffText(parts))).toBe('moins de [-4 000-]{+5 000+} €');
  });

  it('reads a replaced phrase as one removal and one addition', () => {
    const parts = wordDiff('le juge statue vite', 'le greffe enregistre vite');
    expect(parts).toEqual([
      { op: 'same', text: 'le ' },
      { op: 'del', text: 'juge statue' },
      { op: 'add', text: 'greffe enregistre' },
      { op: 'same', text: ' vite' },
    ]);
  });
});

describe('redline of 1.0.0 against a copy with seuil 5 000 €', () => {
  let a: Procedure;
  let b: Procedure;
  beforeAll(() => {
    a = load(V100);
    b = load(seuil5000());
  });

  it('finds the parameter change and nothing else in the model but texts quoting it', () => {
    const diff = diffProcedures(a, b);
    expect(
      diff.parameters.map((c) => [
        c.kind,
        c.id,
        c.properties.map((p) => flat(`${p.property}: ${p.before} → ${p.after}`)),
      ]),
    ).toEqual([['changed', 'seuil', ['Valeur: 4 000 € → 5 000 €']]]);
    for (const key of ['transitions', 'deadlines', 'rules', 'roles', 'phases', 'remedies'] as const)
      expect(diff[key], key).toEqual([]);
    // States, forms and their fields quoting ${seuil} in their texts change with it, and only in those texts.
    expect(diff.states.length + diff.forms.length).toBeGreaterThan(0);
    for (const c of [...diff.states, ...diff.forms.flatMap((f) => [f, ...f.fields])]) {
      expect(c.kind).toBe('changed');
      for (const p of c.properties) {
        expect(flat(p.before ?? '')).toContain('4 000 €');
        expect(flat(p.after ?? '')).toBe(flat(p.before ?? '').replaceAll('4 000 €', '5 000 €'));
      }
    }
  });

  it('marks every article whose generated text quotes the amount, and only those', () => {
    const legal = diffLegal(a, b);
    const quoting = plainArticles(renderLegalText(a))
      .filter((x) => [x.title, ...x.units].some((u) => flat(u).includes('4 000 €')))
      .map((x) => x.article.key);
    expect(quoting.length).toBeGreaterThan(0);
    const changed = legal.articles.filter((x) => x.kind !== 'same');
    expect(changed.map((x) => x.key)).toEqual(quoting);
    for (const x of changed) {
      const edits = x.alineas.flatMap((u) => (u.op === 'edit' ? u.parts.filter((p) => p.op !== 'same') : []));
      expect(edits.length).toBeGreaterThan(0);
      expect(edits.filter((p) => p.op === 'del').map((p) => flat(p.text))).toEqual(
        edits.filter((p) => p.op === 'del').map(() => '4 000'),
      );
      expect(edits.filter((p) => p.op === 'add').map((p) => flat(p.text))).toEqual(
        edits.filter((p) => p.op === 'add').map(() => '5 000'),
      );
    }
    // Diagrams: no act changed; the states whose text quotes the amount are marked changed.
    const diff = diffProcedures(a, b);
    const diagrams = redlineDiagrams(diff);
    expect(diagrams.flatMap((d) => d.edges.filter((e) => e.status !== 'same'))).toEqual([]);
    expect(
      new Set(diagrams.flatMap((d) => d.states.filter((s) => s.status !== 'same').map((s) => s.id))),
    ).toEqual(new Set(diff.states.map((c) => c.id)));
  });

  it('says there is no difference between a version and itself', () => {
    const text = redlineSummary(diffProcedures(a, a), diffLegal(a, a));
    expect(text).toContain('Aucune différence entre les deux versions.');
    expect(text).toContain('Texte de l’annexe : inchangé');
  });
});

describe('redline of 1.0.0 → 1.1.0', () => {
  let a: Procedure;
  let b: Procedure;
  beforeAll(() => {
    a = load(V100);
    b = load(V110);
  });
  const added = (x: Record<string, unknown>, y: Record<string, unknown>) =>
    Object.keys(y).filter((k) => !(k in x));
  const removed = (x: Record<string, unknown>, y: Record<string, unknown>) => added(y, x);

  it('lists the new and removed constructs of 1.1.0', () => {
    const diff = diffProcedures(a, b);
    const ids = (kind: string, cs: readonly { kind: string; id: string }[]) =>
      cs
        .filter((c) => c.kind === kind)
        .map((c) => c.id)
        .sort();
    expect(ids('added', diff.remedies)).toEqual(added(a.remedies, b.remedies).sort());
    expect(ids('added', diff.remedies).length).toBeGreaterThan(0);
    expect(ids('added', diff.states)).toEqual(added(a.states, b.states).sort());
    expect(ids('removed', diff.states)).toEqual(removed(a.states, b.states).sort());
    expect(ids('added', diff.parameters)).toEqual(added(a.parameters, b.parameters).sort());
    expect(ids('added', diff.deadlines)).toEqual(added(a.deadlines, b.deadlines).sort());
    expect(ids('added', diff.forms)).toEqual(added(a.forms, b.forms).sort());
    const keysA = transitionsByKey(a);
    const keysB = transitionsByKey(b);
    expect(ids('added', diff.transitions)).toEqual([...keysB.keys()].filter((k) => !keysA.has(k)).sort());
    expect(ids('removed', diff.transitions)).toEqual([...keysA.keys()].filter((k) => !keysB.has(k)).sort());
    // A changed form lists its changed fields: the renamed matiere of the claim form.
    const demande = diff.forms.find((f) => f.id === 'demande');
    expect(demande?.fields.filter((x) => x.kind === 'removed').map((x) => x.id)).toContain('matiere');
    expect(demande?.fields.filter((x) => x.kind === 'added').map((x) => x.id)).toContain('matiere_declaree');
  });

  it('draws each changed phase with its changes said in the labels, not only by colour', () => {
    const diff = diffProcedures(a, b);
    const diagrams = redlineDiagrams(diff);
    expect(diagrams.length).toBeGreaterThan(0);
    for (const d of diagrams) {
      for (const e of d.edges.filter((x) => x.status === 'added'))
        expect(d.source).toContain(`==>|"${mermaidLabel(`${e.label} (ajouté)`)}"|`);
      for (const e of d.edges.filter((x) => x.status === 'removed'))
        expect(d.source).toContain(`-.->|"${mermaidLabel(`${e.label} (supprimé)`)}"|`);
      for (const s of d.states.filter((x) => x.status === 'removed' && !x.outside))
        expect(d.source).toContain(`${s.label} (supprimé)`);
    }
    const removedStates = removed(a.states, b.states);
    const drawn = new Set(
      diagrams.flatMap((d) => d.states.filter((s) => s.status === 'removed').map((s) => s.id)),
    );
    for (const s of removedStates) expect(drawn.has(s), s).toBe(true);
  });

  it('prints a summary naming every category that changed', () => {
    const text = redlineSummary(diffProcedures(a, b), diffLegal(a, b));
    for (const title of [
      'Paramètres :',
      'États :',
      'Actes (transitions) :',
      'Délais :',
      'Voies de recours :',
      'Règles et faits :',
      'Formulaires :',
      'Texte de l’annexe :',
    ])
      expect(text).toContain(title);
    expect(text).toContain('+ ajout : « Opposition » (opposition)');
  });
});
