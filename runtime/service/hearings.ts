/**
 * Hearings and conciliation sessions a case has scheduled, read from what the
 * spec already says: a transition that summons parties (`summons:`) with a
 * form asking a date (`format: date` or `date-time`) and a place (a field
 * named `lieu`) is a convocation to a session, its answers the session's day
 * and place (injonction-de-payer's `convoquer_audience`: `date_audience`,
 * `lieu`). A summons with a date but no place is no session: the service of
 * an order (`signifier_ordonnance`, `date_signification`) is not one.
 * Only the journal items the reader may see count (the case view's timeline),
 * so a calendar or a page shows nothing the case page does not.
 */
import type { JsonSchema, Procedure, Transition } from '../../spec/index.ts';

export interface Hearing {
  /** The journal item that set it. */
  readonly seq: number;
  /**
   * What the spec calls the session: its date field's title without « Date de » (« Date de l'audience »
   * → « Audience »), else the convocation's label.
   */
  readonly label: string;
  /** YYYY-MM-DD (a day) or an ISO instant (a time was given). */
  readonly date: string;
  readonly place: string | null;
}

/** The date field of a convocation's form; undefined when the transition is no convocation. */
export function hearingDateField(p: Procedure, t: Transition): string | undefined {
  if (t.summons.length === 0 || !t.form) return undefined;
  const props = (p.forms[t.form]?.schema.properties ?? {}) as Record<string, JsonSchema>;
  if (!props.lieu) return undefined;
  return Object.entries(props).find(([, s]) => s.format === 'date' || s.format === 'date-time')?.[0];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The convocations of a timeline that carry a date, oldest first. */
export function hearingsOf(
  p: Procedure,
  timeline: readonly { seq: number; kind: string; event: string | null; data?: Record<string, unknown> }[],
): Hearing[] {
  const out: Hearing[] = [];
  for (const item of timeline) {
    if (item.kind !== 'transition' || !item.event || !item.data) continue;
    for (const t of p.transitions) {
      if (t.event !== item.event) continue;
      const field = hearingDateField(p, t);
      const date = field ? item.data[field] : undefined;
      if (typeof date !== 'string' || !(DAY.test(date) || !Number.isNaN(Date.parse(date)))) continue;
      const place = item.data.lieu;
      const props = (p.forms[t.form as string]?.schema.properties ?? {}) as Record<string, JsonSchema>;
      const title = props[field as string]?.title;
      out.push({
        seq: item.seq,
        label: sessionName(typeof title === 'string' ? title : undefined) ?? t.label,
        date,
        place: typeof place === 'string' ? place : null,
      });
      break;
    }
  }
  return out;
}

/** « Date de l'audience » → « Audience », « Date de la séance » → « Séance »; undefined otherwise. */
function sessionName(title: string | undefined): string | undefined {
  const m = title ? /^date (?:de l['’]|de la |du |de )(.+)$/i.exec(title.trim()) : null;
  const name = m?.[1];
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : undefined;
}
