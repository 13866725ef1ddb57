/**
 * Finds escalation cascades in a procedure: successive attempts to reach a
 * party, each made only when the previous one's delay ran out. The
 * defendant's identification (petits-litiges NOTES.md §4: e-mail, then letter, then
 * registered letter, then bailiff) is one. Found from the structure alone,
 * so no state name is assumed: an act by which the party joins the case
 * (it `summons` the party) is possible from several waiting states, and
 * automatic acts fired by deadline expiries lead from one waiting state to
 * the next.
 */
import type { Deadline, Procedure, Role, Transition } from '../spec/index.ts';
import { CONNECTOR_NOUN } from './diagrams/connector-nouns.ts';
import { CHANNEL_FR, lcFirst } from './french.ts';
import { deadlineFiring } from './view.ts';

export interface CascadeStep {
  /** The state the case waits in while this attempt runs. */
  readonly state: string;
  /** Acts that enter this step (the first: the initial attempt; later: the previous step's expiry). */
  readonly entries: readonly Transition[];
  /** How the entering acts reach the party, in French ("par courriel", "par lettre simple"). */
  readonly means: readonly string[];
  /** The delay given to the party at this step, if any. */
  readonly deadline?: Deadline;
}

export interface Cascade {
  readonly role: Role;
  readonly steps: readonly CascadeStep[];
  /** Acts by which the party joins the case from a step (they summon it): the search ends. */
  readonly exits: readonly Transition[];
  /** Other acts leaving the cascade (referral, withdrawal…). */
  readonly otherExits: readonly Transition[];
}

/** How `t` reaches `role` outside the platform: connectors it calls, channels it notifies on. */
function contacts(t: Transition, role: string): string[] {
  return t.effects.flatMap((e) => {
    if (e.kind === 'call' && e.to.includes(role)) return [CONNECTOR_NOUN[e.connector] ?? e.connector];
    if (e.kind === 'notify' && e.roles.includes(role)) {
      return e.channels.filter((c) => c !== 'plateforme').map((c) => CHANNEL_FR[c]);
    }
    return [];
  });
}

const startedDeadline = (p: Procedure, t: Transition): Deadline | undefined => {
  for (const e of t.effects)
    if (e.kind === 'start' && p.deadlines[e.deadline]) return p.deadlines[e.deadline];
  return undefined;
};

/** The longest chain of expiry-fired automatic acts among `states`. */
function longestChain(p: Procedure, states: ReadonlySet<string>): string[] {
  const esc = p.transitions.filter(
    (t) =>
      t.automatic &&
      deadlineFiring(p, t) &&
      t.from.length === 1 &&
      states.has(t.from[0] as string) &&
      states.has(t.to),
  );
  const targets = new Set(esc.map((t) => t.to));
  const starts = [...new Set(esc.map((t) => t.from[0] as string))].filter((s) => !targets.has(s));
  const chains = starts.map((first) => {
    const order = [first];
    for (let next = esc.find((t) => t.from[0] === first); next && !order.includes(next.to); ) {
      order.push(next.to);
      const cur = next.to;
      next = esc.find((t) => t.from[0] === cur);
    }
    return order;
  });
  return chains.sort((a, b) => b.length - a.length)[0] ?? [];
}

function cascadeFor(p: Procedure, role: Role): Cascade | undefined {
  const joins = p.transitions
    .filter((t) => !t.automatic && !t.fromAny && t.summons.includes(role.id) && t.from.length >= 3)
    .sort((a, b) => b.from.length - a.from.length);
  for (const join of joins) {
    const order = longestChain(p, new Set(join.from));
    if (order.length < 3) continue;
    const inCascade = new Set(order);
    const steps = order.map((state): CascadeStep => {
      // Entered from outside the cascade, or by the previous step's expiry.
      const entries = p.transitions.filter(
        (t) => t.to === state && !t.fromAny && (t.automatic || !t.from.some((f) => inCascade.has(f))),
      );
      const means = [...new Set(entries.flatMap((t) => contacts(t, role.id)))];
      const deadline = entries.map((t) => startedDeadline(p, t)).find((d) => d !== undefined);
      return {
        state,
        entries,
        means: means.length ? means : [lcFirst(p.states[state]?.label ?? state)],
        ...(deadline && { deadline }),
      };
    });
    const leaving = p.transitions.filter(
      (t) => !t.fromAny && t.from.some((s) => inCascade.has(s)) && !inCascade.has(t.to),
    );
    const exits = leaving.filter((t) => t.summons.includes(role.id));
    return { role, steps, exits, otherExits: leaving.filter((t) => !exits.includes(t)) };
  }
  return undefined;
}

/** Every cascade of the procedure, one per party that has one. */
export function findCascades(p: Procedure): Cascade[] {
  return Object.values(p.roles).flatMap((r) => cascadeFor(p, r) ?? []);
}
