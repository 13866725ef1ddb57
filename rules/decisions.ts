/**
 * The two decisions greffe's public contract names (README, `greffe
 * eligibility` / `greffe referral`, the HTTP API): who may use the online
 * procedure, and whether a referral to the ordinary court is mandatory.
 * They are rule sets of the spec like any other, found by these ids.
 */
import type { Procedure } from '../spec/index.ts';
import { type EvaluateOptions, evaluateRuleSet, type Reason } from './evaluate.ts';
import type { FactProblem } from './facts.ts';

/** Rule set deciding eligibility (procedure.md §1): `combine: all`, satisfied = eligible. */
export const ELIGIBILITY_RULESET = 'eligibilite';
/** Rule set deciding mandatory referral (procedure.md §2): `combine: any`, satisfied = mandatory. */
export const REFERRAL_RULESET = 'renvoi';

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
  const r = evaluateRuleSet(procedure, ELIGIBILITY_RULESET, facts, { trace: false, ...options });
  if (!r.valid) return invalid(r, options);
  return {
    procedure: procedure.id,
    version: procedure.version,
    eligible: r.satisfied,
    reasons: r.reasons,
    ...(options.partial && { missing: r.missing }),
  };
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
  const r = evaluateRuleSet(procedure, REFERRAL_RULESET, facts, { trace: false, ...options });
  if (!r.valid) return invalid(r, options);
  return {
    procedure: procedure.id,
    version: procedure.version,
    referral: r.satisfied ? 'mandatory' : 'discretionary',
    reasons: r.reasons,
    ...(options.partial && { missing: r.missing }),
  };
}
