/**
 * Runs the drafters' journeys (tests/*.yaml `journeys:`) on the pure engine
 * alone: a case held in memory, a simulated clock, no store and no server.
 * `greffe test` calls it; the same journeys also run over HTTP in
 * test/e2e-annex-journeys.test.ts. Each journey starts at the procedure's
 * effective date, 09:00 UTC.
 */
import type { CaseResult } from '../../rules/index.ts';
import type { Journey, Procedure, Transition } from '../../spec/index.ts';
import { courtById } from '../identity/courts.ts';
import { addIsoDuration } from '../time/index.ts';
import { initialStates } from './actions.ts';
import { dueExpiries, expiredWithoutEvent, expiryCommand } from './expiry.ts';
import { instanceKey } from './instances.ts';
import { rulesGuards } from './guards.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, GuardEvaluator } from './types.ts';

type JourneyStep = Journey['steps'][number];

/** The simulated case: its snapshot, replaced by the reducer's at each accepted event. */
interface SimCase {
  snapshot: CaseSnapshot;
}

/** A new case of `p` in `state`: nothing recorded, the opening as its first journal item. */
export function simulatedCase(p: Procedure, state: string, court?: string): CaseSnapshot {
  return {
    id: 'simulation',
    reference: 'simulation',
    procedureId: p.id,
    procedureVersion: p.version,
    state,
    version: 0,
    seq: 1,
    closed: false,
    facts: {},
    runningDeadlines: [],
    documents: [],
    ...(court !== undefined && { court }),
  };
}

/** Told of each accepted event and of the spec transition that carried it (coverage counts both). */
export type FiredHook = (event: string, transition: Transition) => void;

/** What a journey run may be given: its guard evaluator (default: the rules'), and who hears of each accepted event. */
export interface JourneyHooks {
  readonly guards?: GuardEvaluator;
  readonly fired?: FiredHook;
}

/** Fires, in due order, every deadline due at `now` (the scheduler's job, in memory). */
function expireDue(
  p: Procedure,
  c: SimCase,
  now: Date,
  guards: GuardEvaluator,
  fired?: FiredHook,
): string | undefined {
  for (;;) {
    const [due] = dueExpiries(p, c.snapshot, now);
    if (!due) return undefined;
    const command = expiryCommand(c.snapshot, due);
    const d = command ? transition(p, c.snapshot, command, now, guards) : undefined;
    if (d?.ok && command) {
      c.snapshot = d.snapshot;
      fired?.(command.event, d.event.transition);
    } else c.snapshot = expiredWithoutEvent(c.snapshot, due.deadline, due.party);
    if (d && !d.ok && d.error.code !== 'INVALID_STATE')
      return `expiration de ${instanceKey(due)} : ${d.error.code} ${d.error.message}`;
  }
}

function runStep(
  p: Procedure,
  c: SimCase,
  s: JourneyStep,
  clock: { now: Date },
  guards: GuardEvaluator,
  fired?: FiredHook,
): string | undefined {
  if (s.wait) clock.now = addIsoDuration(clock.now, s.wait);
  else if (s.event && s.as) {
    const command = {
      event: s.event,
      data: { ...(s.data ?? {}) },
      expectedVersion: c.snapshot.version,
      actor: { kind: 'user', id: s.as, roles: [s.as] },
    } as const;
    const d = transition(p, c.snapshot, command, clock.now, guards);
    if (s.expectRefusal !== undefined) {
      if (d.ok)
        return `${s.event} par ${s.as} accepté (état ${d.snapshot.state}) au lieu d’être refusé (${s.expectRefusal})`;
      if (d.error.code !== s.expectRefusal)
        return `${s.event} par ${s.as} refusé : ${d.error.code} au lieu de ${s.expectRefusal} — ${d.error.message}`;
      if (s.expectMessage !== undefined && !d.error.message.includes(s.expectMessage))
        return `${s.event} par ${s.as} refusé sans dire « ${s.expectMessage} » : ${d.error.message}`;
    } else if (!d.ok) return `${s.event} par ${s.as} refusé : ${d.error.code} — ${d.error.message}`;
    else {
      c.snapshot = d.snapshot;
      fired?.(s.event, d.event.transition);
    }
  }
  // The scheduler runs on: a deadline already due (one started from an act dated in the past) expires now.
  const failed = expireDue(p, c, clock.now, guards, fired);
  if (failed) return failed;
  const { state } = c.snapshot;
  if (s.expectState && state !== s.expectState) return `état ${state} au lieu de ${s.expectState}`;
  return undefined;
}

/**
 * Plays journey `j` and says whether it ends as expected. `observe` sees the
 * case as it starts and after every step (the available-actions test walks
 * every state a journey reaches).
 */
export function runJourney(
  p: Procedure,
  j: Journey,
  observe?: (snapshot: CaseSnapshot, now: Date) => void,
  hooks: JourneyHooks = {},
): CaseResult {
  const at = { name: j.name, file: j.loc.file, line: j.loc.line, column: j.loc.column };
  const expected = `état ${j.expect.state}${j.expect.deadlines ? `, délais [${[...j.expect.deadlines].sort().join(', ')}]` : ''}`;
  const start = j.start ?? initialStates(p)[0] ?? '';
  if (j.court !== undefined && !courtById(j.court))
    return {
      ...at,
      passed: false,
      expected,
      actual: `tribunal « ${j.court} » inconnu (runtime/identity/courts.ts)`,
    };
  const c: SimCase = { snapshot: simulatedCase(p, start, j.court) };
  const clock = { now: new Date(`${p.effective}T09:00:00Z`) };
  const guards = hooks.guards ?? rulesGuards(p);
  observe?.(c.snapshot, clock.now);
  for (const s of j.steps) {
    const failure = runStep(p, c, s, clock, guards, hooks.fired);
    observe?.(c.snapshot, clock.now);
    if (failure)
      return { ...at, line: s.loc.line, column: s.loc.column, passed: false, expected, actual: failure };
  }
  const { state, runningDeadlines, documents } = c.snapshot;
  const running = runningDeadlines.map(instanceKey).sort();
  const actual = `état ${state}${j.expect.deadlines ? `, délais [${running.join(', ')}]` : ''}`;
  const kinds = new Set(documents.map((d) => d.kind));
  const missingDocs = (j.expect.documents ?? []).filter((k) => !kinds.has(k));
  const wrongFacts = Object.entries(j.expect.facts ?? {})
    .filter(([k, v]) => JSON.stringify(c.snapshot.facts[k]?.value) !== JSON.stringify(v))
    .map(([k, v]) => `${k} = ${JSON.stringify(c.snapshot.facts[k]?.value)} au lieu de ${JSON.stringify(v)}`);
  const passed = actual === expected && missingDocs.length === 0 && wrongFacts.length === 0;
  const problems = [
    ...(missingDocs.length ? [`documents manquants : ${missingDocs.join(', ')}`] : []),
    ...(wrongFacts.length ? [`faits : ${wrongFacts.join(', ')}`] : []),
  ];
  return { ...at, passed, expected, actual: [actual, ...problems].join(' ; ') };
}

/** Runs every journey of the procedure's scenario files, in file order. */
export function runJourneys(p: Procedure): CaseResult[] {
  const out: CaseResult[] = [];
  for (const f of p.tests) for (const j of f.journeys) out.push(runJourney(p, j));
  return out;
}
