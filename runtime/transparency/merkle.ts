/**
 * The Merkle tree of the transparency log, as RFC 6962 §2.1 / RFC 9162 §2.1
 * define it: leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right)
 * (the prefixes keep a leaf from passing for a node), the tree of n leaves
 * splits at the largest power of two below n. Inclusion and consistency
 * proofs with their verifiers (RFC 9162 §2.1.3.2 and §2.1.4.2), and the
 * "frontier" (the roots of the perfect subtrees, largest first) that lets a
 * checkpoint extend the tree without rereading every leaf. Pure: no I/O.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

const sha = (...parts: Uint8Array[]): Hash => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** MTH({}) = SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = sha();

export const leafHash = (entry: Uint8Array | string): Hash =>
  sha(LEAF, typeof entry === 'string' ? Buffer.from(entry, 'utf8') : entry);

export const nodeHash = (left: Hash, right: Hash): Hash => sha(NODE, left, right);

/**
 * What a journal item contributes to the log: its case, its number and its
 * chain hash (which covers every other field, the data through its SHA-256).
 */
export const journalLeafInput = (caseId: string, seq: number, hash: string): string =>
  `greffe-journal/v1\n${caseId}\n${seq}\n${hash}`;

/** Largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of the given leaf hashes (recursive, O(n)). */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Hash;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** The roots of the perfect subtrees of a tree, largest (leftmost) first, with their sizes. */
export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Hash[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

/** Sizes of the perfect subtrees of a tree of `size` leaves, largest first (its binary digits). */
function subtreeSizes(size: number): number[] {
  const sizes: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(size, 1))); bit >= 1; bit /= 2) {
    if (size & bit) sizes.push(bit);
  }
  return sizes;
}

/** The frontier after appending `leaves`. */
export function extend(f: Frontier, leaves: readonly Hash[]): Frontier {
  const hashes = [...f.hashes];
  const sizes = subtreeSizes(f.size);
  for (const leaf of leaves) {
    hashes.push(leaf);
    sizes.push(1);
    while (sizes.length >= 2 && sizes[sizes.length - 1] === sizes[sizes.length - 2]) {
      const right = hashes.pop() as Hash;
      const left = hashes.pop() as Hash;
      hashes.push(nodeHash(left, right));
      const s = sizes.pop() as number;
      sizes.pop();
      sizes.push(2 * s);
    }
  }
  return { size: f.size + leaves.length, hashes };
}

/** The tree hash of the frontier's tree: its subtrees folded from the right. */
export function frontierRoot(f: Frontier): Hash {
  if (f.hashes.length === 0) return EMPTY_ROOT;
  let h = f.hashes[f.hashes.length - 1] as Hash;
  for (let i = f.hashes.length - 2; i >= 0; i--) h = nodeHash(f.hashes[i] as Hash, h);
  return h;
}

/** RFC 6962 PATH(m, D[n]): the audit path of leaf `m` in the tree of `leaves`. */
export function inclusionProof(m: number, leaves: readonly Hash[]): Hash[] {
  if (m < 0 || m >= leaves.length) throw new RangeError(`feuille ${m} hors de l’arbre (${leaves.length})`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...inclusionProof(m, leaves.slice(0, k)), rootOf(leaves.slice(k))]
    : [...inclusionProof(m - k, leaves.slice(k)), rootOf(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: does `proof` put `leaf` at `index` in a tree of `size` leaves whose root is `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 6962 SUBPROOF(m, D[n], b). */
function subproof(m: number, leaves: readonly Hash[], whole: boolean): Hash[] {
  const n = leaves.length;
  if (m === n) return whole ? [] : [rootOf(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), rootOf(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))];
}

/** RFC 6962 PROOF(m, D[n]): the tree of the first m leaves is a prefix of the tree of n. */
export function consistencyProof(m: number, leaves: readonly Hash[]): Hash[] {
  if (m <= 0 || m > leaves.length) throw new RangeError(`taille ${m} hors de 1..${leaves.length}`);
  return subproof(m, leaves, true);
}

/** RFC 9162 §2.1.4.2: is the tree (size1, root1) a prefix of the tree (size2, root2)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Hash[],
  root1: Hash,
  root2: Hash,
): boolean {
  if (size1 < 1 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
