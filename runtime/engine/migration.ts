/**
 * What the transitional provisions of version `target` make of one case of an
 * earlier version (spec/transitional.ts): it stays on its version, moves to a
 * state of `target` with its facts renamed and completed, or is refused with
 * the reason. Pure, like the reducer: `greffe migrate` reports and journals
 * it, the audit replays it (runtime/audit/replay.ts).
 *
 * Running deadlines keep their due dates: time already running keeps the
 * length it was given (the new version's durations apply to deadlines it
 * starts). The checker made sure each may still run, and expire, in the
 * target state; a case is still refused here if one of its own does not.
 */
import { deadlinesRunningIn, factsNeededAt, type Procedure } from '../../spec/index.ts';
import type { CaseSnapshot, FactRecord } from './types.ts';

/** What the journal item of a migration says (its `data`). */
export interface MigrationData {
  readonly from: string;
  readonly to: string;
  /** Old name → new name, for the facts the case had. */
  readonly renamed: Readonly<Record<string, string>>;
  /** Facts the case lacked, given their default value. */
  readonly defaulted: Readonly<Record<string, unknown>>;
}

export type MigrationPlan =
  | { readonly kind: 'stay'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | {
      readonly kind: 'move';
      readonly fromState: string;
      readonly toState: string;
      /** The case's facts under the target's names, defaults recorded by the migration's item (`seq`). */
      readonly facts: Readonly<Record<string, FactRecord>>;
      readonly data: MigrationData;
    };

/**
 * `s` is the case on `source`; `seq` is the journal number the migration's
 * item will take; `now` the instant it is made.
 */
export function planMigration(
  source: Procedure,
  target: Procedure,
  s: Pick<CaseSnapshot, 'state' | 'closed' | 'facts' | 'runningDeadlines'>,
  seq: number,
  now: Date,
): MigrationPlan {
  if (s.closed) return { kind: 'stay', reason: 'affaire close' };
  const prov = target.transitional?.find((t) => t.from === source.version && t.cases === 'move');
  if (!prov)
    return {
      kind: 'stay',
      reason: `la version ${target.version} laisse les affaires de la version ${source.version} sur leur version`,
    };
  const to = prov.states[s.state];
  if (to === undefined || !target.states[to])
    return {
      kind: 'refused',
      reason: `l’état « ${s.state} » n’a pas d’état correspondant dans la version ${target.version}`,
    };
  const running = deadlinesRunningIn(target).get(to) ?? new Set<string>();
  for (const d of s.runningDeadlines) {
    if (Date.parse(d.dueAt) <= now.getTime())
      return {
        kind: 'refused',
        reason: `le délai « ${d.deadline} » est échu (${d.due}) et son échéance n’a pas encore été traitée`,
      };
    if (!target.deadlines[d.deadline] || !running.has(d.deadline))
      return {
        kind: 'refused',
        reason: `le délai « ${d.deadline} », en cours, ne court pas à l’état « ${to} » de la version ${target.version}`,
      };
  }
  const facts: Record<string, FactRecord> = {};
  const renamed: Record<string, string> = {};
  for (const [name, f] of Object.entries(s.facts)) {
    const next = prov.rename[name] ?? name;
    if (next !== name) renamed[name] = next;
    facts[next] = f;
  }
  const defaulted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(prov.defaults)) {
    if (Object.hasOwn(facts, name)) continue;
    defaulted[name] = value;
    facts[name] = { value, seq, visibleTo: [] };
  }
  const missing = [...factsNeededAt(target, to)].filter((f) => !Object.hasOwn(facts, f)).sort();
  if (missing.length > 0)
    return {
      kind: 'refused',
      reason: `${missing.map((f) => `le fait « ${f} »`).join(', ')}, lu par une décision à venir à l’état « ${to} », manque à l’affaire`,
    };
  return {
    kind: 'move',
    fromState: s.state,
    toState: to,
    facts,
    data: { from: source.version, to: target.version, renamed, defaulted },
  };
}
