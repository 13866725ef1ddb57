/** Canonical JSON: the text the journal's hashes are computed over, so it must never drift. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, GENESIS_HASH } from './hash.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: [3, { z: 1, y: undefined, x: null }], c: 'é' })).toBe(
      '{"a":[3,{"x":null,"z":1}],"b":1,"c":"é"}',
    );
    expect(canonicalJson([{ b: 2, a: 1 }, 'x', null, true])).toBe('[{"a":1,"b":2},"x",null,true]');
    expect(canonicalJson('texte')).toBe('"texte"');
  });

  it('keeps a "__proto__" key of parsed JSON as a key, without touching any prototype', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true}}') as object;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('gives the journal hash recorded for a known event (the chain of stored cases stays valid)', () => {
    const hash = eventHash({
      caseId: 'c',
      seq: 1,
      kind: 'transition',
      event: 'deposer',
      transitionIndex: 0,
      fromState: null,
      toState: 'ouverte',
      actorId: 'u',
      actorRole: 'demandeur',
      at: '2027-03-01T09:00:00.000Z',
      dataSha256: 'd',
      documents: '[]',
      visibleTo: '[]',
      specId: 'p',
      specVersion: '1.0.0',
      caseVersion: 1,
      prevHash: GENESIS_HASH,
    });
    // Computed with the implementation that wrote the journals already stored.
    expect(hash).toBe('f448e255b18573d52b6cb1c32bc1643cadba0633e8c8bec829690722ade5a1e2');
  });
});
