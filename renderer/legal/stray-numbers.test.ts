/**
 * Every number in the legal text comes from a parameter, or is an article
 * number, or is the entry-into-force date rendered from the spec.
 */
import { describe, expect, it } from 'vitest';
import type { Parameter } from '../../spec/index.ts';
import { ANNEX, loadOrThrow, MEDIATION, withParameters } from '../test-procedures.ts';
import { CALENDAR_FR } from './articles-deadlines.ts';
import { legalPlainText, renderLegalText } from './legal-text.ts';
import { strayNumbers } from './stray-numbers.ts';

const procedures = [
  loadOrThrow(ANNEX),
  loadOrThrow(MEDIATION),
  // Their time is counted in the seized court's calendar (calendar: juridiction).
  loadOrThrow('spec/procedures/petits-litiges/1.1.0'),
  loadOrThrow('spec/procedures/injonction-de-payer/1.0.0'),
];

/** Odd values no text would hold by chance: a figure typed by hand no longer matches once parameters take them. */
function sentinel(p: Parameter): Parameter {
  switch (p.type) {
    case 'money':
      return { ...p, value: { ...p.value, amount: 987_654 } };
    case 'duration':
      return { ...p, value: 'P987D' };
    case 'integer':
      return { ...p, value: 987_653 };
    default:
      return p;
  }
}

describe('numbers in the legal text', () => {
  it('finds a number typed by hand, and accepts article numbers and parameter renderings', () => {
    const p = procedures[1]!;
    expect(strayNumbers('Le délai est de 15 jours.', p).map((n) => n.number)).toEqual([]);
    expect(strayNumbers('Le délai est de 16 jours.', p).map((n) => n.number)).toEqual(['16']);
    expect(
      strayNumbers('Voir l’article 7 et les articles 640 à 642 du Code ; art. L211-1 et R211-3.', p),
    ).toEqual([]);
    expect(strayNumbers('À compter du 1er janvier 2027.', p)).toEqual([]);
    expect(strayNumbers('À compter du 2 janvier 2027.', p).map((n) => n.number)).toEqual(['2', '2027']);
    // The generated sentence on the seized court's holidays names the 26th of December; a drafter's own 26 is still found.
    const calendar = CALENDAR_FR.juridiction as string;
    expect(strayNumbers(calendar, p)).toEqual([]);
    expect(strayNumbers(`${calendar} Le 26 décembre, rien.`, p).map((n) => n.number)).toEqual(['26']);
  });

  it.each(procedures.map((p) => [`${p.id} ${p.version}`, p] as const))(
    '%s: none is typed by hand',
    (_, p) => {
      expect(strayNumbers(legalPlainText(renderLegalText(p)), p)).toEqual([]);
    },
  );

  it.each(procedures.map((p) => [`${p.id} ${p.version}`, p] as const))(
    '%s: every amount and duration follows its parameter (checked with odd parameter values)',
    (_, p) => {
      const odd = withParameters(p, sentinel);
      const text = legalPlainText(renderLegalText(odd));
      expect(strayNumbers(text, odd)).toEqual([]);
      expect(text).toMatch(/987/);
    },
  );
});
