/**
 * The calendar entries of one user: the running deadlines of every case he
 * takes part in, labelled as the procedure names them. Read from the store
 * (CaseStore.userDeadlines); hearings join when the store records them.
 */
import { formatDate } from '../../../spec/index.ts';
import type { CaseStore } from '../../store/case-store.ts';
import type { CalendarEntry } from './ics.ts';

export async function deadlineEntries(
  store: CaseStore,
  userId: string,
  labelOf: (procedureId: string, version: string, deadline: string) => string | undefined,
  caseUrl?: (caseId: string) => string,
): Promise<CalendarEntry[]> {
  const rows = await store.userDeadlines(userId);
  return rows.map((r) => {
    const label = labelOf(r.procedureId, r.procedureVersion, r.deadline) ?? r.deadline;
    return {
      kind: 'deadline',
      uid: `delai-${r.id}@greffe`,
      due: r.due,
      summary: `${label} — affaire ${r.reference}`,
      description: `Dernier jour pour agir : ${formatDate(r.due)} (affaire ${r.reference}).`,
      ...(caseUrl && { url: caseUrl(r.caseId) }),
    };
  });
}
