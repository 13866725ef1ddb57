/**
 * Issue 12, points 8 and 10, on the generated legal text (docs/recette-issue-12.md): checks that
 * fail on the published annex 1.0.0 and pass on 1.1.0. They read the text as a reader does —
 * the paragraph that lets the judge homologate, the list of the court's actors — not one phrasing.
 */
import { describe, expect, it } from 'vitest';
import { legalTextMarkdown, renderLegalText } from '../renderer/index.ts';
import { loadOrThrow } from '../renderer/test-procedures.ts';

const annex = (version: string) =>
  legalTextMarkdown(renderLegalText(loadOrThrow(`spec/procedures/petits-litiges/${version}`)));
const V1_0 = annex('1.0.0');
const V1_1 = annex('1.1.0');

/** The paragraph (Markdown line) that gives the judge the power to homologate the agreement. */
const homologationParagraph = (md: string) =>
  md.split('\n').find((l) => /Le juge peut homologuer le protocole d.accord/.test(l)) ?? '';

/** Point 8: the homologation's remedies as the law states them (CPC art. 1543 to 1545-1, 462, 463, 582, 593). */
function homologationRemediesStated(md: string): string[] {
  const wrong: string[] = [];
  const p = homologationParagraph(md);
  if (p === '') wrong.push('aucun alinéa ne permet au juge d’homologuer le protocole');
  if (/aucun recours/.test(p)) wrong.push(`l’homologation est dite sans recours : ${p}`);
  if (!/rétractation/.test(p)) wrong.push('la rétractation de l’ordonnance d’homologation n’est pas ouverte');
  if (!/appel du refus d.homologation/i.test(md)) wrong.push('l’appel du refus d’homologation manque');
  for (const r of [
    /rectification d.erreur matérielle/,
    /omission de statuer/,
    /révision/,
    /tierce opposition/i,
  ])
    if (!r.test(md)) wrong.push(`voie de recours absente : ${r.source}`);
  return wrong;
}

/** Point 10: the conciliateur de justice is an auxiliary of justice, not a member of the court. */
function conciliateurNotMember(md: string): string[] {
  return md
    .split('\n')
    .filter((l) => /conciliateur/i.test(l) && /membre de la juridiction/.test(l))
    .map((l) => `le conciliateur dit membre de la juridiction : ${l}`);
}

describe('issue 12 on the legal text: 1.0.0 fails, 1.1.0 passes', () => {
  it('point 8: the homologation decision states its remedies (rétractation, appeal of a refusal), not « aucun recours »', () => {
    expect(homologationRemediesStated(V1_0)).toEqual(
      expect.arrayContaining([expect.stringMatching(/l’homologation est dite sans recours/)]),
    );
    expect(homologationRemediesStated(V1_1)).toEqual([]);
  });

  it('point 10: the conciliateur is not called a member of the court', () => {
    expect(conciliateurNotMember(V1_0)).toHaveLength(1);
    expect(conciliateurNotMember(V1_1)).toEqual([]);
    expect(V1_1).toMatch(/conciliateur[^\n]*auxiliaire de justice/);
  });
});
