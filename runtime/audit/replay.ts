/**
 * Recomputes a case's projection from its journal with the one reducer
 * (runtime/engine): every transition item is decided again on the snapshot
 * the items before it give, and must come out as it was journaled. What the
 * fold yields — state, version, facts, participants, deadline rows, documents
 * — is what the case's rows must say (verify.ts compares).
 */
import type { Procedure } from '../../spec/index.ts';
import { rulesGuards } from '../engine/guards.ts';
import { canonicalJson } from '../engine/hash.ts';
import { instanceKey, withoutInstance } from '../engine/instances.ts';
import { planMigration } from '../engine/migration.ts';
import { transition } from '../engine/transition.ts';
import type { CaseSnapshot, DocumentRef } from '../engine/types.ts';
import type { CaseRow, JournalRow } from '../store/case-store.ts';
import { isFiling } from '../store/case-store.ts';

/** SYSTEM_ACTOR of the store (journal.ts): the scheduler's events. */
const SYSTEM = 'systeme';

export interface ReplayedDeadline {
  readonly deadline: string;
  /** Per-party deadline: the party this instance runs against. */
  readonly party: string | null;
  readonly duration: string;
  readonly startedAt: string;
  readonly startDate: string;
  readonly due: string;
  readonly dueAt: string;
  readonly explanation: string;
  readonly startedSeq: number;
  /** running | stopped | expired; an expiry without event has no ending item. */
  status: 'running' | 'stopped' | 'expired';
  endedSeq: number | null;
}

export interface ReplayedParticipant {
  readonly role: string;
  readonly userId: string;
  /** When the journal item names the person (cases opened since the transparency log). */
  readonly name?: string;
}

export interface Replayed {
  readonly snapshot: CaseSnapshot;
  readonly deadlines: readonly ReplayedDeadline[];
  readonly participants: readonly ReplayedParticipant[];
  /** Document references of the journal items, by item number. */
  readonly documents: ReadonlyMap<number, readonly DocumentRef[]>;
}

export interface ReplayFailure {
  readonly seq: number;
  /** French. */
  readonly reason: string;
}

/**
 * Folds the journal `rows` (data in clear) of case `c`, opened under version
 * `opened`; the first item that does not replay stops it. A `migration` item
 * is decided again from the transitional provisions of the version it names
 * (`versionOf`), and the items after it replay under that version.
 */
