import { Engine, Operator } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { CUSTOM_OPERATORS, OPERATORS } from '../spec/index.ts';
import { CUSTOM_OPERATOR_IMPLEMENTATIONS, everyIn, OPERATOR_SPECS, someIn } from './operators.ts';

describe('operators', () => {
  it('describes exactly the operators the spec language names', () => {
    expect(Object.keys(OPERATOR_SPECS).sort()).toEqual([...OPERATORS].sort());
    expect(Object.keys(CUSTOM_OPERATOR_IMPLEMENTATIONS).sort()).toEqual([...CUSTOM_OPERATORS].sort());
  });

  it('lets json-rules-engine run every operator of the spec language', async () => {
    const sample: Record<string, { fact: unknown; value: unknown }> = {
      contains: { fact: ['a'], value: 'a' },
      doesNotContain: { fact: ['a'], value: 'b' },
      in: { fact: 'a', value: ['a'] },
      notIn: { fact: 'a', value: ['b'] },
      everyIn: { fact: ['a'], value: ['a', 'b'] },
      someIn: { fact: ['a', 'c'], value: ['a'] },
      notEqual: { fact: 1, value: 2 },
      lessThan: { fact: 1, value: 2 },
      lessThanInclusive: { fact: 2, value: 2 },
      greaterThan: { fact: 3, value: 2 },
      greaterThanInclusive: { fact: 2, value: 2 },
      equal: { fact: 2, value: 2 },
    };
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const [name, fn] of Object.entries(CUSTOM_OPERATOR_IMPLEMENTATIONS))
      engine.addOperator(new Operator(name, fn, Array.isArray));
    const facts: Record<string, unknown> = {};
    for (const name of OPERATORS) {
      const s = sample[name];
      if (!s) throw new Error(`pas d'exemple pour ${name}`);
      facts[`f_${name}`] = s.fact;
      engine.addRule({
        name,
        conditions: { all: [{ fact: `f_${name}`, operator: name, value: s.value }] },
        event: { type: name },
      });
    }
    const { results, failureResults } = await engine.run(facts);
    expect(failureResults.map((r) => r.name)).toEqual([]);
    expect(results.map((r) => r.name).sort()).toEqual([...OPERATORS].sort());
  });

  it('everyIn: every element of the list is in the set; an empty list holds', () => {
    expect(everyIn(['paiement', 'bien'], ['paiement', 'bien', 'service'])).toBe(true);
    expect(everyIn(['paiement', 'expulsion'], ['paiement', 'bien', 'service'])).toBe(false);
    expect(everyIn([], ['paiement'])).toBe(true);
    expect(everyIn('paiement', ['paiement'])).toBe(false);
  });

  it('someIn: at least one element of the list is in the set', () => {
    expect(someIn(['bien', 'expulsion'], ['expulsion'])).toBe(true);
    expect(someIn(['bien'], ['expulsion'])).toBe(false);
    expect(someIn([], ['expulsion'])).toBe(false);
    expect(someIn('expulsion', ['expulsion'])).toBe(false);
  });
});
