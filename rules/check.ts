/**
 * Checks on the rule sets that only `rules/` can make, because they depend on
 * what each operator does: an operator applied to a fact of the wrong type
 * (json-rules-engine would quietly answer false), a value no fact can take,
 * a rule without a sentence for its failure. Run by `greffe test`.
 */
import {
  enumValues,
  type JsonSchema,
  type JsonType,
  jsonType,
  type Leaf,
  type Loc,
  operator,
  type Procedure,
  schemaTypes,
} from '../spec/index.ts';
import { conditionOf } from './compile.ts';
import { RulesError } from './conditions.ts';

export interface RuleIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly loc: Loc;
}

const typeOf = (v: unknown): JsonType => jsonType(v) ?? 'null';

/** Smallest decimal `multipleOf` compared exactly (ajv's multipleOfPrecision: 6). */
const MIN_DECIMAL_STEP = 0.0001;

/** Every problem found in the procedure's rule sets (empty when all is well). */
export function checkRuleSets(procedure: Procedure): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const facts = procedure.rules.facts;
  for (const [fact, schema] of Object.entries(facts)) {
    const step = schema.multipleOf;
    const reader = Object.values(procedure.rules.rulesets).find((rs) => rs.facts.includes(fact));
    // multipleOf is compared within 1e-6 (spec/schema-check.ts): steps down to 0.0001 (0.01: cents) are exact.
    if (typeof step === 'number' && !Number.isInteger(step) && step < MIN_DECIMAL_STEP) {
      issues.push({
        severity: 'error',
        code: 'decimal-multiple-of',
        message: `Le fait « ${fact} » déclare multipleOf: ${step} : un pas inférieur à ${MIN_DECIMAL_STEP} n’est pas comparé exactement en virgule flottante (des valeurs exactes seraient refusées). Utilisez 0.01 pour des centimes, ou exprimez le montant en centimes (type: integer).`,
        loc: reader?.loc ?? procedure.loc,
      });
    }
  }
  for (const rs of Object.values(procedure.rules.rulesets)) {
    if (rs.combine === 'any' && rs.outcomes.unsatisfiedText === undefined) {
      issues.push({
        severity: 'warning',
        code: 'missing-unsatisfied-text',
        message: `Le jeu « ${rs.id} » n’a pas d’outcomes.unsatisfied_text : quand aucune règle ne s’applique, l’usager ne lira qu’une phrase générique.`,
        loc: rs.loc,
      });
    }
    for (const rule of rs.rules) {
      const at = (code: string, severity: RuleIssue['severity'], message: string) =>
        issues.push({ severity, code, message: `Règle « ${rule.id} » : ${message}`, loc: rule.loc });
      if (rs.combine === 'all' && rule.failure === undefined) {
        at(
          'missing-failure',
          'warning',
          'pas de failure: ; quand elle n’est pas remplie, l’usager lira « Condition non remplie : » suivi de l’explication.',
        );
      }
      let leaves: readonly Leaf[];
      try {
        leaves = conditionOf(procedure, rule, rule.id).leaves;
      } catch (err: unknown) {
        if (!(err instanceof RulesError)) throw err;
        at(err.code, 'error', err.message);
        continue;
      }
      for (const leaf of leaves) {
        const spec = operator(leaf.operator);
        if (!spec) {
          at('unknown-operator', 'error', `l’opérateur « ${leaf.operator} » n’existe pas.`);
          continue;
        }
        const factSchema = facts[leaf.fact];
        const factTypes = schemaTypes(factSchema);
        const factTypeOk = !factTypes || factTypes.some((t) => spec.factTypes.includes(t));
        if (!factTypeOk) {
          at(
            'operator-fact-type',
            'error',
            `« ${leaf.operator} » attend un fait de type ${spec.factTypes.join(' ou ')}, or « ${leaf.fact} » est de type ${factTypes.join(' ou ')} : la condition serait toujours fausse.`,
          );
        }
        const valueTypes =
          leaf.valueFact !== undefined ? schemaTypes(facts[leaf.valueFact]) : [typeOf(leaf.value)];
        const valueTypeOk = !valueTypes || valueTypes.some((t) => spec.valueTypes.includes(t));
        if (!valueTypeOk) {
          const origin = leaf.param
            ? `le paramètre « ${leaf.param} »`
            : leaf.valueFact
              ? `le fait « ${leaf.valueFact} »`
              : 'la valeur';
          at(
            'operator-value-type',
            'error',
            `« ${leaf.operator} » compare à une valeur de type ${spec.valueTypes.join(' ou ')}, or ${origin} est de type ${valueTypes.join(' ou ')}.`,
          );
        }
        if (!factTypeOk || !valueTypeOk) continue;
        const allowed = enumValues(factSchema) ?? enumValues(factSchema?.items as JsonSchema | undefined);
        const compared = Array.isArray(leaf.value)
          ? leaf.value
          : leaf.valueFact === undefined
            ? [leaf.value]
            : [];
        const impossible = allowed ? compared.filter((v) => !allowed.includes(v)) : [];
        if (impossible.length > 0) {
          at(
            'impossible-value',
            'warning',
            `${impossible.map((v) => `« ${String(v)} »`).join(', ')} ne fait pas partie des valeurs admises pour « ${leaf.fact} » (${allowed?.map(String).join(', ')}) : faute de frappe ?`,
          );
        }
      }
    }
  }
  return issues;
}
