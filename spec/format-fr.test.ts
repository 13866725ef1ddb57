import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatMoney,
  joinFr,
  parseDuration,
  renderTemplate,
} from './format-fr.ts';
import type { Parameter } from './model.ts';

const loc = { file: 'x', line: 1, column: 1 };
const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('French formatting of spec values', () => {
  it('formats amounts with French grouping and the euro sign after', () => {
    expect(nb(formatMoney({ amount: 4000, currency: 'EUR' }))).toBe('4 000 €');
    expect(nb(formatMoney({ amount: 3999.99, currency: 'EUR' }))).toBe('3 999,99 €');
  });
  it('formats durations in words', () => {
    expect(formatDuration('P7D')).toBe('7 jours');
    expect(formatDuration('P1D')).toBe('1 jour');
    expect(formatDuration('P2M')).toBe('2 mois');
    expect(formatDuration('P1Y2M')).toBe('1 an et 2 mois');
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('7 jours')).toBeUndefined();
  });
  it('reads sizes in binary or decimal units when exact', () => {
    expect(nb(formatBytes(20971520))).toBe('20 Mo');
    expect(nb(formatBytes(262144000))).toBe('250 Mo');
    expect(nb(formatBytes(5_000_000))).toBe('5 Mo');
    expect(nb(formatBytes(1234))).toBe('1 234 octets');
  });
  it('joins lists the French way', () => {
    expect(joinFr(['a', 'b', 'c'], 'ou')).toBe('a, b ou c');
    expect(joinFr(['a'])).toBe('a');
  });
  it('renders ${nom} from parameters and extra values', () => {
    const seuil: Parameter = {
      id: 'seuil',
      type: 'money',
      value: { amount: 5000, currency: 'EUR' },
      label: 'Seuil',
      loc,
    };
    const text = renderTemplate(
      '${montant} € contre moins de ${seuil} ; ${inconnu}',
      { parameters: { seuil } },
      { montant: '12' },
    );
    expect(nb(text)).toBe('12 € contre moins de 5 000 € ; ${inconnu}');
  });
});
