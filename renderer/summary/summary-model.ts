/**
 * What the one-page graphical summary shows, as data: the phases in order,
 * who acts at each, the delays that run there and the outcomes reachable
 * from it, the acts possible at any time, and the possible ends. The SVG and
 * its HTML text equivalent are both drawn from this.
 */
import type { Procedure } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import { OUTCOME_FR, formatDateFr, ucFirst } from '../french.ts';
import {
  actingRoles,
  deadlineDuration,
  deadlinesOfPhase,
  isTransversal,
  orderedPhases,
  outcomes,
  roleLabels,
  statesOf,
  transitionsOfPhase,
} from '../view.ts';

export interface SummaryRow {
  readonly number: number;
  readonly phaseId: string;
  readonly label: string;
  readonly description?: string;
  readonly roles: readonly string[];
  readonly delays: readonly { readonly label: string; readonly duration: string }[];
  readonly exits: readonly { readonly label: string; readonly outcome: string }[];
}

export interface SummaryModel {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly SummaryRow[];
  readonly anytime: readonly { readonly label: string; readonly roles: string }[];
  readonly outcomes: readonly {
    readonly outcome: string;
    readonly label: string;
    readonly states: readonly string[];
  }[];
}

export const outcomeLabel = (o: string): string => OUTCOME_FR[o as keyof typeof OUTCOME_FR] ?? ucFirst(o);

export function summaryModel(p: Procedure): SummaryModel {
  const phases = orderedPhases(p).filter((ph) => statesOf(p, ph.id).some((s) => !s.final));
  const rows = phases.map((ph, i): SummaryRow => {
    const acts = transitionsOfPhase(p, ph.id).filter((t) => !isTransversal(p, t));
    const exits = new Map<string, string>();
    for (const t of acts) {
      const s = p.states[t.to];
      if (s?.final) exits.set(s.label, s.outcome ?? 'autre');
    }
    return {
      number: i + 1,
      phaseId: ph.id,
      label: ph.label,
      ...(ph.description !== undefined && { description: renderTemplate(ph.description, p) }),
      roles: actingRoles(p, acts).map((r) => r.label),
      delays: deadlinesOfPhase(p, ph.id).map((d) => ({ label: d.label, duration: deadlineDuration(p, d) })),
      exits: [...exits].map(([label, outcome]) => ({ label, outcome })),
    };
  });
  return {
    title: renderTemplate(p.title, p),
    subtitle: `Version ${p.version}${p.status === 'draft' ? ' (projet)' : ''}, en vigueur le ${formatDateFr(p.effective)}`,
    rows,
    anytime: p.transitions
      .filter((t) => isTransversal(p, t))
      .map((t) => ({ label: t.label, roles: joinFr(roleLabels(p, t.roles), 'ou') })),
    outcomes: outcomes(p).map((o) => ({
      outcome: o.outcome,
      label: outcomeLabel(o.outcome),
      states: o.states.map((s) => s.label),
    })),
  };
}
