/**
 * Case views are read far more often than cases change: the serialized view
 * of (case, caller) is kept while its stamp holds — the case's journal head
 * and update time (every write to a case moves them), the caller's draft, the
 * caller, and today's date (days left). The stamps come from the database
 * (one indexed read), so several processes on one database stay correct; and
 * while nothing at all has been written to the database since a view was
 * stamped, that read is skipped: the stamp cannot have moved. The store's
 * write mark says so: it sees this process's commits at once and another
 * process's from the next turn of the event loop (sub-millisecond; with
 * SQLite one instance serves a file, docs/exploitation.md, and any write is still
 * checked against the case version).
 */
import { createHash } from 'node:crypto';
import { caseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { civilDateOf } from '../engine/dates.ts';
import { caseNotFound } from '../errors.ts';
import { caseCalendar } from '../engine/instances.ts';
import { JsonText } from './json-text.ts';
import { caseView } from './case-view.ts';
import type { Runtime } from './context.ts';

export interface CachedView {
  /** The view's JSON, gzipped once when first asked (a view is read many times, compressed once). */
  readonly body: JsonText;
  /** Strong ETag of the JSON, for `If-None-Match` (a poor connection downloads an unchanged view once). */
  readonly etag: string;
}

interface Entry extends CachedView {
  /** The case's and the caller's stamp when the view was built or last checked. */
  readonly stamp: string;
  /** The store's write mark read before that stamp. */
  mark: string;
  /** The court's date the view was built on, and the zone that date is taken in. */
  readonly today: string;
  readonly timeZone: string;
}

export class ViewCache {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly max = 5_000) {}

  /** The entry under `key`, now the most recently used. */
  get(key: string): Entry | undefined {
    const e = this.#entries.get(key);
    if (e) {
      this.#entries.delete(key);
      this.#entries.set(key, e);
    }
    return e;
  }

  set(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}

const keyOf = (caller: Caller, caseId: string) =>
  `${caseId}|${caller.id}|${caller.roles.join(',')}|${caller.court ?? ''}`;

/**
 * The caller's cached view when nothing at all was written since it was
 * stamped (same write mark, same court date): no read, no promise — the hot
 * path of a GET. Undefined otherwise: ask `caseViewJson`.
 */
export function freshView(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  cache: ViewCache,
): CachedView | undefined {
  const known = cache.get(keyOf(caller, caseId));
  if (known?.mark === rt.store.writeMark() && civilDateOf(rt.clock.now(), known.timeZone) === known.today)
    return known;
  return undefined;
}

/**
 * The caller's case view as JSON text. The access check (`caseAccess`, the
 * single gate) runs whenever the view is built; a cached view is served only
 * to the same caller (same id, roles and court) for a case in exactly the
 * state it had when the gate let that caller in — any change to the case, its
 * participants included, moves its journal head or update time, hence the
 * stamp — so the gate would answer the same. Unknown case: CASE_NOT_FOUND.
 */
export async function caseViewJson(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  cache: ViewCache,
): Promise<CachedView> {
  const now = rt.clock.now();
  const key = keyOf(caller, caseId);
  // Read before the stamp: a write landing in between moves the mark, so the next request rereads.
  const mark = rt.store.writeMark();
  const known = cache.get(key);
  if (known?.mark === mark && civilDateOf(now, known.timeZone) === known.today) return known;
  const head = await rt.store.viewStamp(caseId, caller.id);
  if (!head) throw caseNotFound(caseId);
  const procedure = rt.catalog.get(head.procedureId, head.procedureVersion);
  if (!procedure) {
    // A version this server has not loaded: the gate throws (404 to a stranger, 503 otherwise).
    await caseAccess(rt, caller, caseId);
    throw new Error(`Affaire ${caseId} : procédure non chargée, et pourtant accessible.`);
  }
  const timeZone = caseCalendar(procedure, undefined).timeZone; // every calendar's zone is the court's, Paris
  const today = civilDateOf(now, timeZone);
  const stamp = `${head.journalSeq}|${head.lastHash}|${head.updatedAt}|${head.version}|${head.draftSavedAt ?? ''}|${today}`;
  if (known?.stamp === stamp) {
    known.mark = mark;
    return known;
  }
  const a = await caseAccess(rt, caller, caseId);
  const versionOf = (v: string) => rt.catalog.get(a.case.procedureId, v);
  const json = JSON.stringify(
    caseView(await rt.store.caseRecord(caseId, caller.id), a, caller, now, versionOf),
  );
  const entry: Entry = {
    body: new JsonText(json),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
    stamp,
    mark,
    today,
    timeZone,
  };
  cache.set(key, entry);
  return entry;
}
