/**
 * End of retention (issue 17, crypto-shredding): the closed cases whose
 * procedure version's `retention:` has run out since their closing lose
 * their key of personal data (runtime/store/personal-data.ts) — and with it
 * their personal values, their drafts, the names and messages kept in clear
 * outside the journal, and the bytes of documents no other live case cites.
 * The journal keeps its ciphertext and its hashes: `greffe audit verify`
 * still passes.
 *
 * A version without `retention:` (petits-litiges 1.0.0) declares no basis to
 * erase: its cases are kept, unless the operator sets a default duration
 * (GREFFE_CONSERVATION_DEFAUT, ISO 8601, e.g. P5Y) — docs/exploitation.md.
 *
 * Run by the server once a day (server.ts) and by `greffe conservation`.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { parseDuration } from '../../spec/index.ts';
import type { Procedure } from '../../spec/index.ts';
import { pathOf } from '../documents/storage.ts';
import type { CaseStore } from '../store/case-store.ts';

export interface ShreddedCase {
  readonly caseId: string;
  readonly reference: string;
  readonly procedure: string;
  readonly closedAt: string;
}

export interface ShredReport {
  readonly shredded: readonly ShreddedCase[];
  /** Document files deleted (their bytes cited by no case that keeps its key). */
  readonly files: number;
}

/** `now` minus an ISO 8601 duration of years, months, weeks and days (UTC calendar). */
export function before(now: Date, iso: string): Date {
  const d = parseDuration(iso);
  if (!d) throw new Error(`durée de conservation invalide « ${iso} » (ISO 8601 attendu, ex. P5Y).`);
  const t = new Date(now.getTime());
  t.setUTCFullYear(
    t.getUTCFullYear() - d.years,
    t.getUTCMonth() - d.months,
    t.getUTCDate() - d.weeks * 7 - d.days,
  );
  return t;
}

/** The retention that applies to a version's cases: its own, or the operator's default; undefined: kept. */
export function retentionOf(p: Procedure, fallback?: string): string | undefined {
  return p.retention?.duration ?? fallback;
}

/**
 * Destroys the keys of every case whose retention ended at `now` (closed at
 * or before `now` minus its version's retention), `batch` cases per query.
 */
export async function shredExpired(
  store: CaseStore,
  procedures: readonly Procedure[],
  now: Date,
  o: { readonly defaultRetention?: string; readonly batch?: number } = {},
): Promise<ShredReport> {
  const shredded: ShreddedCase[] = [];
  let files = 0;
  const at = now.toISOString();
  for (const p of procedures) {
    const duration = retentionOf(p, o.defaultRetention);
    if (!duration) continue;
    const closedBefore = before(now, duration).toISOString();
    for (;;) {
      const due = await store.casesToShred({
        procedureId: p.id,
        version: p.version,
        closedBefore,
        limit: o.batch ?? 500,
      });
      if (due.length === 0) break;
      for (const c of due) {
        const r = await store.shredCase(c.id, at);
        if (!r.shredded) continue; // another instance did it meanwhile
        shredded.push({
          caseId: c.id,
          reference: c.reference,
          procedure: `${p.id} ${p.version}`,
          closedAt: c.closedAt,
        });
        for (const sha of r.documents) {
          const file = pathOf(store.documentsDir, sha);
          if (existsSync(file)) {
            unlinkSync(file);
            files++;
          }
        }
      }
    }
  }
  return { shredded, files };
}
