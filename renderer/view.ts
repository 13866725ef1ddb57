/**
 * Read-only questions the renderers ask of a procedure: phases in order,
 * which states and acts belong to a phase, who acts, which deadlines run,
 * how each ends. Everything is derived from the model; nothing names a
 * particular procedure's states.
 */
import type { Deadline, Phase, Procedure, Role, State, Transition } from '../spec/index.ts';
import { formatParameter } from '../spec/index.ts';

export const orderedPhases = (p: Procedure): Phase[] =>
  Object.values(p.phases).sort((a, b) => a.order - b.order);

export const statesOf = (p: Procedure, phase: string): State[] =>
  Object.values(p.states).filter((s) => s.phase === phase);

export const phaseOfState = (p: Procedure, state: string): Phase | undefined => {
  const s = p.states[state];
  return s ? p.phases[s.phase] : undefined;
};

/** Order of a state: its phase's order, then its position in the spec. */
export function stateRank(p: Procedure): (id: string) => number {
  const ids = Object.keys(p.states);
  return (id) => (phaseOfState(p, id)?.order ?? 0) * 10_000 + ids.indexOf(id);
}

/**
 * The phase an act belongs to: the one holding most of its source states
 * (the earliest on a tie). Acts written `from: "*"` belong to no phase.
 */
export function homePhase(p: Procedure, t: Transition): Phase | undefined {
  if (t.fromAny) return undefined;
  const count = new Map<Phase, number>();
  for (const s of t.from) {
    const ph = phaseOfState(p, s);
    if (ph) count.set(ph, (count.get(ph) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1] || a[0].order - b[0].order)[0]?.[0];
}

export const transitionsOfPhase = (p: Procedure, phase: string): Transition[] =>
  p.transitions.filter((t) => homePhase(p, t)?.id === phase);

export const anytimeTransitions = (p: Procedure): Transition[] => p.transitions.filter((t) => t.fromAny);

/** Acts that belong to no single stage: `from: "*"`, or source states in three phases or more (referral…). */
export function isTransversal(p: Procedure, t: Transition): boolean {
  if (t.fromAny) return true;
  return new Set(t.from.map((s) => p.states[s]?.phase)).size >= 3;
}

/** Roles that fire at least one of `ts`, in the spec's order of roles. */
export function actingRoles(p: Procedure, ts: readonly Transition[]): Role[] {
  const ids = new Set(ts.flatMap((t) => t.roles));
  return Object.values(p.roles).filter((r) => ids.has(r.id));
}

/** Per procedure, the transitions by deadline started and by event, and the deadline firing each event: built once (the renderers ask for every deadline). */
interface DeadlineIndex {
  readonly starters: Map<string, Transition[]>;
  readonly byEvent: Map<string, Transition[]>;
  readonly firing: Map<string, Deadline>;
}
const deadlineIndexes = new WeakMap<Procedure, DeadlineIndex>();
function deadlineIndex(p: Procedure): DeadlineIndex {
  let ix = deadlineIndexes.get(p);
  if (ix) return ix;
  const starters = new Map<string, Transition[]>();
  const byEvent = new Map<string, Transition[]>();
  for (const t of p.transitions) {
    byEvent.set(t.event, [...(byEvent.get(t.event) ?? []), t]);
    for (const d of new Set(t.effects.flatMap((e) => (e.kind === 'start' ? [e.deadline] : []))))
      starters.set(d, [...(starters.get(d) ?? []), t]);
  }
  const firing = new Map<string, Deadline>();
  for (const d of Object.values(p.deadlines))
    if (d.onExpiry.event && !firing.has(d.onExpiry.event)) firing.set(d.onExpiry.event, d);
  ix = { starters, byEvent, firing };
  deadlineIndexes.set(p, ix);
  return ix;
}

/** Transitions that start `deadline`. */
export const startersOf = (p: Procedure, deadline: string): Transition[] => [
  ...(deadlineIndex(p).starters.get(deadline) ?? []),
];

/** The automatic transitions the expiry of `d` fires. */
export const expiryTransitions = (p: Procedure, d: Deadline): Transition[] =>
  d.onExpiry.event ? [...(deadlineIndex(p).byEvent.get(d.onExpiry.event) ?? [])] : [];

/** The deadline whose expiry fires `t`, if any. */
export const deadlineFiring = (p: Procedure, t: Transition): Deadline | undefined =>
  deadlineIndex(p).firing.get(t.event);

/** A deadline's duration in French ("1 semaine"). */
export function deadlineDuration(p: Procedure, d: Deadline): string {
  const param = p.parameters[d.duration];
  return param ? formatParameter(param) : d.duration;
}

/** Deadlines that run during a phase: those started by an act entering one of its states. */
export function deadlinesOfPhase(p: Procedure, phase: string): Deadline[] {
  return Object.values(p.deadlines).filter((d) =>
    startersOf(p, d.id).some((t) => phaseOfState(p, t.to)?.id === phase),
  );
}

/** Final states grouped by outcome, in the order outcomes first appear. */
export function outcomes(p: Procedure): { outcome: string; states: State[] }[] {
  const groups = new Map<string, State[]>();
  for (const s of Object.values(p.states)) {
    if (!s.final) continue;
    const key = s.outcome ?? 'autre';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([outcome, states]) => ({ outcome, states }));
}

/** Labels of roles by id, skipping unknown ids. */
export const roleLabels = (p: Procedure, ids: readonly string[]): string[] =>
  ids.flatMap((id) => p.roles[id]?.label ?? []);

/** Every role the act concerns without firing it: notified, called, summoned, heard. */
export function rolesInformed(t: Transition): string[] {
  const ids = new Set<string>([...t.summons, ...t.hears]);
  for (const e of t.effects) {
    if (e.kind === 'notify') for (const r of e.roles) ids.add(r);
    if (e.kind === 'call') for (const r of e.to) ids.add(r);
  }
  return [...ids];
}
