/**
 * The spec language's closed vocabularies: names a spec may use that code
 * implements elsewhere. The loader checks every use up front; `rules/` and
 * `runtime/` have tests asserting they implement exactly these names.
 */

/** json-rules-engine's built-in operators. */
export const BUILTIN_OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

/** Operators greffe adds (implemented in rules/operators.ts, documented in docs/regles.md). */
export const CUSTOM_OPERATORS = ['everyIn', 'someIn'] as const;

export const OPERATORS: readonly string[] = [...BUILTIN_OPERATORS, ...CUSTOM_OPERATORS];

/** Connectors a transition may call (runtime/connectors implements each). */
export const CONNECTORS = [
  'courriel',
  'sms',
  'lettre_simple',
  'lettre_recommandee',
  'lettre_recommandee_electronique',
  'signification_electronique',
  'signification_papier',
  'signature_electronique',
  'franceconnect',
  'saisie_attribution',
] as const;

/**
 * Calendars for counting procedural time (runtime/time implements each).
 * `fr`: CPC art. 640–642 with French public holidays (Code du travail, art. L3133-1);
 * `fr-alsace-moselle`: the same plus Good Friday and 26 December (art. L3134-13).
 */
export const CALENDARS = ['fr', 'fr-alsace-moselle'] as const;

/**
 * `calendar: juridiction`: time is counted with the calendar of the court the
 * case is filed with (runtime/identity/courts.ts gives each court its calendar),
 * `fr` when the case names no known court.
 */
export const COURT_CALENDAR = 'juridiction';

/**
 * Facts the runtime supplies itself when a guard is evaluated, so no form
 * collects them: `requerant` is the role of the actor firing the event.
 */
export const CONTEXT_FACTS = ['requerant'] as const;
