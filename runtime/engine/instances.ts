/**
 * Deadline instances and the calendar of a case. A deadline runs once per
 * case, or, when the spec says `per_party: true`, once per party it is started
 * against (CPC art. 528: time runs against each party from the service made to
 * that party). Time is counted with the procedure's calendar, or with the
 * court's when the procedure says `calendar: juridiction`.
 */
import { COURT_CALENDAR, type Procedure } from '../../spec/index.ts';
import { courtById } from '../identity/courts.ts';
import { getCalendar, type ProceduralCalendar } from '../time/index.ts';
import type { RunningDeadline } from './types.ts';

/** What names one instance of a deadline on a case. */
export interface InstanceRef {
  readonly deadline: string;
  readonly party?: string | undefined;
}

/** The key of an instance in a case: `delai` or `delai@partie`. */
export function instanceKey(d: InstanceRef): string {
  return d.party === undefined ? d.deadline : `${d.deadline}@${d.party}`;
}

/** Whether running instance `d` is the one `ref` names; a ref without party names every instance of its deadline. */
export function matchesInstance(d: InstanceRef, ref: InstanceRef): boolean {
  return d.deadline === ref.deadline && (ref.party === undefined || d.party === ref.party);
}

/** The running deadlines without the exact instance `ref` (its party included). */
export function withoutInstance(running: readonly RunningDeadline[], ref: InstanceRef): RunningDeadline[] {
  const key = instanceKey(ref);
  return running.filter((d) => instanceKey(d) !== key);
}

/**
 * The instance of `deadline` running against `party` on the case (a plain
 * deadline's one instance when it is not per party): whether that party may
 * still act within its own time (e.g. a remedy, CPC art. 528).
 */
export function runningAgainst(
  running: readonly RunningDeadline[],
  deadline: string,
  party: string,
): RunningDeadline | undefined {
  return running.find((d) => d.deadline === deadline && (d.party === undefined || d.party === party));
}

/**
 * Who among `roles` a per-party instance against `party` concerns: that party,
 * whoever represents it, and the roles that are not parties (court, auxiliaries).
 * The other parties are left out: the time does not run against them.
 */
export function rolesConcerning(
  procedure: Procedure,
  roles: readonly string[],
  party: string | undefined,
): string[] {
  if (party === undefined) return [...roles];
  return roles.filter((r) => {
    if (r === party) return true;
    const role = procedure.roles[r];
    if (!role) return false;
    if (role.kind === 'partie') return false;
    return role.represents.length === 0 || role.represents.includes(party);
  });
}

/**
 * The calendar time is counted with on a case: the procedure's named calendar,
 * or, under `calendar: juridiction`, the calendar of the court the case is filed
 * with (`fr` when it names no known court).
 */
export function caseCalendar(procedure: Procedure, court: string | undefined): ProceduralCalendar {
  if (procedure.calendar !== COURT_CALENDAR) return getCalendar(procedure.calendar);
  const c = court === undefined ? undefined : courtById(court);
  return getCalendar(c?.calendar ?? 'fr');
}
