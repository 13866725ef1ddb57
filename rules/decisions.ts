/**
 * The two decisions greffe's public contract names (README, `greffe
 * eligibility` / `greffe referral`, the HTTP API): who may use the online
 * procedure, and whether a referral to the ordinary court is mandatory.
 * They are rule sets of the spec like any other: the procedure names them
 * under `decided_by:` (docs/guide-redacteur.md), so no rule set id is assumed here.
 */
import type { DecidedBy, Procedure } from '../spec/index.ts';
import { RulesError } from './conditions.ts';
import { type EvaluateOptions, evaluateRuleSet, type Reason } from './evaluate.ts';
import type { FactProblem } from './facts.ts';

const DECISION_FR: Record<keyof DecidedBy, string> = {
  eligibility: 'l’éligibilité',
  referral: 'le renvoi de droit',
};

/**
 * The rule set `procedure` declares for `decision` under `decided_by:`.
 * Eligibility: `combine: all`, satisfied = eligible; referral: satisfied = mandatory.
 * Throws a RulesError when the procedure declares none.
 * @example decidingRuleSet(annex, 'eligibility') // the id written under decided_by.eligibility
 */
export function decidingRuleSet(procedure: Procedure, decision: keyof DecidedBy): string {
  const id = procedure.decidedBy[decision];
  if (id === undefined) {
    throw new RulesError(
      'undeclared-decision',
      `La procédure ${procedure.id} ${procedure.version} ne désigne aucun jeu de règles pour ${DECISION_FR[decision]} (decided_by.${decision} dans procedure.yaml).`,
    );
  }
  return id;
}

export interface EligibilityOutput {
  readonly procedure: string;
  readonly version: string;
  readonly eligible: boolean;
  readonly reasons: readonly Reason[];
  /** With `partial`: the facts still needed (always empty once decided). */
  readonly missing?: readonly string[];
}

export interface ReferralOutput {
  readonly procedure: string;
  readonly version: string;
  readonly referral: 'mandatory' | 'discretionary';
  readonly reasons: readonly Reason[];
  /** With `partial`: the facts still needed (always empty once decided). */
  readonly missing?: readonly string[];
}

export interface InvalidFacts {
  readonly valid: false;
  readonly problems: readonly FactProblem[];
  /** With `partial`: exactly the facts still needed to decide. */
  readonly missing?: readonly string[];
}

/** `partial`: facts may be missing; the answer then carries `missing` (see EvaluateOptions). */
export type DecisionOptions = Pick<EvaluateOptions, 'partial'>;

function invalid(
  r: { problems: readonly FactProblem[]; missing: readonly string[] },
  o: DecisionOptions,
): InvalidFacts {
  return o.partial
    ? { valid: false, problems: r.problems, missing: r.missing }
    : { valid: false, problems: r.problems };
}

/** Evaluates the rule set `procedure` declares for `decision`: the answer's common fields, or invalid facts. */
function decideBy(
  procedure: Procedure,
  decision: keyof DecidedBy,
  facts: Record<string, unknown>,
  options: DecisionOptions,
) {
  const r = evaluateRuleSet(procedure, decidingRuleSet(procedure, decision), facts, {
    trace: false,
    ...options,
  });
  if (!r.valid) return { ok: false as const, invalid: invalid(r, options) };
  return {
    ok: true as const,
    satisfied: r.satisfied,
    head: { procedure: procedure.id, version: procedure.version },
    tail: { reasons: r.reasons, ...(options.partial && { missing: r.missing }) },
  };
}

/**
 * Is the claim eligible to the online procedure? Facts: `montant`, `objets`, `matiere`.
 * @example evaluateEligibility(p, { montant: 3999.99, objets: ['paiement'], matiere: 'civile' })
 *   // { procedure: 'petits-litiges', version: '1.0.0', eligible: true, reasons: [...] }
 */
export function evaluateEligibility(
  procedure: Procedure,
  facts: Record<string, unknown>,
  options: DecisionOptions = {},
): EligibilityOutput | InvalidFacts {
  const d = decideBy(procedure, 'eligibility', facts, options);
  if (!d.ok) return d.invalid;
  return { ...d.head, eligible: d.satisfied, ...d.tail };
}

/**
 * Must the judge refer the case to the ordinary court? Facts: `matiere`, `requerant`, `partie_faible`.
 * Not mandatory means the judge decides (discretionary), never "no referral".
 */
export function evaluateReferral(
  procedure: Procedure,
  facts: Record<string, unknown>,
  options: DecisionOptions = {},
): ReferralOutput | InvalidFacts {
  const d = decideBy(procedure, 'referral', facts, options);
  if (!d.ok) return d.invalid;
  return { ...d.head, referral: d.satisfied ? 'mandatory' : 'discretionary', ...d.tail };
}
