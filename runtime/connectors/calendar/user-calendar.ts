/**
 * Everything one person's calendar feed holds: the running deadlines of the
 * cases he takes part in (deadline-entries.ts) and the hearings and
 * conciliation sessions convened in the cases he sees (service/hearings.ts:
 * his own cases; a court's staff, also his court's open cases). Each entry
 * names the case by its reference, never by its parties; a hearing's place is
 * what the convocation says, as on the case page.
 */
import { formatDate } from '../../../spec/index.ts';
import { readCaseView } from '../../service/case-view.ts';
import type { Runtime } from '../../service/context.ts';
import { hearingDateField } from '../../engine/sessions.ts';
import { toCaller } from '../../store/case-store.ts';
import { deadlineEntries } from './deadline-entries.ts';
import type { CalendarEntry } from './ics.ts';

/** How long a hearing given with its time is shown to last. */
const HEARING_MINUTES = 60;

export async function userCalendar(
  rt: Runtime,
  userId: string,
  caseUrl?: (caseId: string) => string,
): Promise<CalendarEntry[]> {
  const labelOf = (id: string, v: string, d: string) => rt.catalog.get(id, v)?.deadlines[d]?.label;
  const entries: CalendarEntry[] = await deadlineEntries(rt.store, userId, labelOf, caseUrl);
  const user = await rt.store.userById(userId);
  if (!user) return entries;
  const caller = toCaller(user);
  const { cases } = await rt.store.listCases({ userId, court: caller.court ?? null });
  for (const c of cases) {
    const p = rt.catalog.get(c.procedureId, c.procedureVersion);
    if (!p || c.closedAt || !p.transitions.some((t) => hearingDateField(p, t))) continue;
    const view = await readCaseView(rt, caller, c.id);
    const ref = view.reference ?? 'en préparation';
    for (const h of view.hearings) {
      const common = {
        uid: `audience-${c.id}-${h.seq}@greffe`,
        summary: `${h.label} — affaire ${ref}`,
        ...(h.place && { location: h.place }),
        ...(caseUrl && { url: caseUrl(c.id) }),
      };
      if (/^\d{4}-\d{2}-\d{2}$/.test(h.date)) {
        entries.push({
          ...common,
          kind: 'day',
          date: h.date,
          description: `${h.label} le ${formatDate(h.date)} (affaire ${ref}). L’heure figure sur la convocation.`,
        });
      } else {
        entries.push({
          ...common,
          kind: 'hearing',
          start: new Date(h.date).toISOString(),
          minutes: HEARING_MINUTES,
          description: `${h.label} (affaire ${ref}).`,
        });
      }
    }
  }
  return entries;
}
