/**
 * Case views are read far more often than cases change: the serialized view
 * of (case, caller) is kept while its stamp holds — the case's journal head
 * and update time (every write to a case moves them), the caller's draft, the
 * caller, and today's date (days left). The stamps come from the database
 * at each request (two indexed reads), so several instances on one database
 * stay correct.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { caseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { civilDateOf } from '../engine/dates.ts';
import { caseNotFound } from '../errors.ts';
import { getCalendar } from '../time/index.ts';
import { caseView } from './case-view.ts';
import type { Runtime } from './context.ts';

export interface CachedView {
  readonly json: string;
  /** Strong ETag of `json`, for `If-None-Match` (a poor connection downloads an unchanged view once). */
  readonly etag: string;
  /** `json` gzipped, made once per cached view (a view is read many times, compressed once). */
  gzip(): Buffer;
}

function cachedView(json: string): CachedView {
  let gz: Buffer | undefined;
  return {
    json,
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
    gzip: () => {
      gz ??= gzipSync(json, { level: 9 });
      return gz;
    },
  };
}

export class ViewCache {
  readonly #entries = new Map<string, CachedView & { stamp: string }>();
  constructor(readonly max = 5_000) {}

  get(key: string, stamp: string): CachedView | undefined {
    const e = this.#entries.get(key);
    if (!e || e.stamp !== stamp) return undefined;
    // Most recently used last: delete and re-insert.
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e;
  }

  set(key: string, stamp: string, view: CachedView): void {
    this.#entries.delete(key);
    this.#entries.set(key, { stamp, ...view });
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The two reads of a cached view's stamp, as plain better-sqlite3 statements (the hot path of every GET). */
interface StampReads {
  readonly head: Statement<[string], StampRow>;
  readonly draft: Statement<[string, string], { saved_at: string }>;
}
interface StampRow {
  journal_seq: number;
  last_hash: string;
  updated_at: string;
  version: number;
  procedure_id: string;
  procedure_version: string;
}
const reads = new WeakMap<Database.Database, StampReads>();
function stampReads(sqlite: Database.Database): StampReads {
  let r = reads.get(sqlite);
  if (!r) {
    r = {
      head: sqlite.prepare(
        'SELECT journal_seq, last_hash, updated_at, version, procedure_id, procedure_version FROM cases WHERE id = ?',
      ),
      draft: sqlite.prepare('SELECT saved_at FROM drafts WHERE case_id = ? AND user_id = ?'),
    };
    reads.set(sqlite, r);
  }
  return r;
}

/**
 * The caller's case view as JSON text. The access check (`caseAccess`, the
 * single gate) runs whenever the view is built; a cached view is served only
 * to the same caller (same id, roles and court) for a case in exactly the
 * state it had when the gate let that caller in — any change to the case, its
 * participants included, moves its journal head or update time, hence the
 * stamp — so the gate would answer the same. Unknown case: CASE_NOT_FOUND.
 */
export function caseViewJson(rt: Runtime, caller: Caller, caseId: string, cache: ViewCache): CachedView {
  const now = rt.clock.now();
  const r = stampReads(rt.store.sqlite);
  const head = r.head.get(caseId);
  if (!head) throw caseNotFound(caseId);
  const procedure = rt.catalog.get(head.procedure_id, head.procedure_version);
  if (!procedure) {
    // A version this server has not loaded: the gate throws (404 to a stranger, 503 otherwise).
    caseAccess(rt, caller, caseId);
    throw new Error(`Affaire ${caseId} : procédure non chargée, et pourtant accessible.`);
  }
  const today = civilDateOf(now, getCalendar(procedure.calendar).timeZone);
  const draft = r.draft.get(caseId, caller.id);
  const stamp = `${head.journal_seq}|${head.last_hash}|${head.updated_at}|${head.version}|${draft?.saved_at ?? ''}|${today}`;
  const key = `${caseId}|${caller.id}|${caller.roles.join(',')}|${caller.court ?? ''}`;
  const hit = cache.get(key, stamp);
  if (hit !== undefined) return hit;
  const a = caseAccess(rt, caller, caseId);
  const view = cachedView(JSON.stringify(caseView(rt.store.q, a, caller, now)));
  cache.set(key, stamp, view);
  return view;
}
