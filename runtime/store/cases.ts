/** Opens cases and reads their projection (the engine's snapshot). */
import { randomUUID } from 'node:crypto';
import type { CaseSnapshot, FactRecord } from '../engine/types.ts';
import { GENESIS_HASH } from '../engine/hash.ts';
import { OPENING_MASK } from '../../spec/personal.ts';
import { appendJournal } from './journal.ts';
import type { CaseRow } from './schema.ts';
import { formatReference, referenceCounter } from './reference.ts';
import { call, type Step } from './steps.ts';

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
  /** The opening files the case (its initial state is no draft: reference.ts): it takes its docket number now. */
  readonly numbered?: boolean;
  /** The request's idempotency key: stored with the case, in its transaction. */
  readonly idempotency?: { readonly userId: string; readonly key: string; readonly requestSha256: string };
}

/**
 * Creates a case in its initial state, its creator as participant, and the
 * first journal item. A draft has no docket number: it gets one when it is
 * filed, in the filing event's transaction (reference.ts, commit.ts); a case
 * whose opening is its filing (`numbered`) gets it now.
 */
export function* openCase(input: OpenCaseInput): Step<CaseRow & { replayed?: true }> {
  const at = input.at.toISOString();
  const k = input.idempotency;
  // The same key again (a retry that raced the first, or came after a crash): the first case.
  const first = k && (yield* call('idempotencyOf', { userId: k.userId, key: k.key }));
  const firstCase = first ? yield* call('caseById', { id: first.caseId }) : undefined;
  if (firstCase) return { ...firstCase, replayed: true as const };
  {
    const n = input.numbered ? yield* call('nextCounter', { name: referenceCounter(at) }) : undefined;
    const row: CaseRow = {
      id: randomUUID(),
      reference: n === undefined ? null : formatReference(at, n),
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
      runningDeadlines: 0,
    };
    yield* call('insertCase', row);
    yield* call('insertCaseKey', { caseId: row.id, createdAt: at });
    if (input.partyRole) {
      yield* call('insertParticipant', {
        caseId: row.id,
        role: input.partyRole,
        userId: input.creator.id,
        name: input.creator.name,
        at,
      });
    }
    if (k) {
      yield* call('insertIdempotency', {
        ...k,
        caseId: row.id,
        status: 201,
        response: JSON.stringify({ id: row.id }),
        createdAt: at,
      });
    }
    const { seq, hash } = yield* appendJournal(row, {
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
      personal: OPENING_MASK,
      caseVersion: 0,
    });
    return { ...row, journalSeq: seq, lastHash: hash };
  }
}

/** The reducer's view of a case: state, version, facts, running deadlines, documents. */
export function* snapshotOf(c: CaseRow): Step<CaseSnapshot> {
  const running = (yield* call('runningDeadlineNamesOf', { caseId: c.id })).map(({ party, ...d }) =>
    party === null ? d : { ...d, party },
  );
  const docs = yield* call('documentRefsOf', { caseId: c.id });
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
