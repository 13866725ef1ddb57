/**
 * Hearings and conciliation sessions a case has scheduled, read from what the
 * spec already says (a convocation to a session, engine/sessions.ts): its
 * answers are the session's day and place.
 * Only the journal items the reader may see count (the case view's timeline),
 * so a calendar or a page shows nothing the case page does not.
 */
import type { JsonSchema, Procedure } from '../../spec/index.ts';
import { HEARING_PLACE_FIELD, hearingDateField } from '../engine/sessions.ts';

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
      const place = item.data[HEARING_PLACE_FIELD];
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
