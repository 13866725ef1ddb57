/**
 * The two decisions greffe's public contract names (README, `greffe
 * eligibility` / `greffe referral`, the HTTP API): who may use the online
 * procedure, and whether a referral to the ordinary court is mandatory.
 * They are rule sets of the spec like any other, found by these ids.
 */
import type { Procedure } from '../spec/index.ts';
import { evaluateRuleSet, type Reason } from './evaluate.ts';
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
}

export interface ReferralOutput {
  readonly procedure: string;
  readonly version: string;
  readonly referral: 'mandatory' | 'discretionary';
  readonly reasons: readonly Reason[];
}

export interface InvalidFacts {
  readonly valid: false;
  readonly problems: readonly FactProblem[];
}

/**
 * Is the claim eligible to the online procedure? Facts: `montant`, `objets`, `matiere`.
 * @example await evaluateEligibility(p, { montant: 3999.99, objets: ['paiement'], matiere: 'civile' })
 *   // { procedure: 'petits-litiges', version: '1.0.0', eligible: true, reasons: [...] }
 */
export async function evaluateEligibility(
  procedure: Procedure,
  facts: Record<string, unknown>,
): Promise<EligibilityOutput | InvalidFacts> {
  const r = await evaluateRuleSet(procedure, ELIGIBILITY_RULESET, facts, { trace: false });
  if (!r.valid) return r;
  return { procedure: procedure.id, version: procedure.version, eligible: r.satisfied, reasons: r.reasons };
}

/**
 * Must the judge refer the case to the ordinary court? Facts: `matiere`, `requerant`, `partie_faible`.
 * Not mandatory means the judge decides (discretionary), never "no referral".
 */
export async function evaluateReferral(
  procedure: Procedure,
  facts: Record<string, unknown>,
): Promise<ReferralOutput | InvalidFacts> {
  const r = await evaluateRuleSet(procedure, REFERRAL_RULESET, facts, { trace: false });
  if (!r.valid) return r;
  return {
    procedure: procedure.id,
    version: procedure.version,
    referral: r.satisfied ? 'mandatory' : 'discretionary',
    reasons: r.reasons,
  };
}
