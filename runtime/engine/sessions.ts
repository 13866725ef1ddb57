/**
 * Convocations to a hearing or a conciliation session, as the spec already
 * says them: a transition that summons parties (`summons:`) with a form asking
 * a date (`format: date` or `date-time`) and a place (a field named `lieu`)
 * (injonction-de-payer's `convoquer_audience`: `date_audience`, `lieu`). A
 * summons with a date but no place is no session: the service of an order
 * (`signifier_ordonnance`, `date_signification`) is not one. Read by the case
 * view and the calendar (service/hearings.ts) and by the notices, which then
 * carry the video room (store/messages.ts).
 */
import type { JsonSchema, Procedure, Transition } from '../../spec/index.ts';

/** The field of a convocation's form that gives the session's place. */
export const HEARING_PLACE_FIELD = 'lieu';

/** The date field of a convocation's form; undefined when the transition is no convocation. */
export function hearingDateField(p: Procedure, t: Transition): string | undefined {
  if (t.summons.length === 0 || !t.form) return undefined;
  const props = (p.forms[t.form]?.schema.properties ?? {}) as Record<string, JsonSchema>;
  if (!props[HEARING_PLACE_FIELD]) return undefined;
  return Object.entries(props).find(([, s]) => s.format === 'date' || s.format === 'date-time')?.[0];
}
