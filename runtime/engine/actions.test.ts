/**
 * The dashboard never offers what the engine would refuse, and offers all it
 * would accept: in every state that the drafters' journeys reach, and that a
 * walk of the reducer reaches from the initial states, for every role, the
 * events `availableActions` lists are exactly the events `transition` accepts
 * from that role at the case's version with some valid data of their form
 * (test/helpers/form-samples.ts: the journeys' data, a sample of the form's
 * schema and their variants on every answer of finite domain).
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProcedureDirs, loadProcedure, type Procedure } from '../../spec/index.ts';
import { formSamples, SAMPLE_DATE } from '../../test/helpers/form-samples.ts';
import { availableActions, initialStates } from './actions.ts';
import { dueExpiries, expiredWithoutEvent, expiryCommand } from './expiry.ts';
import { rulesGuards } from './guards.ts';
import { runJourney, simulatedCase } from './journeys.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, GuardEvaluator } from './types.ts';

const DIRS = [...findProcedureDirs('spec/procedures'), ...findProcedureDirs('test/fixtures/procedures')].map(
  (d) => relative(process.cwd(), d),
);
/** Snapshots the walk explores per procedure, beyond the journeys' (the annex: 35 of its 39 states in all). */
const WALK_LIMIT = 150;

interface Seen {
  readonly snapshot: CaseSnapshot;
  readonly now: Date;
}

const keyOf = (s: CaseSnapshot) =>
  JSON.stringify([
    s.state,
    Object.entries(s.facts).map(([k, f]) => [k, f.value]),
    s.runningDeadlines.map((d) => d.deadline),
    s.documents.map((d) => d.kind),
  ]);

/** `data` with the sample date of form-samples.ts replaced by `today`. */
function redated(data: Record<string, unknown>, today: string): Record<string, unknown> {
  const walk = (v: unknown): unknown =>
    v === SAMPLE_DATE
      ? today
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(data) as Record<string, unknown>;
}

/** Refusals decided before the data is read: no other datum can change them. */
const BEFORE_DATA = new Set(['UNKNOWN_EVENT', 'ROLE_NOT_ALLOWED', 'INVALID_STATE']);

/** The events `role` may fire on `s` by the reducer's word: some sample datum is accepted. */
function accepted(
  p: Procedure,
  s: Seen,
  role: string,
  samples: Map<string, Record<string, unknown>[]>,
  guards: GuardEvaluator,
  next?: (n: CaseSnapshot) => void,
): string[] {
  const out: string[] = [];
  for (const [event, data] of samples) {
    let ok = false;
    for (const sample of data) {
      // An act is dated the day it is recorded (a date in the future, or before the act it follows, is refused).
      const d = redated(sample, s.now.toISOString().slice(0, 10));
      const actor = { kind: 'user', id: role, roles: [role] } as const;
      const r = transition(
        p,
        s.snapshot,
        { event, data: d, expectedVersion: s.snapshot.version, actor },
        s.now,
        guards,
      );
      if (!r.ok && BEFORE_DATA.has(r.error.code)) break;
      if (!r.ok) continue;
      ok = true;
      if (!next) break;
      next(r.snapshot);
    }
    if (ok) out.push(event);
  }
  return out;
}

/** Every snapshot the journeys pass through, then a breadth-first walk of the reducer (events and expiries). */
function reachable(p: Procedure, samples: Map<string, Record<string, unknown>[]>, guards: GuardEvaluator) {
  const seen = new Map<string, Seen>();
  const add = (snapshot: CaseSnapshot, now: Date) => {
    const k = keyOf(snapshot);
    if (!seen.has(k)) seen.set(k, { snapshot, now });
  };
  for (const f of p.tests)
    for (const j of f.journeys) expect(runJourney(p, j, add).passed, j.name).toBe(true);
  const start = new Date(`${p.effective}T09:00:00Z`);
  const queue: Seen[] = initialStates(p).map((s) => ({ snapshot: simulatedCase(p, s), now: start }));
  let walked = 0;
  while (queue.length > 0 && walked < WALK_LIMIT) {
    const s = queue.shift() as Seen;
    walked++;
    add(s.snapshot, s.now);
    const push = (snapshot: CaseSnapshot, now: Date) => {
      if (!seen.has(keyOf(snapshot))) {
        add(snapshot, now);
        queue.push({ snapshot, now });
      }
    };
    for (const role of Object.keys(p.roles)) accepted(p, s, role, samples, guards, (n) => push(n, s.now));
    const [due] = dueExpiries(p, s.snapshot, new Date(8.64e15));
    if (due) {
      const now = new Date(due.dueAt);
      const command = expiryCommand(s.snapshot, due);
      const r = command ? transition(p, s.snapshot, command, now, guards) : undefined;
      push(r?.ok ? r.snapshot : expiredWithoutEvent(s.snapshot, due.deadline), now);
    }
  }
  return [...seen.values()];
}

describe('availableActions', () => {
  it.each(DIRS)(
    'equals the events the reducer accepts, for every role in every reached state (%s)',
    (dir) => {
      const p = loadProcedure(dir).procedure as Procedure;
      const samples = formSamples(p);
      const guards = rulesGuards(p);
      const states = reachable(p, samples, guards);
      const mismatches: string[] = [];
      for (const s of states) {
        for (const role of Object.keys(p.roles)) {
          const offered = availableActions(p, s.snapshot, [role], guards)
            .map((a) => a.event)
            .sort();
          const accepts = accepted(p, s, role, samples, guards).sort();
          if (JSON.stringify(offered) !== JSON.stringify(accepts))
            mismatches.push(`${s.snapshot.state} / ${role} : proposé [${offered}], accepté [${accepts}]`);
        }
      }
      expect(mismatches).toEqual([]);
      // The walk reached every state the spec can reach from an initial state (no vacuous pass).
      expect(new Set(states.map((s) => s.snapshot.state)).size).toBeGreaterThan(1);
    },
    300_000,
  );
});
