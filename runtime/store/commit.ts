/**
 * What an accepted event writes, in ONE transaction: it persists what the
 * reducer (runtime/engine/transition.ts) returned and decides nothing — the
 * journal item, the case's next snapshot (state, version, facts, closing),
 * the deadline rows started and stopped, the produced documents, the outbox
 * messages and the idempotency record. Written once as a step (steps.ts):
 * SQLite runs it synchronously inside a better-sqlite3 transaction,
 * PostgreSQL awaits it on its transaction's connection. Anything thrown
 * inside rolls all of it back.
 */
import type { Procedure } from '../../spec/index.ts';
import type { FactRecord, Transitioned } from '../engine/types.ts';
import { endDeadline, startDeadlineRow } from './deadline-rows.ts';
import { type PersonalMask, procedurePersonal } from '../../spec/personal.ts';
import { appendJournal } from './journal.ts';
import { type CaseKey, seal } from './personal-data.ts';
import { queueMessages } from './messages.ts';
import { hearingDateField } from '../engine/sessions.ts';
import { formatReference, isFiling, ReferenceTaken, referenceCounter } from './reference.ts';
import { type SampleFor, summon } from './participants.ts';
import type { CaseRow } from './schema.ts';
import { call, type Step } from './steps.ts';

export type Accepted = Transitioned;

/** The case changed between the decision and the commit (another event won the race). */
export class VersionConflict extends Error {
  constructor(readonly caseVersion: number) {
    super('version conflict');
  }
}

export interface IdempotencyRecord {
  readonly userId: string;
  readonly key: string;
  readonly requestSha256: string;
}

export interface CommitInput {
  readonly procedure: Procedure;
  readonly caseId: string;
  readonly decision: Accepted;
  /** User id, or SYSTEM_ACTOR. */
  readonly actorId: string;
  /** The deadline row whose expiry fired this event (scheduler). */
  readonly expiredDeadlineId?: number;
  readonly idempotency?: IdempotencyRecord;
  /** Dev mode: the sample user who takes a summoned (or first addressed) party role at once. */
  readonly sampleUserFor?: SampleFor;
  /** Builds the answer stored with the idempotency key; runs inside the transaction, after the writes. */
  readonly respond?: (c: CaseRow, seq: number, hash: string) => { status: number; json: string };
  /** More writes that must share the event's transaction (e.g. the expiry alerts of the deadline that fired it). */
  readonly alsoInTransaction?: (c: CaseRow, seq: number) => Step<void>;
  /** Test hook: throws inside the transaction after the given write step. */
  readonly failAfter?: 'journal' | 'effects' | 'case';
}

export interface Committed {
  readonly seq: number;
  readonly hash: string;
  readonly response?: { status: number; json: string };
}

/**
 * The case's facts as the reducer left them, numbered by the journal item
 * actually written: items that do not change the case's version (pieces,
 * participations) may have been journaled since the snapshot was read.
 */
function factsAt(next: Accepted['snapshot'], seq: number): Record<string, FactRecord> {
  if (seq === next.seq) return next.facts as Record<string, FactRecord>;
  const facts: Record<string, FactRecord> = {};
  for (const [k, f] of Object.entries(next.facts)) facts[k] = f.seq === next.seq ? { ...f, seq } : f;
  return facts;
}

/** The facts with their personal values encrypted with the case's key (spec/personal.ts). */
function sealFacts(
  p: Procedure,
  key: CaseKey,
  caseId: string,
  facts: Record<string, FactRecord>,
): Record<string, FactRecord> {
  const masks = procedurePersonal(p).facts;
  if (key === undefined || masks.size === 0) return facts;
  const out: Record<string, FactRecord> = {};
  for (const [k, f] of Object.entries(facts)) {
    const m = masks.get(k);
    out[k] = m ? { ...f, value: seal(key, caseId, f.value, m) as FactRecord['value'] } : f;
  }
  return out;
}

/** The case's key, when the procedure has personal facts. */
function* factsKey(p: Procedure, caseId: string): Step<CaseKey> {
  return procedurePersonal(p).facts.size > 0 ? yield* call('caseKey', { caseId }) : undefined;
}

/**
 * A signing event's evidence names the address its code went to, masked (runtime/service/protocol-signature.ts):
 * still personal, so sealed with the case's key like the form's personal answers.
 */
function withEvidenceMask(
  mask: PersonalMask | undefined,
  data: Readonly<Record<string, unknown>>,
): PersonalMask | undefined {
  if (!('preuve_signature' in data) || mask === true) return mask;
  return { ...(mask ?? {}), preuve_signature: { destinataire: true } };
}

