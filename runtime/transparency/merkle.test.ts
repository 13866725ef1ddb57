/** RFC 6962/9162 tree hashes and proofs: known vectors, and every proof checked and tampered with. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_FRONTIER,
  EMPTY_ROOT,
  extend,
  frontierRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entrée ${i}`));
const flip = (h: Buffer) => {
  const c = Buffer.from(h);
  c[0] = (c[0] as number) ^ 1;
  return c;
};

describe('Merkle tree hash (RFC 6962 §2.1)', () => {
  it('matches the RFC 6962 test vectors (certificate-transparency: empty tree, empty leaf, 8 leaves)', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash('').toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const inputs = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const eight = inputs.map((h) => leafHash(Buffer.from(h, 'hex')));
    expect(rootOf(eight).toString('hex')).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
    const [a, b, c] = leaves(3) as [Buffer, Buffer, Buffer];
    expect(rootOf([a, b, c]).equals(nodeHash(nodeHash(a, b), c))).toBe(true);
    // A leaf and a node of the same bytes differ (domain separation).
    expect(leafHash(Buffer.concat([a, b])).equals(nodeHash(a, b))).toBe(false);
  });

  it('extends the frontier to the same root as the whole tree, in any cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }), (n, cut) => {
        const all = leaves(n);
        const k = Math.min(cut, n);
        const f = extend(extend(EMPTY_FRONTIER, all.slice(0, k)), all.slice(k));
        expect(f.size).toBe(n);
        expect(frontierRoot(f).equals(rootOf(all))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('proofs (RFC 9162 §2.1.3, §2.1.4)', () => {
  it('an inclusion proof verifies, and fails for another leaf, index or root', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, m]) => {
          const all = leaves(n);
          const root = rootOf(all);
          const proof = inclusionProof(m, all);
          expect(verifyInclusion(m, n, all[m] as Buffer, proof, root)).toBe(true);
          expect(verifyInclusion(m, n, flip(all[m] as Buffer), proof, root)).toBe(false);
          expect(verifyInclusion(m, n, all[m] as Buffer, proof, flip(root))).toBe(false);
          if (n > 1) expect(verifyInclusion((m + 1) % n, n, all[m] as Buffer, proof, root)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a consistency proof verifies an append-only growth, and fails for a rewritten prefix', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          const all = leaves(n);
          const proof = consistencyProof(m, all);
          const old = rootOf(all.slice(0, m));
          expect(verifyConsistency(m, n, proof, old, rootOf(all))).toBe(true);
          const rewritten = [...all];
          rewritten[m - 1] = leafHash('réécrite');
          expect(verifyConsistency(m, n, proof, rootOf(rewritten.slice(0, m)), rootOf(all))).toBe(false);
          if (m < n) expect(verifyConsistency(m, n, proof, old, rootOf(rewritten))).toBe(m === n);
        },
      ),
      { numRuns: 200 },
    );
  });
});
