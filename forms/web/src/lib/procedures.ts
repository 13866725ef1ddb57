/**
 * What the pages derive from a procedure view, generically: the latest
 * published version of each procedure, the filing form, the eligibility
 * questionnaire (the filing form's questions that the eligibility rules read).
 */
import { loadAjv } from './ajv-loader.ts';
import { ApiError, api } from './api.ts';
import type { FormView, ProcedureSummary, ProcedureView, RoleInfo } from './api-schema.gen.ts';
import { fillTemplates, parameterTexts, withoutOptionKeys } from './templates.ts';

export { filingForm } from './filing-form.ts';

const semver = (v: string): number[] => v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
const newer = (a: string, b: string): boolean => {
  const x = semver(a);
  const y = semver(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
};

/**
 * One entry per procedure: the version a case filed now takes, as the server says (effective dates by
 * its clock); when none is (no published version yet), the latest draft.
 */
export function latestVersions(list: readonly ProcedureSummary[]): ProcedureSummary[] {
  const best = new Map<string, ProcedureSummary>();
  for (const p of list) {
    const seen = best.get(p.id);
    const better = !seen || (!seen.forNewCases && (p.forNewCases || newer(p.version, seen.version)));
    if (better) best.set(p.id, p);
  }
  return [...best.values()];
}

/** A form with the procedure's `${parametre}` texts filled in, and no option's stored key in a description. */
export async function loadForm(p: ProcedureView, form: string): Promise<FormView> {
  // The form will want its validator: asked for now, beside the form's data, before the fonts.
  void loadAjv().catch((e: unknown) => console.warn('validateur des formulaires', e));
  const view = fillTemplates(await api.form(p.id, p.version, form), parameterTexts(p));
  return { ...view, schema: withoutOptionKeys(view.schema) };
}

export const roleLabel = (p: ProcedureView | undefined, role: string | undefined): string =>
  (role && p?.roles.find((r) => r.id === role)?.label) || role || '';

export const isPartyRole = (r: RoleInfo | undefined): boolean =>
  r?.kind === 'partie' || r?.kind === 'representant';

/**
 * The facts the eligibility rules read, as the procedure view gives them
 * (`eligibility.facts`: the rule set guarding the filing); none when the
 * procedure has no eligibility rules. The first questions asked.
 */
export function eligibilityFacts(p: ProcedureView): string[] {
  return [...(p.eligibility?.facts ?? [])];
}

type Element = Record<string, unknown> & { elements?: Element[]; scope?: string };

function findControl(el: Element, scope: string): Element | undefined {
  if (el.scope === scope) return el;
  for (const child of el.elements ?? []) {
    const found = findControl(child, scope);
    if (found) return found;
  }
  return undefined;
}

/** The questionnaire: the filing form's questions on `facts`, in the form's own words and options. */
export function eligibilityForm(filing: FormView, facts: readonly string[]): FormView {
  const props = (filing.schema.properties ?? {}) as Record<string, unknown>;
  const required = ((filing.schema.required ?? []) as string[]).filter((r) => facts.includes(r));
  const kept = facts.filter((f) => f in props);
  const elements = kept.map((f) => {
    const scope = `#/properties/${f}`;
    const original = findControl(filing.uischema as Element, scope);
    const { rule: _rule, ...control } = original ?? { type: 'Control', scope };
    return control;
  });
  return {
    id: `${filing.id}-eligibilite`,
    title: filing.title,
    description: filing.description,
    help: filing.help,
    schema: { type: 'object', required, properties: Object.fromEntries(kept.map((f) => [f, props[f]])) },
    uischema: { type: 'VerticalLayout', elements },
    glossary: filing.glossary,
  };
}

/**
 * The facts the rules still need, when the server could not decide on the
 * answers given (`INVALID_FACTS` whose only problems are `details.missing`):
 * the questions to ask next. Undefined for any other error.
 */
export function stillMissing(e: unknown): string[] | undefined {
  if (!(e instanceof ApiError) || e.code !== 'INVALID_FACTS') return undefined;
  const missing = e.details.missing;
  const problems = e.details.problems;
  if (!Array.isArray(missing) || missing.length === 0) return undefined;
  const names = missing.filter((m): m is string => typeof m === 'string');
  const others = Array.isArray(problems)
    ? problems.filter((p) => !names.includes((p as { field?: unknown })?.field as string))
    : [];
  return others.length === 0 ? names : undefined;
}
