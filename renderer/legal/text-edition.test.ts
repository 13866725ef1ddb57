/**
 * `text_edition` (issue 12, point 4): the published annexes' legal text stays as published while the
 * generator improves; a version that opts in (edition 2, the draft 1.2.0) gets conditions in the words
 * of the law (`title_legal`) and acts that differ only by party or channel in one list, and the drafting
 * checker sees quoted questions, near-identical paragraphs and a parenthesis its sentence repeats.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadProcedure } from '../../spec/index.ts';
import { copySpec, editSpec } from '../../test/helpers/spec-copy.ts';
import { loadOrThrow } from '../test-procedures.ts';
import { checkDrafting } from './drafting-check.ts';
import { plainArticles, renderLegalText } from './legal-text.ts';
import { legalTextMarkdown } from './markdown.ts';

/**
 * SHA-256 of each published version's legal text (Markdown) as published. The generator renders it
 * again at every `greffe docs build` and no lock holds it (the version's lock covers its spec files):
 * this is what keeps it from changing silently. A change here is a change to published law.
 */
const PUBLISHED_TEXT: [string, string][] = [
  [
    'spec/procedures/petits-litiges/1.0.0',
    '94fbf6f2da195d15cb47afa3ec142b95fcbd7181ed1f3b8d00762e217c1cf55e',
  ],
  [
    'spec/procedures/petits-litiges/1.1.0',
    '666de90922354017818b44116f32252d25f0fcf29a4f0151590fb13864b33faa',
  ],
  [
    'spec/procedures/injonction-de-payer/1.0.0',
    'e8ab03731d92d7132500ccc836a971fb35dbaa6d612a1fb457e241ccc2b809b8',
  ],
];

describe.each(PUBLISHED_TEXT)('the published legal text of %s', (dir, sha) => {
  it('is the text as published (text_edition 1)', () => {
    const p = loadOrThrow(dir);
    expect(p.status).toBe('published');
    expect(p.textEdition).toBe(1);
    const md = legalTextMarkdown(renderLegalText(p));
    expect(createHash('sha256').update(md).digest('hex')).toBe(sha);
  });
});

describe('the legal text of the draft 1.2.0 (text_edition 2)', () => {
  const p = loadOrThrow('spec/procedures/petits-litiges/1.2.0');
  const articles = plainArticles(renderLegalText(p)).map((a) => ({
    title: a.title,
    text: a.units.join('\n'),
  }));
  const all = articles.map((a) => `${a.title}\n${a.text}`).join('\n');

  it('quotes no question of a form: conditions say what the answer means in law', () => {
    expect(p.textEdition).toBe(2);
    expect(all).not.toMatch(/«[^»]*\?\s*»/);
    expect(all).not.toMatch(/la réponse à|répond alors à la question/);
    expect(all).toContain('lorsque le demandeur connaît l’adresse électronique du défendeur');
    expect(all).toContain('L’acte mentionne alors les motifs pour lesquels le demandeur estime');
  });

  it('serves the judgment in one list of four cases, its effects said once for the party served', () => {
    const art = articles.find((a) => a.title === 'Signification du jugement');
    expect(art?.text).toMatch(/Le commissaire de justice peut, selon le cas\u202f:/);
    expect(art?.text.match(/signifier le jugement au (?:demandeur|défendeur)/g)).toHaveLength(4);
    expect(art?.text.match(/délai de pourvoi en cassation/g)).toHaveLength(1);
    expect(art?.text).toContain('contre la partie concernée');
    // Each service keeps its own alinéa (a list's items are alinéas): the deadline names four.
    const pourvoi = articles.find((a) => a.title === 'Délais et rappels')?.text ?? '';
    const line = pourvoi.split('\n').find((l) => l.startsWith('Le délai de pourvoi en cassation est')) ?? '';
    expect(new Set(line.match(/\S+ alinéa de l’article 10/g))).toEqual(
      new Set(['quatrième', 'cinquième', 'sixième', 'septième'].map((n) => `${n} alinéa de l’article 10`)),
    );
  });

  it('says the opposition and cassation times are increased for distance (CPC art. 643–644), and no other', () => {
    const lines = (articles.find((a) => a.title === 'Délais et rappels')?.text ?? '').split('\n');
    const increased = lines.filter((l) => l.includes('dans les conditions des articles 643 et 644'));
    expect(increased.map((l) => l.split(' est ')[0])).toEqual([
      'Le délai de pourvoi en cassation',
      'Le délai d’opposition',
    ]);
  });

  it('names the tribunal judiciaire in article 1er, and the conciliateur without repeating his status', () => {
    expect(articles[0]?.text).toContain('le tribunal judiciaire');
    expect(all).not.toMatch(/\(auxiliaire de justice\)\s*:\s*auxiliaire de justice/);
  });

  it('has none of the defects the checker counts', () => {
    expect(checkDrafting(p).diagnostics.map((d) => d.message)).toEqual([]);
  });
});

describe('the drafting checker on a draft written as 1.1.0 was (edition 1, no legal wording)', () => {
  const dir = copySpec('spec/procedures/petits-litiges/1.2.0');
  editSpec(dir, 'procedure.yaml', 'text_edition: 2\n', '');
  editSpec(
    dir,
    'procedure.yaml',
    'Bénévole désigné par le juge, il tente',
    'Auxiliaire de justice bénévole, désigné par le juge, il tente',
  );
  const r = checkDrafting(loadOrThrow(dir));
  const codes = (code: string) => r.diagnostics.filter((d) => d.code === code);

  it('finds each form question quoted in an article, as an error', () => {
    const quoted = codes('redaction-libelle-ecran');
    // Art. 4 (the reasons for the usual procedure), art. 5 (twice), art. 10 (four times).
    expect(quoted).toHaveLength(7);
    expect(quoted.every((d) => d.severity === 'error')).toBe(true);
    expect(quoted.map((d) => d.message).join('\n')).toContain(
      'Connaissez-vous l’adresse électronique du défendeur',
    );
  });

  it('finds the near-identical paragraphs of article 10, not only consecutive sentences', () => {
    const twins = codes('redaction-phrase-repetee').filter((d) => /^Article 10 /.test(d.message));
    expect(twins).toHaveLength(3);
    expect(twins[0]?.message).toMatch(/Alinéa presque identique/);
  });

  it('finds the parenthesis the roles list repeats', () => {
    const t = codes('redaction-tautologie');
    expect(t).toHaveLength(1);
    expect(t[0]?.message).toContain('(auxiliaire de justice)');
  });
});

describe('the spec language’s text_edition and title_legal', () => {
  it('rejects an edition the generator does not know, and a title_legal that is not words', () => {
    const dir = copySpec('spec/procedures/petits-litiges/1.2.0');
    editSpec(dir, 'procedure.yaml', 'text_edition: 2', 'text_edition: 3');
    editSpec(dir, 'forms/demande.yaml', / {6}title_legal: "motifs[^\n]*\n/, '      title_legal: 12\n');
    const d = loadProcedure(dir).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => `${x.file}:${x.message}`).join('\n')).toMatch(/procedure\.yaml.*text_edition/);
    expect(d.map((x) => `${x.file}:${x.message}`).join('\n')).toMatch(/demande\.yaml.*title_legal/);
  });
});
