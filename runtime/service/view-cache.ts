/**
 * Case views are read far more often than cases change: the serialized view
 * of (case, caller) is kept while its stamp holds — the case's journal head
 * and update time (every write to a case moves them), the caller's draft, the
 * caller's roles, and today's date (days left). The stamps come from the
 * database at each request, so several instances on one database stay
 * correct; the access check runs on every request, cached or not.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { CaseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { civilDateOf } from '../engine/dates.ts';
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

/** The caller's case view as JSON text, from the cache when nothing it shows has changed. */
export function caseViewJson(rt: Runtime, caller: Caller, a: CaseAccess, cache: ViewCache): CachedView {
  const now = rt.clock.now();
  const c = a.case;
  const draft = rt.store.q.draftOf.get({ caseId: c.id, userId: caller.id });
  const today = civilDateOf(now, getCalendar(a.procedure.calendar).timeZone);
  const stamp = `${c.journalSeq}|${c.lastHash}|${c.updatedAt}|${c.version}|${draft?.savedAt ?? ''}|${today}|${a.roles.join(',')}`;
  const key = `${c.id}|${caller.id}`;
  const hit = cache.get(key, stamp);
  if (hit !== undefined) return hit;
  const view = cachedView(JSON.stringify(caseView(rt.store.q, a, caller, now)));
  cache.set(key, stamp, view);
  return view;
}
