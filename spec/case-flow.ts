/**
 * What a procedure's graph says about a case in a given state, without a case:
 * which deadlines may be running there, which facts its later decisions read
 * that must already be on the case. The transitional provisions' checker
 * (spec/transitional.ts) and the migration of cases (runtime/engine/migration.ts)
 * both rely on it.
 */
import type { Condition, Procedure, Transition } from './model.ts';
import { targetOf } from './model.ts';
import { CONTEXT_FACTS } from './vocabulary.ts';

export type FlowParts = Pick<
  Procedure,
  'states' | 'transitions' | 'deadlines' | 'forms' | 'rules' | 'remedies'
>;

const leaving = (p: FlowParts, state: string) => p.transitions.filter((t) => t.from.includes(state));

function conditionFacts(c: Condition | undefined, out: Set<string>): Set<string> {
  if (!c) return out;
  if ('all' in c) for (const x of c.all) conditionFacts(x, out);
  else if ('any' in c) for (const x of c.any) conditionFacts(x, out);
  else if ('not' in c) conditionFacts(c.not, out);
  else out.add(c.fact);
  return out;
}

/** Facts a transition reads from the case: its guards' and its `when:`'s, less its own form's fields. */
export function factsRead(p: FlowParts, t: Transition): Set<string> {
  const read = conditionFacts(t.when, new Set());
  for (const g of [...t.guard, ...t.guardUnless])
    for (const f of p.rules.rulesets[g]?.facts ?? []) read.add(f);
  const own = Object.keys((p.forms[t.form ?? '']?.schema.properties as object | undefined) ?? {});
  for (const f of [...own, ...CONTEXT_FACTS]) read.delete(f);
  return read;
}

/** Facts a transition records on the case (`record:`, a judgment's character, a remedy pending). */
export function factsRecorded(p: FlowParts, t: Transition): Set<string> {
  const out = new Set<string>();
  for (const e of t.effects) if (e.kind === 'record') out.add(e.fact);
  if (t.decision?.character) out.add(t.decision.character.fact);
  for (const r of Object.values(p.remedies ?? {})) if (r.pending && r.filedBy === t.event) out.add(r.pending);
  return out;
}

/** Every fact some transition of the procedure may record. */
export function recordableFacts(p: FlowParts): Set<string> {
  const out = new Set<string>();
  for (const t of p.transitions) for (const f of factsRecorded(p, t)) out.add(f);
  return out;
}

/**
 * Facts that a transition reachable from `state` reads, on a path from
 * `state` where no transition records them first: a case entering `state`
 * must already have them.
 */
export function factsNeededAt(p: FlowParts, state: string): Set<string> {
  const candidates = new Set<string>();
  for (const t of p.transitions) for (const f of factsRead(p, t)) candidates.add(f);
  const needed = new Set<string>();
  for (const fact of candidates) {
    const seen = new Set([state]);
    const todo = [state];
    search: while (todo.length > 0) {
      const s = todo.pop() as string;
      for (const t of leaving(p, s)) {
        if (factsRead(p, t).has(fact)) {
          needed.add(fact);
          break search;
        }
        if (factsRecorded(p, t).has(fact)) continue;
        const next = targetOf(t, s);
        if (!seen.has(next)) {
          seen.add(next);
          todo.push(next);
        }
      }
    }
  }
  return needed;
}

/**
 * The deadlines that may be running in each state: started on some path
 * from an initial state and not stopped, nor expired (the expiry event of a
 * deadline ends it), since.
 */
export function deadlinesRunningIn(p: FlowParts): Map<string, Set<string>> {
  const running = new Map<string, Set<string>>();
  const todo: string[] = [];
  for (const s of Object.values(p.states)) {
    if (!s.initial) continue;
    running.set(s.id, new Set());
    todo.push(s.id);
  }
  const expiredBy = (event: string) =>
    Object.values(p.deadlines)
      .filter((d) => d.onExpiry.event === event)
      .map((d) => d.id);
  while (todo.length > 0) {
    const s = todo.pop() as string;
    const here = running.get(s) ?? new Set<string>();
    for (const t of leaving(p, s)) {
      const next = new Set(here);
      for (const d of expiredBy(t.event)) next.delete(d);
      for (const e of t.effects) if (e.kind === 'stop' && e.against === undefined) next.delete(e.deadline);
      for (const e of t.effects) if (e.kind === 'start') next.add(e.deadline);
      const to = targetOf(t, s);
      const there = running.get(to) ?? new Set<string>();
      const before = there.size;
      for (const d of next) there.add(d);
      if (!running.has(to) || there.size !== before) {
        running.set(to, there);
        todo.push(to);
      }
    }
  }
  return running;
}
