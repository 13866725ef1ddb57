/** Opens cases and reads their projection (the engine's snapshot). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CaseSnapshot, FactRecord } from '../engine/types.ts';
import { GENESIS_HASH } from '../engine/hash.ts';
import { appendJournal, type Exec } from './journal.ts';
import type { Store } from './open.ts';
import type { Queries } from './queries.ts';
import { type CaseRow, cases, counters } from './schema.ts';

/** The next value of a named counter (inside the caller's transaction). */
function nextCounter(tx: Exec, name: string): number {
  const row = tx
    .insert(counters)
    .values({ name, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value })
    .get();
  return row.value;
}

export interface OpenCaseInput {
  readonly procedureId: string;
  readonly procedureVersion: string;
  readonly initialState: string;
  readonly court: string;
  readonly creator: { readonly id: string; readonly name: string };
  /** The party role the creator takes (undefined for a court actor, who acts through the court). */
  readonly partyRole?: string;
  /** The role the opening is journaled under. */
  readonly actorRole: string;
  readonly at: Date;
}

/**
 * Creates a case in its initial state, its creator as participant, and the
 * first journal item. The reference follows the French docket style: RG 27/00042.
 */
export function openCase(store: Store, input: OpenCaseInput): CaseRow {
  const at = input.at.toISOString();
  const yy = at.slice(2, 4);
  return store.tx(() => {
    const n = nextCounter(store.db, `reference:${yy}`);
    const row: CaseRow = {
      id: randomUUID(),
      reference: `RG ${yy}/${String(n).padStart(5, '0')}`,
      procedureId: input.procedureId,
      procedureVersion: input.procedureVersion,
      court: input.court,
      state: input.initialState,
      version: 0,
      journalSeq: 0,
      lastHash: GENESIS_HASH,
      facts: '{}',
      createdBy: input.creator.id,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
    store.db.insert(cases).values(row).run();
    if (input.partyRole) {
      store.q.insertParticipant.run({
        caseId: row.id,
        role: input.partyRole,
        userId: input.creator.id,
        name: input.creator.name,
        at,
      });
    }
    const { seq, hash } = appendJournal(store.q, row, {
      kind: 'ouverture',
      toState: input.initialState,
      actorId: input.creator.id,
      actorRole: input.actorRole,
      at,
      data: {
        procedure: input.procedureId,
        version: input.procedureVersion,
        court: input.court,
        // Who took the filing role: the audit checks the participants' rows against it.
        ...(input.partyRole && { participant: { role: input.partyRole, name: input.creator.name } }),
      },
      caseVersion: 0,
    });
    return { ...row, journalSeq: seq, lastHash: hash };
  });
}

export function getCase(q: Queries, id: string): CaseRow | undefined {
  return q.caseById.get({ id });
}

/** The reducer's view of a case: state, version, facts, running deadlines, documents. */
export function snapshotOf(q: Queries, c: CaseRow): CaseSnapshot {
  const running = q.runningDeadlineNamesOf
    .all({ caseId: c.id })
    .map(({ party, ...d }) => (party === null ? d : { ...d, party }));
  const docs = q.documentRefsOf.all({ caseId: c.id });
  return {
    id: c.id,
    reference: c.reference,
    procedureId: c.procedureId,
    procedureVersion: c.procedureVersion,
    state: c.state,
    version: c.version,
    seq: c.journalSeq,
    closed: c.closedAt !== null,
    facts: JSON.parse(c.facts) as Record<string, FactRecord>,
    runningDeadlines: running,
    documents: docs,
    court: c.court,
  };
}
