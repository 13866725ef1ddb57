/** The shim gives what lodash/fp's set and unset give, and leaves its input as it was. */
import fpSet from 'lodash/fp/set';
import fpUnset from 'lodash/fp/unset';
import { describe, expect, it } from 'vitest';
import { set, unset } from './lodash-fp.ts';

const data = () => ({
  demandeur: { nom: 'Petit', adresse: { ville: 'Lyon' } },
  pieces: [{ nom: 'contrat.pdf' }, { nom: 'facture.pdf' }],
  montant: 850,
});
const PATHS = [
  'montant',
  'demandeur.nom',
  'demandeur.adresse.ville',
  'pieces.1.nom',
  'pieces.2',
  'neuf.a.b',
  'pieces[0].nom',
];

describe('lodash/fp shim', () => {
  it.each(PATHS)('set %s as lodash/fp does, without changing the input', (path) => {
    const input = data();
    const out = set(path, 'x', input);
    expect(out).toEqual(fpSet(path, 'x', data()));
    expect(input).toEqual(data());
    expect(out).not.toBe(input);
  });
  it.each(PATHS)('unset %s as lodash/fp does, without changing the input', (path) => {
    const input = data();
    expect(unset(path, input)).toEqual(fpUnset(path, data()));
    expect(input).toEqual(data());
  });
  it('sets on undefined as on an empty object', () => {
    expect(set('a.b', 1, undefined)).toEqual(fpSet('a.b', 1, undefined));
  });
});
