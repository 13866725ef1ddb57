/** The diagram of an escalation cascade (the defendant's identification, petits-litiges NOTES.md §4). */
import type { Procedure } from '../../spec/index.ts';
import { joinFr } from '../../spec/index.ts';
import type { Cascade } from '../cascade.ts';
import { definite, lcFirst } from '../french.ts';
import { deadlineDuration } from '../view.ts';
import { edgeLabel } from './edge-label.ts';
import { StateDiagram, stateId } from './mermaid-text.ts';
import { sourceNodes } from './sources.ts';
import type { Diagram } from './types.ts';

/** "par courriel (7 jours pour répondre)". */
export function stepPhrase(p: Procedure, step: Cascade['steps'][number]): string {
  const means = joinFr([...step.means], 'ou');
  return step.deadline ? `${means} (${deadlineDuration(p, step.deadline)})` : means;
}

export function cascadeDiagram(p: Procedure, c: Cascade): Diagram {
  const title = `Identification : ${c.role.label}`;
  const d = new StateDiagram(title);
  const inside = new Set(c.steps.map((s) => s.state));
  const node = (id: string) => {
    const s = p.states[id];
    const phase = s && !inside.has(id) ? ` (${p.phases[s.phase]?.label ?? s.phase})` : '';
    return d.state(id, `${s?.label ?? id}${phase}`, inside.has(id) ? 'role' : 'ext');
  };
  for (const step of c.steps) node(step.state);
  for (const step of c.steps) {
    for (const t of step.entries) {
      for (const f of sourceNodes(d, p, t, node))
        d.edge(f, stateId(step.state), edgeLabel(p, t, { withRoles: true }));
    }
  }
  for (const t of c.exits) {
    // Drawn from each step: the point of this diagram is that every step can end the search.
    const from = t.from.filter((s) => inside.has(s));
    for (const f of sourceNodes(d, p, t, node, from, false))
      d.edge(f, node(t.to), edgeLabel(p, t, { withRoles: true }));
  }
  const who = definite(c.role.label);
  const comment = [
    `Ce diagramme montre comment ${who} est appelé à la procédure et invité à s’identifier.`,
    `Les moyens sont employés l’un après l’autre, chacun seulement si le précédent n’a pas abouti dans son délai : ${joinFr(c.steps.map((s) => stepPhrase(p, s)))}.`,
    `La recherche prend fin dès que ${who} rejoint la procédure : ${joinFr([...new Set(c.exits.map((t) => lcFirst(t.label)))], 'ou')}.`,
    c.otherExits.length
      ? `Restent possibles à chaque étape, sans figurer ici : ${joinFr([...new Set(c.otherExits.map((t) => lcFirst(t.label)))])} (voir le diagramme d’ensemble).`
      : '',
  ];
  return {
    id: `identification-${c.role.id}`,
    kind: 'identification',
    title,
    comment: comment.filter(Boolean).join(' '),
    source: d.toString(),
    subject: c.role.id,
  };
}
