/**
 * Canonical JSON and the journal's hash chain. Each event's hash covers the
 * previous event's hash, so editing, removing or reordering any row of a
 * case's journal breaks every later link (`greffe audit verify`).
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortKeys);
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const x = o[k];
    if (x === undefined) continue;
    // A key named "__proto__" (JSON.parse makes such own keys) must stay a key, not set the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: sortKeys(x), enumerable: true, writable: true });
    else out[k] = sortKeys(x);
  }
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The previous hash of a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a journal row the hash covers (everything but the row id and the hash itself). */
export interface HashedEvent {
  readonly caseId: string;
  readonly seq: number;
  readonly kind: string;
  readonly event: string | null;
  readonly transitionIndex: number | null;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly actorId: string;
  readonly actorRole: string | null;
  readonly at: string;
  readonly dataSha256: string;
  readonly documents: string;
  readonly visibleTo: string;
  readonly specId: string;
  readonly specVersion: string;
  readonly caseVersion: number;
  readonly prevHash: string;
}

/** SHA-256 of the canonical JSON of the event's hashed fields. */
export function eventHash(e: HashedEvent): string {
  return sha256Hex(
    canonicalJson({
      caseId: e.caseId,
      seq: e.seq,
      kind: e.kind,
      event: e.event,
      transitionIndex: e.transitionIndex,
      fromState: e.fromState,
      toState: e.toState,
      actorId: e.actorId,
      actorRole: e.actorRole,
      at: e.at,
      dataSha256: e.dataSha256,
      documents: e.documents,
      visibleTo: e.visibleTo,
      specId: e.specId,
      specVersion: e.specVersion,
      caseVersion: e.caseVersion,
      prevHash: e.prevHash,
    }),
  );
}
