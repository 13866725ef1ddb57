/**
 * GET /api/stats: the objectives of procedure.md §7, computed from the
 * journal and the spec's own markers — final states' `outcome`, decisions'
 * `kind`, connectors called — never from state names of a procedure.
 * Astreinte: the spec has no marker for it yet, so a judgment "carries an
 * astreinte" when its data or the case's facts hold a truthy field whose name
 * contains "astreinte" (reported to the spec owners as a gap).
 */
import { formatDuration, parseDuration, type Procedure } from '../../spec/index.ts';
import type { Runtime } from './context.ts';
import { groupBy } from './group-by.ts';

const DAY = 86_400_000;

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? null;
}

const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

const hasAstreinte = (o: Record<string, unknown>): boolean =>
  Object.entries(o).some(
    ([k, v]) =>
      /astreinte/i.test(k) && Boolean(v) && !(typeof v === 'object' && v && 'value' in v && !v.value),
  );

/** The deadline a judgment stops is the procedure's time-to-decision objective. */
function decisionTarget(p: Procedure): { duration: string; text: string; days: number } | null {
  for (const t of p.transitions) {
    if (t.decision?.kind !== 'jugement') continue;
    for (const e of t.effects) {
      const param = e.kind === 'stop' ? p.parameters[p.deadlines[e.deadline]?.duration ?? ''] : undefined;
      if (param?.type !== 'duration') continue;
      const d = parseDuration(param.value);
      if (!d) continue;
      const days = Math.round((d.years * 12 + d.months) * 30.44 + d.weeks * 7 + d.days);
      return { duration: param.value, text: formatDuration(param.value), days };
    }
  }
  return null;
}

export async function computeStats(rt: Runtime, procedureId?: string, version?: string) {
  const found = await rt.store.statsRows({
    ...(procedureId && { procedureId }),
    ...(version && { version }),
  });
  const rows = found.cases;
  // Every transition of those cases, in journal order (one query, store.statsRows).
  const transitions = groupBy(found.transitions, (j) => j.caseId);
  const byState: Record<string, number> = {};
  let closed = 0;
  let accord = 0;
  let renvoi = 0;
  let judged = 0;
  let astreinte = 0;
  let bank = 0;
  const days: number[] = [];
  let target: ReturnType<typeof decisionTarget> = null;
  for (const c of rows) {
    byState[c.state] = (byState[c.state] ?? 0) + 1;
    const p = rt.catalog.get(c.procedureId, c.procedureVersion);
    if (!p) continue;
    target ??= decisionTarget(p);
    const final = p.states[c.state];
    if (final?.final) {
      closed++;
      if (final.outcome === 'accord') accord++;
      if (final.outcome === 'renvoi') renvoi++;
    }
    const journal = transitions.get(c.id) ?? [];
    const first = journal[0];
    const judgments = journal.filter(
      (j) => p.transitions[j.transitionIndex ?? -1]?.decision?.kind === 'jugement',
    );
    const last = judgments.at(-1);
    if (first && last) {
      judged++;
      days.push((Date.parse(last.at) - Date.parse(first.at)) / DAY);
      const facts = JSON.parse(c.facts) as Record<string, unknown>;
      if (
        judgments.some((j) => hasAstreinte(JSON.parse(j.data) as Record<string, unknown>)) ||
        hasAstreinte(facts)
      )
        astreinte++;
    }
    bank += journal.filter((j) =>
      p.transitions[j.transitionIndex ?? -1]?.effects.some(
        (e) => e.kind === 'call' && e.connector === 'saisie_attribution',
      ),
    ).length;
  }
  days.sort((a, b) => a - b);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    cases: rows.length,
    closed,
    settledAmicably: share(accord, closed),
    timeToDecision: {
      decided: judged,
      medianDays: round(quantile(days, 0.5)),
      p90Days: round(quantile(days, 0.9)),
      targetDays: target?.days ?? null,
      target: target?.text ?? null,
    },
    referralRate: share(renvoi, closed),
    astreinteShare: share(astreinte, judged),
    bankExecutions: bank,
    byState,
  };
}
