/**
 * Firing an event: the runtime around the pure engine step. Authenticate
 * (done by the API), read the case through the access gate, answer a replayed
 * Idempotency-Key with its first answer, let the engine decide, store the
 * bytes of produced documents, then commit everything in one transaction
 * (a savepoint of a group commit shared with concurrent events: one WAL sync
 * for all, each answered once durable).
 *
 * The answer is short — the case's new version and state, the journal item's
 * number and hash, and where to read the case view — and is stored as is with
 * the Idempotency-Key: building the whole view inside the write transaction
 * cost more than the rest of the event, and a poor connection downloads the
 * view only if it wants it (GET, cached, with an ETag).
 */
import type { Procedure } from '../../spec/index.ts';
import { type CaseAccess, caseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { canonicalJson, sha256Hex } from '../engine/hash.ts';
import { transition } from '../engine/transition.ts';
import type { Command, TransitionResult } from '../engine/types.ts';
import { GreffeError } from '../errors.ts';
import { storeBytes } from '../documents/storage.ts';
import { isFiling, ReferenceTaken } from '../store/case-store.ts';
import {
  type Accepted,
  type CaseRow,
  type EventCommit,
  SYSTEM_ACTOR,
  VersionConflict,
} from '../store/case-store.ts';
import { stateSummary, visibleItems } from './case-view.ts';
import { checkAttachments, threadEvents } from './thread.ts';
import type { Runtime } from './context.ts';
import { codeSecret } from '../identity/login-codes.ts';
import { type SignatureEvidence, signatureEvidence } from './protocol-signature.ts';

export interface FireRequest {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly expectedVersion: number;
  /** A signing act's one-time code (protocol-signature.ts); never journaled nor hashed into the request. */
  readonly signatureCode?: string;
}

/** What an accepted event answers, and what a replay of its Idempotency-Key answers again. */
export interface EventAnswer {
  readonly id: string;
  readonly caseVersion: number;
  readonly state: { id: string; label: string; final: boolean; outcome: string | null };
  /** The journal item the event wrote. */
  readonly event: { seq: number; event: string; at: string; hash: string };
  /** The case view's address (GET). */
  readonly view: string;
}

export interface Answer {
  readonly status: number;
  /** The answer's JSON text (stored as is with the idempotency key). */
  readonly json: string;
  /** True when this is the stored first answer to a replayed Idempotency-Key. */
  readonly replayed: boolean;
}

const conflict = (caseVersion: number) =>
  new GreffeError(
    409,
    'VERSION_CONFLICT',
    'L’affaire a changé depuis que vous l’avez ouverte : rechargez-la avant d’agir.',
    {
      caseVersion,
    },
  );

async function storedAnswer(
  rt: Runtime,
  userId: string,
  key: string,
  requestSha256: string,
  caseId: string,
): Promise<Answer | undefined> {
  const row = await rt.store.idempotentAnswer(userId, key);
  if (!row) return undefined;
  if (row.requestSha256 !== requestSha256 || row.caseId !== caseId) {
    throw new GreffeError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Cette clé d’idempotence a déjà servi pour une autre demande : utilisez une nouvelle clé.',
      { key },
    );
  }
  return { status: row.status, json: row.response, replayed: true };
}

/** Dev mode: the sample user who takes a summoned role. */
function sampleFor(rt: Runtime): EventCommit['sampleUserFor'] {
  if (!rt.dev) return undefined;
  return (role) => {
    const u = rt.sampleUsers.find((s) => s.id === role);
    return u ? { id: u.id, name: u.name } : undefined;
  };
}

/**
 * Runs the reducer on case `c`; throws its refusal as a GreffeError. Nothing is stored. A draft's filing
 * is decided again with the docket number it would be given, so that its documents print it (the commit
 * checks that number is still free: store/reference.ts).
 */
