/**
 * A party's calendar as an iCalendar feed (RFC 5545, ical-generator): each
 * running deadline as an all-day event on its due date (the last day to act,
 * CPC art. 642), each hearing on its day or at its instant, written in UTC — with a
 * `timezone` and native Dates ical-generator would label the process's wall
 * time as Paris time.
 */
import { ICalCalendarMethod, ICalEventTransparency, default as ical } from 'ical-generator';

export type CalendarEntry =
  | {
      readonly kind: 'deadline';
      readonly uid: string;
      /** Last day to act, YYYY-MM-DD in the court's calendar. */
      readonly due: string;
      readonly summary: string;
      readonly description: string;
      readonly url?: string;
    }
  | {
      /** A hearing whose day only is known (the convocation gives the time): busy all day. */
      readonly kind: 'day';
      readonly uid: string;
      /** YYYY-MM-DD. */
      readonly date: string;
      readonly summary: string;
      readonly description: string;
      readonly url?: string;
      readonly location?: string;
    }
  | {
      readonly kind: 'hearing';
      readonly uid: string;
      /** ISO instant. */
      readonly start: string;
      readonly minutes: number;
      readonly summary: string;
      readonly description: string;
      readonly url?: string;
      readonly location?: string;
    };

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

export function calendarFeed(name: string, entries: readonly CalendarEntry[], now = new Date()): string {
  const cal = ical({ name, prodId: { company: 'greffe', product: 'calendrier', language: 'FR' } });
  cal.method(ICalCalendarMethod.PUBLISH);
  for (const e of entries) {
    const common = {
      id: e.uid,
      stamp: now,
      summary: e.summary,
      description: e.description,
      ...(e.url && { url: e.url }),
    };
    if (e.kind === 'deadline') {
      cal.createEvent({
        ...common,
        start: new Date(`${e.due}T00:00:00Z`),
        end: nextDay(e.due),
        allDay: true,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    } else if (e.kind === 'day') {
      cal.createEvent({
        ...common,
        start: new Date(`${e.date}T00:00:00Z`),
        end: nextDay(e.date),
        allDay: true,
        ...(e.location && { location: e.location }),
      });
    } else {
      const start = new Date(e.start);
      cal.createEvent({
        ...common,
        start,
        end: new Date(start.getTime() + e.minutes * 60_000),
        ...(e.location && { location: e.location }),
      });
    }
  }
  return cal.toString();
}
