/**
 * Work queues from the court's cases: grouped by state where one of the
 * reader's roles may act (the spec's transitions name what is due), plus the
 * cases whose deadline is near or passed. Pure: the page only draws them.
 */
import type { CaseSummary, ProcedureView } from '../lib/api-schema.gen.ts';

export interface Queue {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly cases: CaseSummary[];
}

const NEAR_DAYS = 15;

export function deadlineOf(c: CaseSummary): { due?: string; daysLeft?: number } {
  const d = c.nextDeadline;
  if (!d) return {};
  if (typeof d === 'string') return { due: d };
  return { ...(d.due ? { due: d.due } : {}), ...(d.daysLeft !== undefined ? { daysLeft: d.daysLeft } : {}) };
}

const byDue = (a: CaseSummary, b: CaseSummary): number =>
  (deadlineOf(a).due ?? '9999').localeCompare(deadlineOf(b).due ?? '9999') ||
  a.updatedAt.localeCompare(b.updatedAt);

/** Groups cases by state where one of the reader's roles may act, in the procedure's order of states. */
export function buildQueues(
  cases: readonly CaseSummary[],
  procedures: ReadonlyMap<string, ProcedureView>,
): Queue[] {
  const queues = new Map<string, Queue>();
  for (const c of cases) {
    const p = procedures.get(`${c.procedure}@${c.version}`);
    const actions = (p?.transitions ?? []).filter(
      (t) => t.from.includes(c.state) && t.roles.some((r) => c.roles.includes(r)),
    );
    // The server's count of what the caller may do now wins (it knows the guards); the spec's transitions name it.
    if (actions.length === 0 || c.actions === 0) continue;
    const key = `${c.procedure}:${c.state}`;
    let q = queues.get(key);
    if (!q) {
      const labels = [...new Set(actions.map((a) => a.label))];
      q = { id: `file-${c.state}`, title: c.stateLabel, description: labels.join(' ; '), cases: [] };
      queues.set(key, q);
    }
    q.cases.push(c);
  }
  const order = (q: Queue) => {
    const c = q.cases[0];
    const p = c ? procedures.get(`${c.procedure}@${c.version}`) : undefined;
    return p ? p.states.findIndex((s) => s.id === c?.state) : 0;
  };
  const out = [...queues.values()].sort((a, b) => order(a) - order(b));
  for (const q of out) q.cases.sort(byDue);
  const urgent = cases.filter((c) => {
    const { daysLeft } = deadlineOf(c);
    return daysLeft !== undefined && daysLeft <= NEAR_DAYS;
  });
  if (urgent.length) {
    out.unshift({
      id: 'file-echeances',
      title: 'Échéances proches ou dépassées',
      description: `Affaires dont un délai expire dans ${NEAR_DAYS} jours ou moins, ou est dépassé.`,
      cases: [...urgent].sort(byDue),
    });
  }
  return out;
}