/** The writes of an accepted event; runs inside the caller's transaction or savepoint. */
export function* writeEvent(input: CommitInput): Step<Committed> {
  const { procedure: p, decision: d } = input;
  const next = d.snapshot;
  const found = yield* call('caseById', { id: input.caseId });
  if (!found) throw new Error(`Affaire ${input.caseId} introuvable.`);
  if (found.version !== next.version - 1) throw new VersionConflict(found.version);
  let c = found;
  const at = d.event.at;
  // The filing (the case leaves its initial state for a live one): the docket number is given now, in this
  // transaction, and must be the one the reducer printed on the event's documents (reference.ts).
  const filing = isFiling(p, d.event.from, d.event.to);
  if (filing && c.reference === null) {
    const reference = formatReference(at, yield* call('nextCounter', { name: referenceCounter(at) }));
    if (reference !== next.reference) throw new ReferenceTaken(next.reference);
    if ((yield* call('assignReference', { id: c.id, reference })) !== 1) throw new VersionConflict(c.version);
    c = { ...c, reference };
  }
  const seq = c.journalSeq + 1;
  const journal = yield* appendJournal(
    c,
    {
      kind: 'transition',
      event: d.event.event,
      transitionIndex: d.event.transition.index,
      fromState: d.event.from,
      toState: d.event.to,
      actorId: input.actorId,
      actorRole: d.event.actorRole,
      at,
      data: d.event.data,
      personal: withEvidenceMask(procedurePersonal(p).transition.get(d.event.transition.index), d.event.data),
      documents: d.event.documents,
      visibleTo: d.event.visibleTo,
      caseVersion: next.version,
    },
    false,
  );
  const { hash } = journal;
  // Dedupe keys of this event's messages start with the journal row's id: unique, and increasing, so
  // their index grows at its right edge instead of touching a random page per event.
  const tag = `j${journal.id}`;
  if (input.failAfter === 'journal') throw new Error('échec simulé après le journal');
  if (input.expiredDeadlineId) {
    // Another instance (or an earlier run) already ended it: this event must not fire twice.
    const ended = yield* call('endDeadline', { id: input.expiredDeadlineId, status: 'expired', at, seq });
    if (ended !== 1) throw new VersionConflict(c.version);
  }
  // The filing: the filer's e-mail carries the receipt (issue 15).
  const messages = {
    p,
    c,
    seq,
    tag,
    at,
    sample: input.sampleUserFor,
    issued: new Map(),
    ...(filing && d.event.actorRole && { receiptFor: d.event.actorRole }),
    session: isSessionConvocation(p, d.event.transition.index),
  };
  let produced = 0;
  for (const [i, e] of d.effects.entries()) {
    switch (e.type) {
      case 'deadline.start':
        yield* startDeadlineRow(p, c, e, at, seq);
        break;
      case 'deadline.stop':
        yield* endDeadline(c.id, e.deadline, 'stopped', at, seq, e.party);
        break;
      case 'fact.record': // in the next snapshot's facts
        break;
      case 'document.produce': {
        const ref = d.event.documents[produced++];
        if (ref?.sha256 !== e.document.sha256) throw new Error('Document produit sans référence.');
        yield* call('insertDocument', {
          id: ref.id,
          caseId: c.id,
          kind: e.document.kind,
          filename: e.document.filename,
          mediaType: e.document.mediaType,
          size: e.document.size,
          sha256: e.document.sha256,
          origin: 'production',
          uploadedAt: at,
          uploadedBy: input.actorId,
          uploadedByRole: d.event.actorRole,
          journalSeq: seq,
        });
        break;
      }
      case 'summon':
        yield* summon(p, c, e.role, at, seq, input.sampleUserFor, messages.issued, tag);
        break;
      default:
        yield* queueMessages(messages, e, i);
    }
  }
  if (input.alsoInTransaction) yield* input.alsoInTransaction(c, seq);
  if (input.failAfter === 'effects') throw new Error('échec simulé après les effets');
  const moved = yield* call('moveCaseState', {
    id: c.id,
    expectedVersion: c.version,
    seq,
    hash,
    state: next.state,
    version: next.version,
    facts: JSON.stringify(sealFacts(p, yield* factsKey(p, c.id), c.id, factsAt(next, seq))),
    at,
    closedAt: next.closed ? (c.closedAt ?? at) : null,
  });
  if (moved !== 1) throw new VersionConflict(c.version);
  if (input.failAfter === 'case') throw new Error('échec simulé après la projection');
  const response = input.respond?.(c, seq, hash);
  if (input.idempotency && response) {
    yield* call('insertIdempotency', {
      ...input.idempotency,
      caseId: c.id,
      status: response.status,
      response: response.json,
      createdAt: at,
    });
  }
  return { seq, hash, ...(response && { response }) };
}

/** Whether transition `index` convenes a hearing or a session (engine/sessions.ts). */
function isSessionConvocation(p: Procedure, index: number): boolean {
  const t = p.transitions[index];
  return t !== undefined && hearingDateField(p, t) !== undefined;
}
