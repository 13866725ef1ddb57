/** One diagram per role: the acts the actor fires, those it is told about, and what it may see. */
import type { Procedure, Role, Transition } from '../../spec/index.ts';
import { joinFr } from '../../spec/index.ts';
import { definite, lcFirst, ucFirst } from '../french.ts';
import { rolesInformed } from '../view.ts';
import { edgeLabel } from './edge-label.ts';
import { StateDiagram } from './mermaid-text.ts';
import { sourceNodes } from './sources.ts';
import type { Diagram } from './types.ts';

export const ROLE_KIND_FR: Record<Role['kind'], string> = {
  partie: 'partie à l’instance',
  juridiction: 'membre de la juridiction',
  auxiliaire: 'auxiliaire de justice',
  representant: 'représentant d’une partie',
};

/** Acts a role fires, directly or through the roles it may represent. */
export function actsOf(p: Procedure, role: Role): Transition[] {
  const mine = new Set([role.id, ...role.represents]);
  return p.transitions.filter((t) => t.roles.some((r) => mine.has(r)));
}

/** Acts a role is told about (notified, served, summoned, heard) without firing them. */
export function newsOf(p: Procedure, role: Role): Transition[] {
  const acts = new Set(actsOf(p, role));
  return p.transitions.filter((t) => !acts.has(t) && rolesInformed(t).includes(role.id));
}

/** Documents a role may see: those open to every role, or naming it. */
export const documentsSeenBy = (p: Procedure, role: Role) =>
  Object.values(p.documents).filter((d) => d.visibleTo.length === 0 || d.visibleTo.includes(role.id));

/** Undefined when the role neither acts nor is told about anything. */
export function roleDiagram(p: Procedure, role: Role): Diagram | undefined {
  const acts = actsOf(p, role);
  const news = newsOf(p, role);
  if (acts.length + news.length === 0) return undefined;
  const d = new StateDiagram(`Rôle : ${role.label}`);
  const node = (id: string) => {
    const s = p.states[id];
    return d.state(id, s?.label ?? id, s?.initial ? 'initial' : s?.final ? 'final' : undefined);
  };
  const draw = (t: Transition, prefix: string) => {
    if (t.stay) return; // a request or its refusal moves no case: no arrow
    const label = `${prefix}${edgeLabel(p, t)}`;
    for (const f of sourceNodes(d, p, t, node)) d.edge(f, node(t.to), label);
  };
  for (const t of acts) draw(t, '');
  for (const t of news) draw(t, 'informé : ');
  const seen = new Set(documentsSeenBy(p, role));
  const all = Object.values(p.documents);
  const hidden = all.filter((x) => !seen.has(x)).map((x) => lcFirst(x.label));
  const docs =
    seen.size === 0
      ? ''
      : hidden.length === 0
        ? 'Il peut consulter toutes les pièces et tous les actes du dossier.'
        : hidden.length < seen.size
          ? `Il peut consulter les pièces et actes du dossier, sauf : ${joinFr(hidden)}.`
          : `Il peut consulter : ${joinFr([...seen].map((x) => lcFirst(x.label)))}.`;
  const subject = ucFirst(definite(role.label));
  const shows = [
    acts.length
      ? `${acts.length > 1 ? `les ${acts.length} actes` : 'l’acte'} que ce rôle accomplit (flèches simples)`
      : '',
    news.length
      ? `${news.length > 1 ? `les ${news.length} actes` : 'l’acte'} dont il est informé (flèches « informé : »)`
      : '',
  ].filter(Boolean);
  const comment = [
    `${subject} est ${ROLE_KIND_FR[role.kind]}${role.optional ? ' (rôle facultatif)' : ''}.`,
    role.represents.length
      ? `Ce rôle peut représenter ${joinFr(
          role.represents.map((r) => definite(p.roles[r]?.label ?? r)),
          'ou',
        )} et accomplir ses actes.`
      : '',
    `Ce diagramme montre ${joinFr(shows)}.`,
    acts.length ? '' : 'Ce rôle n’accomplit lui-même aucun acte sur la plateforme.',
    docs,
  ];
  return {
    id: `role-${role.id}`,
    kind: 'role',
    title: `Rôle : ${role.label}`,
    comment: comment.filter(Boolean).join(' '),
    source: d.toString(),
    subject: role.id,
  };
}