async function decide(rt: Runtime, p: Procedure, c: CaseRow, command: Command, now: Date): Promise<Accepted> {
  const snapshot = await rt.store.caseSnapshot(c);
  let d: TransitionResult = transition(p, snapshot, command, now, rt.guards(p));
  if (d.ok && snapshot.reference === null && isFiling(p, d.event.from, d.event.to)) {
    const reference = await rt.store.predictedReference(d.event.at);
    d = transition(p, { ...snapshot, reference }, command, now, rt.guards(p));
  }
  if (!d.ok) throw new GreffeError(d.error.status, d.error.code, d.error.message, d.error.details ?? {});
  return d;
}

/** How many times a filing is decided again when concurrent filings keep taking its number. */
const FILING_ATTEMPTS = 5;

/**
 * Commits what `decideAgain` decides; when a concurrent filing took the docket number the decision's
 * documents print, decides again (with the next number) and retries.
 */
async function commitDecided<T>(
  decideAgain: () => Promise<Accepted>,
  commit: (d: Accepted) => Promise<T>,
  first: Accepted,
): Promise<T> {
  let decision = first;
  for (let attempt = 1; ; attempt++) {
    try {
      return await commit(decision);
    } catch (err: unknown) {
      if (!(err instanceof ReferenceTaken)) throw err;
      if (attempt >= FILING_ATTEMPTS)
        throw new GreffeError(
          503,
          'FILING_BUSY',
          'De nombreuses demandes sont déposées en ce moment : rien n’a été enregistré, réessayez dans un instant.',
        );
      decision = await decideAgain();
    }
  }
}

/** Runs the reducer on case `c`; throws its refusal as a GreffeError, stores the bytes of produced documents. */
async function decideOn(
  rt: Runtime,
  p: Procedure,
  c: CaseRow,
  command: Command,
  now: Date,
): Promise<Accepted> {
  const d = await decide(rt, p, c, command, now);
  for (const e of d.effects) {
    if (e.type === 'document.produce')
      await storeBytes(rt.store.documentsDir, e.document.sha256, e.document.content);
  }
  return d;
}

/** A thread message's attachments are documents of the case its author sees (runtime/service/thread.ts). */
async function checkThreadAttachments(
  rt: Runtime,
  a: CaseAccess,
  caller: Caller,
  req: Pick<FireRequest, 'event' | 'data'>,
): Promise<void> {
  if (!threadEvents(a.procedure).has(req.event)) return;
  const { shownDocs } = visibleItems(await rt.store.caseRecord(a.case.id, caller.id), a, caller);
  checkAttachments(a.procedure, req.event, req.data, new Set(shownDocs.map((d) => d.id)));
}

/** The signing event with its evidence in its data (journaled and hashed with it). */
function withEvidence(d: Accepted, evidence: SignatureEvidence | undefined): Accepted {
  if (!evidence) return d;
  // Signed when the event is: its time in the journal (the platform's clock).
  const data = { ...d.event.data, preuve_signature: { ...evidence, signeLe: d.event.at } };
  return { ...d, event: { ...d.event, data, dataSha256: sha256Hex(canonicalJson(data)) } };
}

