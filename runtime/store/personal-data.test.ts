/** Encryption of personal values with a case's key, and what they read once it is destroyed (personal-data.ts). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED, Keyring, seal, unseal, unsealJson } from './personal-data.ts';

const ring = new Keyring(randomBytes(32), { development: true, source: 'test' });

describe('personal values', () => {
  const key = ring.unwrap('c1', ring.newWrappedKey('c1'));
  const data = { partie: { nom: 'Martin', qualite: 'personne_physique' }, montant: 800, liste: ['a@b.fr'] };
  const mask = { partie: { nom: true }, liste: { '[]': true } } as const;

  it('are encrypted where the mask says, and read back with the key', () => {
    const sealed = seal(key, 'c1', data, mask) as typeof data;
    expect(sealed.partie.nom).toMatch(/^chiffre:v1:/);
    expect(sealed.liste[0]).toMatch(/^chiffre:v1:/);
    expect(sealed.partie.qualite).toBe('personne_physique');
    expect(sealed.montant).toBe(800);
    expect(unseal(key, 'c1', sealed)).toEqual(data);
    expect(JSON.parse(unsealJson(key, 'c1', JSON.stringify(sealed)))).toEqual(data);
  });

  it('read « donnée effacée » once the key is destroyed, and do not open under another case', () => {
    const sealed = seal(key, 'c1', data, mask);
    expect(unseal(null, 'c1', sealed)).toEqual({
      ...data,
      partie: { ...data.partie, nom: ERASED },
      liste: [ERASED],
    });
    expect(() => unseal(key, 'c2', sealed)).toThrow();
  });

  it('are left as they are for a case without a key (opened before crypto-shredding)', () => {
    expect(seal(undefined, 'c1', data, mask)).toEqual(data);
  });

  it('need the master key that wrapped the case key', () => {
    const wrapped = ring.newWrappedKey('c3');
    const other = new Keyring(randomBytes(32), { development: true, source: 'autre' });
    expect(() => other.unwrap('c3', wrapped)).toThrow(/clé maîtresse/);
  });
});
