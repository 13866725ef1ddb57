/**
 * `decided_by:` and `objectives:` of procedure.yaml: the roles a procedure
 * gives its own rule sets, fields, deadlines and connectors, so generic code
 * (rules/decisions.ts, the statistics, the site) names none of them.
 * Documented in docs/guide-redacteur.md (« Ce que la plateforme lit de la procédure »).
 */
import type { BuildContext } from './build-context.ts';
import { obj, strList } from './build-context.ts';
import type { DecidedBy, DecisionKind, Objectives, Transition } from './model.ts';
import { CONNECTORS } from './vocabulary.ts';
import type { SourceFile } from './yaml-source.ts';

/** Names the declarations may cite, gathered by the loader. */
export interface DeclarableNames {
  readonly rulesets: ReadonlySet<string>;
  readonly deadlines: ReadonlySet<string>;
  /** Form fields (top-level properties of every form) and facts recorded by `record` effects. */
  readonly fields: ReadonlySet<string>;
  readonly transitions: readonly Transition[];
}

export function buildDecidedBy(src: SourceFile, ctx: BuildContext, names: DeclarableNames): DecidedBy {
  const raw = obj(obj(src.data).decided_by);
  const out: { eligibility?: string; referral?: string } = {};
  for (const key of ['eligibility', 'referral'] as const) {
    const id = raw[key];
    if (typeof id !== 'string') continue;
    if (ctx.ref('ruleset', id, names.rulesets, src, ['decided_by', key])) out[key] = id;
  }
  return out;
}

export function buildObjectives(src: SourceFile, ctx: BuildContext, names: DeclarableNames): Objectives {
  const root = obj(obj(src.data).objectives);
  const out: {
    timeToDecision?: Objectives['timeToDecision'];
    astreinte?: Objectives['astreinte'];
    bankExecution?: Objectives['bankExecution'];
  } = {};
  if (root.time_to_decision) {
    const t = obj(root.time_to_decision);
    const path = ['objectives', 'time_to_decision'];
    const until = String(t.until) as DecisionKind;
    const target = String(t.target);
    const known = ctx.ref('deadline', target, names.deadlines, src, [...path, 'target']);
    if (!names.transitions.some((x) => x.decision?.kind === until)) {
      ctx.error(
        'objective-without-decision',
        src.locate([...path, 'until']),
        `Aucune transition ne rend de décision « ${until} » : le délai de décision ne serait jamais mesuré.`,
        'Citez sous until: le type (decision.kind) de la décision qui clôt l’affaire, par exemple celui du jugement.',
      );
    } else if (known) {
      out.timeToDecision = { until, target, loc: src.locateKey(path) };
    }
  }
  if (root.astreinte) {
    const path = ['objectives', 'astreinte'];
    const fields = strList(obj(root.astreinte).fields);
    const ok = fields
      .map((f, i) => ctx.ref('fact', f, names.fields, src, [...path, 'fields', i]))
      .every(Boolean);
    if (ok) out.astreinte = { fields, loc: src.locateKey(path) };
  }
  if (root.bank_execution) {
    const path = ['objectives', 'bank_execution'];
    const connectors = strList(obj(root.bank_execution).connectors);
    const ok = connectors
      .map((c, i) => ctx.ref('connector', c, CONNECTORS, src, [...path, 'connectors', i]))
      .every(Boolean);
    if (ok) out.bankExecution = { connectors, loc: src.locateKey(path) };
  }
  return out;
}
