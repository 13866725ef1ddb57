/**
 * Where an act's arrows start on a diagram. An act possible from many states
 * (a referral open at every stage) would draw dozens of arrows: from four
 * states on, they start from one dashed box naming the states' phases.
 */
import type { Procedure, Transition } from '../../spec/index.ts';
import { joinFr } from '../../spec/index.ts';
import { type StateDiagram, stateId } from './mermaid-text.ts';

/** Pseudo-state standing for "any state not final" (acts written `from: "*"`); cannot clash with a spec id. */
export const ANYTIME = '_tout_moment';

/** From this many source states on, arrows start from one box. */
export const GROUP_AT = 5;

/** "6 états de la phase « Convocation »", "20 états des phases « Saisine » à « Jugement »". */
export function groupLabel(p: Procedure, states: readonly string[]): string {
  const phases = [...new Set(states.map((s) => p.states[s]?.phase ?? ''))]
    .flatMap((id) => p.phases[id] ?? [])
    .sort((a, b) => a.order - b.order);
  const first = phases[0]?.label ?? '';
  const last = phases.at(-1)?.label ?? '';
  if (phases.length <= 1) return `${states.length} états de la phase « ${first} »`;
  const span = phases.length === 2 ? joinFr([`« ${first} »`, `« ${last} »`]) : `« ${first} » à « ${last} »`;
  return `${states.length} états des phases ${span}`;
}

/**
 * The nodes `t`'s arrows start from, among `states` (default: all its sources);
 * `declare` declares a state not yet on the diagram.
 */
export function sourceNodes(
  d: StateDiagram,
  p: Procedure,
  t: Transition,
  declare: (id: string) => string,
  states: readonly string[] = t.from,
  grouped = true,
): string[] {
  if (t.fromAny) return [d.state(ANYTIME, 'Toute affaire en cours', 'anytime')];
  if (grouped && states.length >= GROUP_AT) return [d.group(states, groupLabel(p, states))];
  return states.map((s) => (d.has(s) ? stateId(s) : declare(s)));
}
