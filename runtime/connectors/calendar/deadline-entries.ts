/**
 * The calendar entries of one user: the running deadlines of every case he
 * takes part in, labelled as the procedure names them. Read from the store
 * (SQLite, synchronous here); hearings join when the store records them.
 */
import { formatDate } from '../../../spec/index.ts';
import type { Store } from '../../store/open.ts';
import type { CalendarEntry } from './ics.ts';

interface Row {
  readonly id: number;
  readonly caseId: string;
  readonly reference: string;
  readonly procedureId: string;
  readonly procedureVersion: string;
  readonly deadline: string;
  readonly due: string;
}

export function deadlineEntries(
  store: Store,
  userId: string,
  labelOf: (procedureId: string, version: string, deadline: string) => string | undefined,
  caseUrl?: (caseId: string) => string,
): CalendarEntry[] {
  const rows = store.sqlite
    .prepare(
      `SELECT d.id, d.case_id AS caseId, c.reference, c.procedure_id AS procedureId,
              c.procedure_version AS procedureVersion, d.deadline, d.due
         FROM deadlines d
         JOIN cases c ON c.id = d.case_id
        WHERE d.status = 'running'
          AND d.case_id IN (SELECT case_id FROM participants WHERE user_id = ?)
        ORDER BY d.due_at, d.id`,
    )
    .all(userId) as Row[];
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
