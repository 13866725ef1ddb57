/**
 * Recomputes each case's hash chain from its journal rows and reports the
 * first broken link: a row whose data no longer matches its hash, whose hash
 * no longer matches its fields, that no longer points to the previous row's
 * hash, a gap in the sequence, or a case whose chain head does not match.
 */
import { asc, eq } from 'drizzle-orm';
import { eventHash, sha256Hex } from '../engine/hash.ts';
import type { Exec } from './journal.ts';
import { type CaseRow, cases, type JournalRow, journalEvents } from './schema.ts';
import { GENESIS_HASH } from '../engine/hash.ts';

export interface BrokenLink {
  readonly caseId: string;
  readonly reference: string;
  /** Sequence number of the first item that fails (0 when the case row itself disagrees). */
  readonly seq: number;
  /** French. */
  readonly reason: string;
}

export interface AuditReport {
  readonly cases: number;
  readonly events: number;
  readonly broken: readonly BrokenLink[];
}

function verifyCase(c: CaseRow, rows: readonly JournalRow[]): { events: number; broken?: BrokenLink } {
  const fail = (seq: number, reason: string) => ({
    events: rows.length,
    broken: { caseId: c.id, reference: c.reference, seq, reason },
  });
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq)
      return fail(expectedSeq, `l’événement n° ${expectedSeq} manque (trouvé n° ${r.seq}).`);
    if (r.caseId !== c.id) return fail(r.seq, 'l’événement est rattaché à une autre affaire.');
    if (sha256Hex(r.data) !== r.dataSha256) {
      return fail(r.seq, 'les données de l’événement ne correspondent plus à leur empreinte SHA-256.');
    }
    if (r.prevHash !== prev) return fail(r.seq, 'le lien vers l’événement précédent est rompu.');
    if (eventHash(r) !== r.hash)
      return fail(r.seq, 'l’empreinte de l’événement ne correspond plus à son contenu.');
    prev = r.hash;
    expectedSeq++;
  }
  if (c.journalSeq !== rows.length || c.lastHash !== prev) {
    return fail(
      rows.length + 1,
      `le journal s’arrête à l’événement n° ${rows.length} alors que l’affaire en annonce ${c.journalSeq}.`,
    );
  }
  const last = rows.findLast((r) => r.toState !== null);
  if (last && last.toState !== c.state) {
    return fail(
      last.seq,
      `l’état de l’affaire (${c.state}) ne correspond pas au dernier événement (${last.toState}).`,
    );
  }
  return { events: rows.length };
}

/** Verifies every case, or only `caseId` (by id or reference). */
export function verifyJournal(db: Exec, caseId?: string): AuditReport {
  const all = db.select().from(cases).all();
  const selected = caseId === undefined ? all : all.filter((c) => c.id === caseId || c.reference === caseId);
  let events = 0;
  const broken: BrokenLink[] = [];
  for (const c of selected) {
    const rows = db
      .select()
      .from(journalEvents)
      .where(eq(journalEvents.caseId, c.id))
      .orderBy(asc(journalEvents.seq))
      .all();
    const r = verifyCase(c, rows);
    events += r.events;
    if (r.broken) broken.push(r.broken);
  }
  return { cases: selected.length, events, broken };
}

/** The same check over cases whose journal rows another store reads (PostgreSQL). */
export async function verifyCaseRows(
  selected: readonly CaseRow[],
  rowsOf: (c: CaseRow) => Promise<readonly JournalRow[]>,
): Promise<AuditReport> {
  let events = 0;
  const broken: BrokenLink[] = [];
  for (const c of selected) {
    const r = verifyCase(c, await rowsOf(c));
    events += r.events;
    if (r.broken) broken.push(r.broken);
  }
  return { cases: selected.length, events, broken };
}
