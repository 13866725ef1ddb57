/**
 * The whole procedure at a glance: one box per phase, one arrow per pair of phases an act moves a
 * case between. Readable on one page whatever the procedure's size; each phase's own diagram gives
 * the detail, and the whole state diagram stays available for print (A3).
 */
import type { Procedure, Transition } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import { count } from '../french.ts';
import { orderedPhases, statesOf } from '../view.ts';
import { StateDiagram } from './mermaid-text.ts';
import { ANYTIME } from './sources.ts';
import type { Diagram } from './types.ts';

/** Node id of a phase; only phases (and the "any time" box) are on this diagram, so no clash. */
const phaseNode = (id: string) => `phase_${id}`;

/** "Orienter l’affaire", or "3 actes" when several acts share the arrow. */
function arrowLabel(acts: readonly Transition[]): string {
  const labels = [...new Set(acts.map((t) => t.label))];
  return labels.length === 1 ? (labels[0] as string) : count(labels.length, 'acte', 'actes');
}

export function overviewDiagram(p: Procedure): Diagram {
  const title = `Vue d’ensemble : ${renderTemplate(p.title, p)}`;
  const d = new StateDiagram(title);
  const phases = orderedPhases(p);
  const phaseOf = (state: string) => p.states[state]?.phase ?? '';
  const label = (id: string) => p.phases[id]?.label ?? id;
  const nodes = new Map<string, string>();
  for (const ph of phases) {
    const states = statesOf(p, ph.id);
    const cls = states.some((s) => s.initial)
      ? 'initial'
      : states.length > 0 && states.every((s) => s.final)
        ? 'final'
        : undefined;
    const node = d.state(
      phaseNode(ph.id),
      `${ph.label} (phase ${ph.order + 1}, ${count(states.length, 'état', 'états')})`,
      cls,
    );
    nodes.set(ph.id, node);
    if (states.some((s) => s.initial)) d.start(node);
  }
  // Acts moving a case from one phase to another, grouped by pair of phases.
  const arrows = new Map<string, { from: string; to: string; acts: Transition[] }>();
  for (const t of p.transitions) {
    if (t.stay) continue;
    const to = phaseOf(t.to);
    const froms = t.fromAny ? [ANYTIME] : [...new Set(t.from.map(phaseOf))];
    for (const from of froms) {
      if (from === to) continue;
      const key = `${from}>${to}`;
      const a = arrows.get(key);
      if (a) a.acts.push(t);
      else arrows.set(key, { from, to, acts: [t] });
    }
  }
  const anytime = [...arrows.values()].some((a) => a.from === ANYTIME);
  const anytimeNode = anytime ? d.state(ANYTIME, 'Toute affaire en cours', 'anytime') : '';
  const order = (id: string) => (id === ANYTIME ? -1 : (p.phases[id]?.order ?? 0));
  const sorted = [...arrows.values()].sort(
    (a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to),
  );
  for (const a of sorted) {
    const from = a.from === ANYTIME ? anytimeNode : (nodes.get(a.from) as string);
    d.edge(from, nodes.get(a.to) as string, arrowLabel(a.acts));
  }
  for (const ph of phases) {
    if (statesOf(p, ph.id).some((s) => s.final)) d.end(nodes.get(ph.id) as string);
  }
  const sentences = phases.flatMap((ph) => {
    const out = sorted.filter((a) => a.from === ph.id);
    if (out.length === 0) return [];
    const to = out.map((a) => `« ${label(a.to)} » (${count(a.acts.length, 'acte', 'actes')})`);
    return [`Depuis « ${ph.label} », l’affaire passe à ${joinFr(to, 'ou')}.`];
  });
  const fromAnytime = sorted.filter((a) => a.from === ANYTIME);
  const comment = [
    `Ce diagramme montre les ${count(phases.length, 'phase', 'phases')} de la procédure, dans l’ordre : ${joinFr(phases.map((ph) => `${ph.order + 1}. ${ph.label}`))}.`,
    'Une flèche relie deux phases quand un acte fait passer l’affaire de l’une à l’autre ; son libellé nomme l’acte, ou compte les actes quand il y en a plusieurs. Chaque phase a ensuite son propre diagramme, avec ses états et ses actes.',
    ...sentences,
    fromAnytime.length
      ? `À tout moment, l’affaire peut passer à ${joinFr(
          fromAnytime.map((a) => `« ${label(a.to)} »`),
          'ou',
        )}.`
      : '',
  ];
  return {
    id: 'vue-d-ensemble',
    kind: 'overview',
    title,
    comment: comment.filter(Boolean).join(' '),
    source: d.toString(),
  };
}