export function replayCase(
  opened: Procedure,
  c: Pick<CaseRow, 'id' | 'reference' | 'procedureId' | 'procedureVersion'>,
  rows: readonly JournalRow[],
  dataOf: (r: JournalRow) => Record<string, unknown>,
  versionOf: (version: string) => Procedure | undefined = () => undefined,
): Replayed | ReplayFailure {
  let p = opened;
  let guards = rulesGuards(p);
  const deadlines: ReplayedDeadline[] = [];
  const participants: ReplayedParticipant[] = [];
  const documents = new Map<number, readonly DocumentRef[]>();
  const first = rows[0];
  if (first?.kind !== 'ouverture' || !first.toState)
    return { seq: 1, reason: 'le journal ne commence pas par l’ouverture de l’affaire.' };
  // The docket number comes with the filing (store/reference.ts): none before it, the case's own from it.
  const filing = rows.find(
    (r) => r.kind === 'transition' && r.fromState && r.toState && isFiling(p, r.fromState, r.toState),
  );
  if (filing && c.reference === null)
    return { seq: filing.seq, reason: 'la demande a été déposée mais l’affaire n’a pas de numéro de rôle.' };
  let s: CaseSnapshot = {
    id: c.id,
    reference: filing ? null : c.reference,
    procedureId: c.procedureId,
    procedureVersion: opened.version,
    state: first.toState,
    version: 0,
    seq: 1,
    closed: false,
    facts: {},
    runningDeadlines: [],
    documents: [],
  };
  const opening = dataOf(first);
  if (first.actorRole && p.roles[first.actorRole]?.kind === 'partie') {
    const who = opening.participant as { name?: unknown } | undefined;
    participants.push({
      role: first.actorRole,
      userId: first.actorId,
      ...(typeof who?.name === 'string' && { name: who.name }),
    });
  }
  /** The running rows of `name` (against `party`; every party when `any`). */
  const running = (name: string, party: string | undefined, any = false) =>
    deadlines.filter(
      (d) => d.deadline === name && d.status === 'running' && (any || d.party === (party ?? null)),
    );
  /** Deadlines due before `before` that fired nothing journaled: the scheduler expired them alone. */
  const expireAlone = (before: number, inclusive: boolean, except?: string) => {
    for (const d of [...s.runningDeadlines]) {
      const due = Date.parse(d.dueAt);
      if (instanceKey(d) === except || !(inclusive ? due <= before : due < before)) continue;
      s = { ...s, runningDeadlines: withoutInstance(s.runningDeadlines, d) };
      for (const row of running(d.deadline, d.party)) row.status = 'expired';
    }
  };
  for (const r of rows.slice(1)) {
    if (r.seq !== s.seq + 1) return { seq: s.seq + 1, reason: `l’événement n° ${s.seq + 1} manque.` };
    const refs = JSON.parse(r.documents) as DocumentRef[];
    documents.set(r.seq, refs);
    if (r.kind === 'piece') {
      s = { ...s, seq: r.seq, documents: [...s.documents, ...refs] };
      continue;
    }
    // What came back from outside; its documents (an act's sealed PDF) are not the reducer's (store/queries.ts).
    if (r.kind === 'connecteur') {
      s = { ...s, seq: r.seq };
      continue;
    }
    if (r.kind === 'participation') {
      const d = dataOf(r);
      participants.push({
        role: String(d.role),
        userId: r.actorId,
        ...(typeof d.name === 'string' && { name: d.name }),
      });
      s = { ...s, seq: r.seq };
      continue;
    }
    if (r.kind === 'migration') {
      const target = versionOf(r.specVersion);
      if (!target)
        return {
          seq: r.seq,
          reason: `version ${r.specVersion} de la procédure absente, migration non rejouée.`,
        };
      expireAlone(Date.parse(r.at), true);
      const plan = planMigration(p, target, s, r.seq, new Date(r.at));
      if (plan.kind !== 'move')
        return { seq: r.seq, reason: `la migration vers ${target.version} est refusée (${plan.reason}).` };
      const data = dataOf(r);
      if (
        plan.fromState !== r.fromState ||
        plan.toState !== r.toState ||
        r.caseVersion !== s.version + 1 ||
        canonicalJson(plan.data) !== canonicalJson(data)
      )
        return {
          seq: r.seq,
          reason: `la migration ne découle pas des dispositions transitoires de la version ${target.version}.`,
        };
      p = target;
      guards = rulesGuards(p);
      s = {
        ...s,
        procedureVersion: target.version,
        state: plan.toState,
        version: s.version + 1,
        seq: r.seq,
        facts: plan.facts,
      };
      continue;
    }
    if (r.kind !== 'transition' || !r.event)
      return { seq: r.seq, reason: `élément de journal inconnu (« ${r.kind} »).` };
    const at = new Date(r.at);
    let expired: { deadline: string; party?: string } | undefined;
    if (r.actorId === SYSTEM) {
      const fired = s.runningDeadlines
        .filter(
          (d) =>
            Date.parse(d.dueAt) <= at.getTime() &&
            p.deadlines[d.deadline]?.onExpiry.event === r.event &&
            !s.runningDeadlines.some((x) => x !== d && x.deadline === d.deadline),
        )
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
      // A step of a cascade ended by what came back from outside (a returned letter): the item just
      // before names the deadline it ends (runtime/connectors/webhooks/case-inbox.ts).
      const ended = fired ? undefined : endedStep(rows, r.seq, dataOf);
      const early = ended
        ? s.runningDeadlines.find(
            (d) => d.deadline === ended && p.deadlines[ended]?.onExpiry.event === r.event,
          )
        : undefined;
      const step = fired ?? early;
      if (!step) return { seq: r.seq, reason: `« ${r.event} » du système sans délai échu qui le déclenche.` };
      expired = { deadline: step.deadline, ...(step.party !== undefined && { party: step.party }) };
      if (fired) expireAlone(Date.parse(fired.dueAt), false, instanceKey(fired));
      else expireAlone(at.getTime(), true, instanceKey(step));
    } else expireAlone(at.getTime(), true);
    const data = dataOf(r);
    const actor =
      r.actorId === SYSTEM
        ? ({ kind: 'system' } as const)
        : ({ kind: 'user', id: r.actorId, roles: r.actorRole ? [r.actorRole] : [] } as const);
    const d = transition(
      p,
      { ...s, seq: r.seq - 1, ...(r === filing && { reference: c.reference }) },
      {
        event: r.event,
        data,
        expectedVersion: s.version,
        actor,
        ...(expired && { expired: expired.deadline }),
        ...(expired?.party !== undefined && { expiredParty: expired.party }),
      },
      at,
      guards,
    );
    if (!d.ok)
      return {
        seq: r.seq,
        reason: `la procédure refuse cet événement (${d.error.code} : ${d.error.message})`,
      };
    const e = d.event;
    const differs: string[] = [];
    if (e.from !== r.fromState) differs.push(`état de départ ${r.fromState} au lieu de ${e.from}`);
    if (e.to !== r.toState) differs.push(`état d’arrivée ${r.toState} au lieu de ${e.to}`);
    if (e.transition.index !== r.transitionIndex) differs.push('transition');
    if (e.actorRole !== r.actorRole) differs.push('rôle');
    if (d.snapshot.version !== r.caseVersion) differs.push('version');
    if (canonicalJson(e.documents) !== r.documents) differs.push('documents');
    if (canonicalJson(e.visibleTo) !== r.visibleTo) differs.push('visibilité');
    if (differs.length > 0)
      return { seq: r.seq, reason: `l’événement ne découle pas de la procédure (${differs.join(', ')}).` };
    // The deadline rows, as the store writes them (commit.ts, deadline-rows.ts).
    if (expired) {
      for (const row of running(expired.deadline, expired.party)) {
        row.status = 'expired';
        row.endedSeq = r.seq;
      }
    }
    for (const eff of d.effects) {
      if (eff.type === 'deadline.stop' || eff.type === 'deadline.start') {
        for (const row of running(
          eff.deadline,
          eff.party,
          eff.type === 'deadline.stop' && eff.party === undefined,
        )) {
          row.status = 'stopped';
          row.endedSeq = r.seq;
        }
      }
      if (eff.type === 'deadline.start') {
        deadlines.push({
          deadline: eff.deadline,
          party: eff.party ?? null,
          duration: eff.duration,
          startedAt: r.at,
          startDate: eff.startDate,
          due: eff.due,
          dueAt: eff.dueAt,
          explanation: eff.explanation,
          startedSeq: r.seq,
          status: 'running',
          endedSeq: null,
        });
      }
    }
    s = d.snapshot;
  }
  return { snapshot: s, deadlines, participants, documents };
}

/** The deadline the item before `seq` says it ends (`etapeClose`, a `connecteur` item), if any. */
function endedStep(
  rows: readonly JournalRow[],
  seq: number,
  dataOf: (r: JournalRow) => Record<string, unknown>,
): string | undefined {
  const before = rows.find((x) => x.seq === seq - 1);
  if (before?.kind !== 'connecteur') return undefined;
  const ends = dataOf(before).etapeClose;
  return typeof ends === 'string' ? ends : undefined;
}
