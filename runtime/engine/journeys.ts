/**
 * Runs the drafters' journeys (tests/*.yaml `journeys:`) on the pure engine
 * alone: a case held in memory, a simulated clock, no store and no server.
 * `greffe test` calls it; the same journeys also run over HTTP in
 * test/e2e-annex-journeys.test.ts. Each journey starts at the procedure's
 * effective date, 09:00 UTC.
 */
import type { CaseResult } from '../../rules/index.ts';
import type { Journey, Procedure } from '../../spec/index.ts';

type JourneyStep = Journey['steps'][number];
import { addIsoDuration } from '../time/index.ts';
import { rulesGuards } from './guards.ts';
import { initialStates } from './actions.ts';
import { decide } from './decide.ts';
import type { Actor, CaseSnapshot, Decision, FactRecord } from './types.ts';

interface SimCase {
  state: string;
  version: number;
  seq: number;
  facts: Record<string, FactRecord>;
  documents: { id: string; kind: string; sha256: string }[];
  /** Running deadlines: spec id → due instant. */
  deadlines: Map<string, Date>;
}

const snapshotOf = (p: Procedure, c: SimCase): CaseSnapshot => ({
  id: 'simulation',
  procedureId: p.id,
  procedureVersion: p.version,
  state: c.state,
  version: c.version,
  facts: c.facts,
  runningDeadlines: [...c.deadlines.keys()],
  documents: c.documents,
});

function apply(c: SimCase, d: Extract<Decision, { ok: true }>): void {
  c.seq++;
  c.state = d.nextState;
  c.version = d.nextVersion;
  for (const e of d.effects) {
    if (e.type === 'deadline.start') c.deadlines.set(e.deadline, new Date(e.dueAt));
    else if (e.type === 'deadline.stop') c.deadlines.delete(e.deadline);
    else if (e.type === 'fact.record')
      c.facts[e.fact] = { value: e.value, seq: c.seq, visibleTo: e.visibleTo };
    else if (e.type === 'document.produce')
      c.documents.push({
        id: `${e.document.kind}-${c.seq}`,
        kind: e.document.kind,
        sha256: e.document.sha256,
      });
  }
}

async function fire(
  p: Procedure,
  c: SimCase,
  event: string,
  actor: Actor,
  data: Record<string, unknown>,
  now: Date,
) {
  const d = await decide(
    p,
    snapshotOf(p, c),
    { event, data, expectedVersion: c.version, actor },
    now,
    rulesGuards(p),
  );
  if (d.ok) apply(c, d);
  return d;
}

/** Fires, in due order, every deadline due at `now` (the scheduler's job, in memory). */
async function expireDue(p: Procedure, c: SimCase, now: Date): Promise<string | undefined> {
  for (;;) {
    const due = [...c.deadlines.entries()]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1].getTime() - b[1].getTime())[0];
    if (!due) return undefined;
    c.deadlines.delete(due[0]);
    const event = p.deadlines[due[0]]?.onExpiry.event;
    if (!event) continue;
    const d = await fire(p, c, event, { kind: 'system' }, {}, now);
    if (!d.ok && d.error.code !== 'INVALID_STATE')
      return `expiration de ${due[0]} : ${d.error.code} ${d.error.message}`;
  }
}

async function runStep(
  p: Procedure,
  c: SimCase,
  s: JourneyStep,
  clock: { now: Date },
): Promise<string | undefined> {
  if (s.wait) {
    clock.now = addIsoDuration(clock.now, s.wait);
    const failed = await expireDue(p, c, clock.now);
    if (failed) return failed;
  } else if (s.event && s.as) {
    const d = await fire(
      p,
      c,
      s.event,
      { kind: 'user', id: s.as, roles: [s.as] },
      { ...(s.data ?? {}) },
      clock.now,
    );
    if (!d.ok) return `${s.event} par ${s.as} refusé : ${d.error.code} — ${d.error.message}`;
  }
  if (s.expectState && c.state !== s.expectState) return `état ${c.state} au lieu de ${s.expectState}`;
  return undefined;
}

export async function runJourney(p: Procedure, j: Journey): Promise<CaseResult> {
  const at = { name: j.name, file: j.loc.file, line: j.loc.line, column: j.loc.column };
  const expected = `état ${j.expect.state}${j.expect.deadlines ? `, délais [${[...j.expect.deadlines].sort().join(', ')}]` : ''}`;
  const start = j.start ?? initialStates(p)[0] ?? '';
  const c: SimCase = { state: start, version: 0, seq: 1, facts: {}, documents: [], deadlines: new Map() };
  const clock = { now: new Date(`${p.effective}T09:00:00Z`) };
  for (const s of j.steps) {
    const failure = await runStep(p, c, s, clock);
    if (failure)
      return { ...at, line: s.loc.line, column: s.loc.column, passed: false, expected, actual: failure };
  }
  const running = [...c.deadlines.keys()].sort();
  const actual = `état ${c.state}${j.expect.deadlines ? `, délais [${running.join(', ')}]` : ''}`;
  const kinds = new Set(c.documents.map((d) => d.kind));
  const missingDocs = (j.expect.documents ?? []).filter((k) => !kinds.has(k));
  const passed = actual === expected && missingDocs.length === 0;
  return {
    ...at,
    passed,
    expected,
    actual: missingDocs.length ? `${actual} ; documents manquants : ${missingDocs.join(', ')}` : actual,
  };
}

/** Runs every journey of the procedure's scenario files, in file order. */
export async function runJourneys(p: Procedure): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const f of p.tests) for (const j of f.journeys) out.push(await runJourney(p, j));
  return out;
}
