/** How an act reads on a diagram's arrow: its label, who does it, and the delay that fires it. */
import type { Procedure, Transition } from '../../spec/index.ts';
import { joinFr } from '../../spec/index.ts';
import { deadlineDuration, deadlineFiring, roleLabels } from '../view.ts';

export interface EdgeLabelOptions {
  /** Prefix the label with the roles that fire the act ("Juge : …"). */
  readonly withRoles?: boolean;
}

/** "Juge : Rendre le jugement provisoire", "Expiration du délai de critique (après 7 jours)". */
export function edgeLabel(p: Procedure, t: Transition, options: EdgeLabelOptions = {}): string {
  const deadline = deadlineFiring(p, t);
  const delay = t.automatic && deadline ? ` (après ${deadlineDuration(p, deadline)})` : '';
  const who = options.withRoles && t.roles.length ? `${joinFr(roleLabels(p, t.roles), 'ou')} : ` : '';
  return `${who}${t.label}${delay}`;
}