/** POST /api/cases/:id/events. */
export async function fireEvent(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  fired: FireRequest,
  key: string,
): Promise<Answer> {
  const { signatureCode, ...req } = fired;
  let a = await caseAccess(rt, caller, caseId);
  const requestSha256 = sha256Hex(canonicalJson({ caseId, ...req }));
  const stored = await storedAnswer(rt, caller.id, key, requestSha256, caseId);
  if (stored) return stored;
  if (await rt.expireDue(caseId)) a = await caseAccess(rt, caller, caseId);
  await checkThreadAttachments(rt, a, caller, req);
  const now = rt.clock.now();
  const actor = { kind: 'user', id: caller.id, roles: a.roles } as const;
  const command = { ...req, actor };
  // Decided once before a signing act's code is checked: a refused act does not use the code up.
  const first = await decideOn(rt, a.procedure, a.case, command, now);
  const evidence = await signatureEvidence(rt, codeSecret(rt.store), a, caller, req.event, signatureCode);
  const again = async () =>
    withEvidence(
      await decideOn(rt, a.procedure, (await caseAccess(rt, caller, caseId)).case, command, now),
      evidence,
    );
  try {
    const committed = await commitDecided(
      again,
      (decision) =>
        rt.store.commitEvent({
          procedure: a.procedure,
          caseId,
          decision,
          actorId: caller.id,
          idempotency: { userId: caller.id, key, requestSha256 },
          ...(rt.dev && { sampleUserFor: sampleFor(rt) }),
          respond: (c, seq, hash) => {
            const answer: EventAnswer = {
              id: c.id,
              caseVersion: decision.snapshot.version,
              state: stateSummary(a.procedure, decision.snapshot.state),
              event: { seq, event: decision.event.event, at: decision.event.at, hash },
              view: `/api/cases/${encodeURIComponent(c.id)}`,
            };
            return { status: 200, json: JSON.stringify(answer) };
          },
        }),
      withEvidence(first, evidence),
    );
    rt.afterCommit(caseId);
    return {
      status: committed.response?.status ?? 200,
      json: committed.response?.json ?? 'null',
      replayed: false,
    };
  } catch (err: unknown) {
    if (!(err instanceof VersionConflict)) throw err;
    // The same key may have won the race in a concurrent request: then this is a replay.
    const replay = await storedAnswer(rt, caller.id, key, requestSha256, caseId);
    if (replay) return replay;
    throw conflict(err.caseVersion);
  }
}

/** What an event would record, as the reducer decides it now: the transition's label and the state reached. */
export interface EventPreview {
  readonly label: string;
  readonly state: { id: string; label: string; final: boolean; outcome: string | null };
}

/**
 * POST /api/cases/:id/events/preview: the same reducer on the same snapshot as `fireEvent`, nothing
 * committed — the review page names the transition the answers lead to (its label, not the first
 * transition of the event's), or shows the refusal before anything is sent.
 */
export async function previewEvent(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  req: Omit<FireRequest, 'expectedVersion'>,
): Promise<EventPreview> {
  await rt.expireDue(caseId);
  const a = await caseAccess(rt, caller, caseId);
  await checkThreadAttachments(rt, a, caller, req);
  const actor = { kind: 'user', id: caller.id, roles: a.roles } as const;
  const command = { ...req, expectedVersion: a.case.version, actor };
  const d = await decide(rt, a.procedure, a.case, command, rt.clock.now());
  return { label: d.event.label, state: stateSummary(a.procedure, d.snapshot.state) };
}

/**
 * The scheduler's path: the automatic transition a deadline's expiry fires
 * (runtime/engine/expiry.ts `expiryCommand`, actor = the system).
 */
export async function fireSystemEvent(
  rt: Runtime,
  p: Procedure,
  c: CaseRow,
  command: Command,
  expiredDeadlineId: number,
  expiryAlerts?: EventCommit['expiryAlerts'],
): Promise<{ seq: number } | { refused: GreffeError }> {
  const now = rt.clock.now();
  try {
    const again = async () => {
      const fresh = await rt.store.getCase(c.id);
      if (!fresh) throw new Error(`Affaire ${c.id} introuvable.`);
      return decideOn(rt, p, fresh, command, now);
    };
    const { seq } = await commitDecided(
      again,
      (decision) =>
        rt.store.commitEvent({
          procedure: p,
          caseId: c.id,
          decision,
          actorId: SYSTEM_ACTOR,
          expiredDeadlineId,
          ...(expiryAlerts && { expiryAlerts }),
          ...(rt.dev && { sampleUserFor: sampleFor(rt) }),
        }),
      await decideOn(rt, p, c, command, now),
    );
    rt.afterCommit(c.id);
    return { seq };
  } catch (err: unknown) {
    if (err instanceof GreffeError) return { refused: err };
    if (err instanceof VersionConflict) return { refused: conflict(err.caseVersion) };
    throw err;
  }
}
