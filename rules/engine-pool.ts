/**
 * json-rules-engine Engines, reused but never shared between two runs at once.
 * An Engine keeps one `status` for all its runs: when one run finishes while
 * another has not yet started its rules, the second skips every rule and
 * reports none — silently (measured with json-rules-engine 7.3.1). So each run
 * borrows an idle engine, or builds one, and gives it back afterwards.
 */
import { Engine, type EngineResult, type RuleProperties } from 'json-rules-engine';
import { customEngineOperators } from './operators.ts';

/** Idle engines kept per rule set; more are built under load and dropped after. */
const MAX_IDLE = 256;

export class EnginePool {
  private readonly idle: Engine[] = [];

  constructor(private readonly rules: readonly RuleProperties[]) {
    this.idle.push(this.build());
  }

  private build(): Engine {
    // allowUndefinedFacts stays false: a rule reading a fact nobody gave is an error, not "false".
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const op of customEngineOperators()) engine.addOperator(op);
    for (const r of this.rules) engine.addRule(r);
    return engine;
  }

  /** Runs every rule on `facts`; throws if the engine did not evaluate each rule. */
  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? this.build();
    try {
      const result = await engine.run(facts);
      const evaluated = result.results.length + result.failureResults.length;
      if (evaluated !== this.rules.length) {
        throw new Error(`json-rules-engine n’a évalué que ${evaluated} règle(s) sur ${this.rules.length}.`);
      }
      return result;
    } finally {
      if (this.idle.length < MAX_IDLE) this.idle.push(engine);
    }
  }
}
