/** The whole procedure's state diagram, and one diagram per phase. */
import type { Phase, Procedure, State } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import { OUTCOME_FR, count, lcFirst, stripStop } from '../french.ts';
import {
  actingRoles,
  anytimeTransitions,
  deadlineDuration,
  deadlinesOfPhase,
  orderedPhases,
  outcomes,
  statesOf,
  transitionsOfPhase,
} from '../view.ts';
import { edgeLabel } from './edge-label.ts';
import { StateDiagram, stateId } from './mermaid-text.ts';
import { GROUP_AT, sourceNodes } from './sources.ts';
import type { Diagram } from './types.ts';

const cls = (s: State): string | undefined => (s.initial ? 'initial' : s.final ? 'final' : undefined);
const quoted = (labels: readonly string[]) =>
  joinFr(
    labels.map((l) => `« ${l} »`),
    'ou',
  );

function declareWithMarkers(d: StateDiagram, s: State): string {
  const node = d.state(s.id, s.label, cls(s));
  if (s.initial) d.start(node);
  if (s.final) d.end(node);
  return node;
}

export function procedureDiagram(p: Procedure): Diagram {
  const title = renderTemplate(p.title, p);
  const d = new StateDiagram(title);
  const phases = orderedPhases(p);
  for (const ph of phases) for (const s of statesOf(p, ph.id)) declareWithMarkers(d, s);
  // A `stay` transition (a request, its refusal) moves no case: no arrow.
  for (const t of p.transitions.filter((x) => !x.stay)) {
    for (const f of sourceNodes(d, p, t, stateId)) d.edge(f, stateId(t.to), edgeLabel(p, t));
  }
  const anytime = anytimeTransitions(p);
  const grouped = p.transitions.filter((t) => !t.fromAny && t.from.length >= GROUP_AT);
  const initial = Object.values(p.states).filter((s) => s.initial);
  const ends = outcomes(p).map((o) => OUTCOME_FR[o.outcome as keyof typeof OUTCOME_FR] ?? o.outcome);
  const comment = [
    `Ce diagramme montre toute la procédure : ses ${count(Object.keys(p.states).length, 'état', 'états')}, répartis en ${count(phases.length, 'phase', 'phases')}, et les actes qui font passer l’affaire de l’un à l’autre.`,
    `Une affaire commence à l’état ${quoted(initial.map((s) => s.label))} et se termine par l’une des issues suivantes : ${joinFr(ends.map(lcFirst), 'ou')}.`,
    anytime.length
      ? `Les flèches qui partent de « Toute affaire en cours » sont possibles à tout moment : ${joinFr(anytime.map((t) => lcFirst(t.label)))}.`
      : '',
    grouped.length
      ? `Les cadres jaunes en pointillés regroupent les états d’où part un même acte : ${joinFr([...new Set(grouped.map((t) => lcFirst(t.label)))])}.`
      : '',
    'Les durées indiquées sont celles des paramètres de cette version.',
  ];
  return {
    id: 'procedure',
    kind: 'procedure',
    title,
    comment: comment.filter(Boolean).join(' '),
    source: d.toString(),
  };
}

export function phaseDiagram(p: Procedure, phase: Phase): Diagram {
  const d = new StateDiagram(`Phase : ${phase.label}`);
  const own = statesOf(p, phase.id);
  const inPhase = new Set(own.map((s) => s.id));
  for (const s of own) declareWithMarkers(d, s);
  const outside = (id: string): string => {
    const s = p.states[id];
    const ph = s ? p.phases[s.phase] : undefined;
    return d.state(id, `${s?.label ?? id} (${ph?.label ?? '?'})`, 'ext');
  };
  const entering = p.transitions.filter(
    (t) => !t.stay && !t.fromAny && inPhase.has(t.to) && t.from.some((f) => !inPhase.has(f)),
  );
  const sources = new Set<string>();
  for (const t of entering) {
    const from = t.from.filter((x) => !inPhase.has(x));
    for (const f of from) sources.add(f);
    for (const f of sourceNodes(d, p, t, outside, from))
      d.edge(f, stateId(t.to), edgeLabel(p, t, { withRoles: true }));
  }
  const targets = new Set<string>();
  for (const t of p.transitions.filter((x) => !x.stay && !x.fromAny && x.from.some((f) => inPhase.has(f)))) {
    const to = inPhase.has(t.to) ? stateId(t.to) : outside(t.to);
    if (!inPhase.has(t.to)) targets.add(t.to);
    const from = t.from.filter((x) => inPhase.has(x));
    for (const f of sourceNodes(d, p, t, stateId, from)) d.edge(f, to, edgeLabel(p, t, { withRoles: true }));
  }
  const roles = actingRoles(p, transitionsOfPhase(p, phase.id)).map((r) => r.label);
  const deadlines = deadlinesOfPhase(p, phase.id).map(
    (x) => `${lcFirst(x.label)} (${deadlineDuration(p, x)})`,
  );
  const phaseName = (ids: Set<string>) => {
    const labels = [...new Set([...ids].map((id) => p.phases[p.states[id]?.phase ?? '']?.label ?? id))];
    return `${labels.length > 1 ? 'les phases' : 'la phase'} ${joinFr(labels.map((l) => `« ${l} »`))}`;
  };
  const comment = [
    `Phase ${phase.order + 1} sur ${Object.keys(p.phases).length} : ${phase.label}.`,
    phase.description ? `${stripStop(phase.description)}.` : '',
    `Ce diagramme montre ${own.length > 1 ? `ses ${own.length} états` : 'son état'} et les actes qui y ont lieu ; les cadres en pointillés appartiennent à d’autres phases.`,
    roles.length
      ? `Y agissent : ${joinFr(roles.map(lcFirst))}.`
      : 'Aucun acteur n’y agit : elle ne contient que des états finaux.',
    deadlines.length ? `Délais qui y courent : ${joinFr(deadlines)}.` : '',
    sources.size ? `On y arrive depuis ${phaseName(sources)}.` : '',
    targets.size ? `On en sort vers ${phaseName(targets)}.` : '',
  ];
  return {
    id: `phase-${phase.id}`,
    kind: 'phase',
    title: `Phase : ${phase.label}`,
    comment: comment.filter(Boolean).join(' '),
    source: d.toString(),
    subject: phase.id,
  };
}
