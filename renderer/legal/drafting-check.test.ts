/**
 * The drafting checker: the annex's texts have none of the defects it counts;
 * each defect is found, counted and located (file:line:col of the drafter's
 * string, or of the item the generator phrased), as an error in a draft and a
 * warning in a published version's own strings.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpec, editSpec, FIXTURE_DIR, positionOf } from '../../test/helpers/spec-copy.ts';
import { loadOrThrow, MEDIATION } from '../test-procedures.ts';
import { checkDrafting, DRAFTING_CODES, formatDraftingCounts } from './drafting-check.ts';
import type { LegalText } from './types.ts';
import { typographyFr } from './typography.ts';

const ANNEX_VERSIONS = ['spec/procedures/petits-litiges/1.0.0', 'spec/procedures/petits-litiges/1.1.0'];

describe.each([...ANNEX_VERSIONS, MEDIATION])('the legal text of %s', (dir) => {
  it('has none of the defects the checker counts', () => {
    const r = checkDrafting(loadOrThrow(dir));
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    for (const c of DRAFTING_CODES) expect(r.counts[c]).toBe(0);
  });
});

/** The generator's output as it was before typography: each defect once, in one article. */
const OLD_STYLE: LegalText = {
  title: 'Médiation',
  subtitle: '',
  articles: [
    {
      key: 'a',
      number: 1,
      title: 'Objet',
      refs: [],
      blocks: [
        { kind: 'p', text: "Le délai est de 1 mois ; il court de l'acte prévu à l'article 1." },
        {
          kind: 'p',
          text: 'Le juge peut homologuer, au moyen du formulaire « Accord de médiation ». Cette décision est une décision d’homologation.',
        },
        { kind: 'p', text: 'Le demandeur peut signer le protocole d’accord, en premier.' },
        { kind: 'p', text: 'Le défendeur peut signer le protocole d’accord, en premier.' },
      ],
    },
  ],
};

describe('the checker on text written before French typography', () => {
  const p = loadOrThrow(MEDIATION);
  const r = checkDrafting(p, OLD_STYLE);

  it('counts each defect', () => {
    expect(r.counts).toEqual({
      'redaction-espace': 3,
      'redaction-apostrophe': 2,
      'redaction-article-1er': 1,
      'redaction-duree-en-chiffres': 1,
      'redaction-libelle-ecran': 1,
      'redaction-phrase-repetee': 1,
      'redaction-tautologie': 1,
    });
    expect(formatDraftingCounts(r.counts)).toMatch(
      /^3 espaces ordinaires .*\s2 apostrophes droites\s.*\s1 tautologie$/,
    );
  });

  it('reports the generator’s defects as errors, even in a published version', () => {
    expect(p.status).toBe('published');
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    const tauto = r.diagnostics.find((d) => d.code === 'redaction-tautologie');
    expect(tauto?.message).toMatch(
      /Article 1er \(phrase écrite par le générateur.*Cette décision est une décision/,
    );
    expect(tauto?.hint).toMatch(/statue par ordonnance/);
  });

  it('finds nothing once the renderer’s typography is applied to the same words', () => {
    const fixed = typographyFr("Le délai est de 1 mois ; il court de l'acte prévu à l'article 1.");
    expect(fixed).toBe('Le délai est d’un mois\u202f; il court de l’acte prévu à l’article 1er.');
    const text: LegalText = {
      ...OLD_STYLE,
      articles: [
        { ...(OLD_STYLE.articles[0] as LegalText['articles'][number]), blocks: [{ kind: 'p', text: fixed }] },
      ],
    };
    expect(checkDrafting(p, text).diagnostics).toEqual([]);
  });
});

/** The mediation fixture with a drafted text.fr on `constater_accord`, as a draft or as published. */
function withTextFr(textFr: string, status: 'draft' | 'published') {
  const dir = copySpec(FIXTURE_DIR);
  if (status === 'draft') editSpec(dir, 'procedure.yaml', 'status: published', 'status: draft');
  const yaml = editSpec(
    dir,
    'procedure.yaml',
    '    form: accord\n',
    `    form: accord\n    text:\n      fr: "${textFr}"\n`,
  );
  const p = loadOrThrow(dir);
  return { p, yaml, file: relative(process.cwd(), `${dir}/procedure.yaml`) };
}

describe.each([
  // Typography fixes what it can; a duration past 999 stays in figures, for the drafter to write in words.
  ['redaction-duree-en-chiffres', 'Le médiateur constate l’accord dans les 1000 jours.', '1000 jours'],
  [
    'redaction-libelle-ecran',
    'Le médiateur constate l’accord au vu du formulaire « Accord de médiation ».',
    'Accord de médiation',
  ],
  [
    'redaction-tautologie',
    'Le médiateur constate l’accord. Ce constat est un constat définitif.',
    'Ce constat est un constat',
  ],
  [
    'redaction-phrase-repetee',
    'Le médiateur constate l’accord des voisins. Le médiateur constate l’accord des parties.',
    'Le médiateur constate l’accord des parties',
  ],
])('%s in a drafter’s text.fr', (code, textFr, at) => {
  it('is an error in a draft, at the line and column of the words in the spec', () => {
    const { p, yaml, file } = withTextFr(textFr, 'draft');
    const d = checkDrafting(p).diagnostics.filter((x) => x.code === code);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', file, ...positionOf(yaml, at) });
    expect(d[0]?.message).toMatch(/texte rédigé dans la spécification/);
  });

  it('is a warning in a published version, which cannot change', () => {
    const { p } = withTextFr(textFr, 'published');
    const d = checkDrafting(p).diagnostics.filter((x) => x.code === code);
    expect(d).toHaveLength(1);
    expect(d[0]?.severity).toBe('warning');
    expect(d[0]?.message).toMatch(/Version publiée/);
    expect(d[0]?.hint).toMatch(/nouvelle version/);
  });
});
