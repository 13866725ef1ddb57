/**
 * GET /api/stats: the objectives of procedure.md §7, computed from the
 * journal and what each procedure declares under `objectives:`
 * (docs/guide-redacteur.md) — final states' `outcome`, the decision kind that
 * ends the time to decision and its target deadline, the fields that mark an
 * astreinte, the connectors that execute at the debtor's bank — never from
 * the names of a procedure's states, fields or rule sets.
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

/** A field is set when truthy; a `{ value }` wrapper counts by its value. */
const isSet = (v: unknown): boolean =>
  Boolean(v) && !(typeof v === 'object' && v !== null && 'value' in v && !v.value);

/** Does `o` (a decision's data, or the case's facts) set one of the procedure's astreinte fields? */
const hasAstreinte = (p: Procedure, o: Record<string, unknown>): boolean =>
  (p.objectives.astreinte?.fields ?? []).some((f) => Object.hasOwn(o, f) && isSet(o[f]));

interface Target {
  readonly duration: string;
  readonly text: string;
  readonly days: number;
}

/** The time-to-decision objective a procedure declares: its target deadline's duration. */
function decisionTarget(p: Procedure): Target | null {
  const declared = p.objectives.timeToDecision;
  const param = declared && p.parameters[p.deadlines[declared.target]?.duration ?? ''];
  if (param?.type !== 'duration') return null;
  const d = parseDuration(param.value);
  if (!d) return null;
  const days = Math.round((d.years * 12 + d.months) * 30.44 + d.weeks * 7 + d.days);
  return { duration: param.value, text: formatDuration(param.value), days };
}

/** The one target of every procedure in scope; none when they declare different ones (or none). */
function commonTarget(procedures: Iterable<Procedure>): Target | null {
  let found: Target | null = null;
  for (const p of procedures) {
    const t = decisionTarget(p);
    if (!t || (found && found.duration !== t.duration)) return null;
    found = t;
  }
  return found;
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
  const inScope = new Map<string, Procedure>();
  for (const c of rows) {
    byState[c.state] = (byState[c.state] ?? 0) + 1;
    const p = rt.catalog.get(c.procedureId, c.procedureVersion);
    if (!p) continue;
    inScope.set(`${p.id}@${p.version}`, p);
    const final = p.states[c.state];
    if (final?.final) {
      closed++;
      if (final.outcome === 'accord') accord++;
      if (final.outcome === 'renvoi') renvoi++;
    }
    const journal = transitions.get(c.id) ?? [];
    const first = journal[0];
    const until = p.objectives.timeToDecision?.until;
    const judgments = until
      ? journal.filter((j) => p.transitions[j.transitionIndex ?? -1]?.decision?.kind === until)
      : [];
    const last = judgments.at(-1);
    if (first && last) {
      judged++;
      days.push((Date.parse(last.at) - Date.parse(first.at)) / DAY);
      const facts = JSON.parse(c.facts) as Record<string, unknown>;
      if (
        judgments.some((j) => hasAstreinte(p, JSON.parse(j.data) as Record<string, unknown>)) ||
        hasAstreinte(p, facts)
      )
        astreinte++;
    }
    const bankConnectors = p.objectives.bankExecution?.connectors ?? [];
    bank += journal.filter((j) =>
      p.transitions[j.transitionIndex ?? -1]?.effects.some(
        (e) => e.kind === 'call' && bankConnectors.includes(e.connector),
      ),
    ).length;
  }
  const target = commonTarget(inScope.values());
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
