/**
 * json-rules-engine is the oracle of the evaluator: on well-typed facts, every
 * operator and random rule sets (nested all/any/not, `{ param }` and
 * `{ fact }` values, paths) must get the same answer from both. The custom
 * operators are given to json-rules-engine as docs/regles.md defines them,
 * written here independently of operators.ts.
 */
import fc from 'fast-check';
import { Engine, type NestedCondition, Operator, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../model.ts';
import { OPERATORS } from '../vocabulary.ts';
import { compileCondition } from './compile.ts';
import type { AnyCondition } from './types.ts';
import { parameterValue } from './values.ts';

const WORDS = ['a', 'b', 'c', 'ab'] as const;
const PARAMETERS = {
  p_int: { id: 'p_int', type: 'integer', value: 2 },
  p_money: { id: 'p_money', type: 'money', value: { amount: 1.5, currency: 'EUR' } },
  p_text: { id: 'p_text', type: 'text', value: 'ab' },
  p_list: { id: 'p_list', type: 'list', value: [{ id: 'a', label: 'A' }, { id: 'ab' }] },
  p_table: {
    id: 'p_table',
    type: 'table',
    value: [
      { id: 'b', label: 'a' },
      { id: 'c', label: 'ab' },
    ],
  },
} as const;
// Only what the evaluator reads of a procedure: its parameters and its facts' schemas.
const procedure = {
  parameters: PARAMETERS,
  rules: {
    facts: {
      n1: { type: 'number' },
      n2: { type: 'number' },
      s1: { type: 'string' },
      s2: { type: 'string' },
      b1: { type: 'boolean' },
      l1: { type: 'array' },
      l2: { type: 'array' },
      ln: { type: 'array' },
      o1: { type: 'object' },
    },
    rulesets: {},
  },
} as unknown as Procedure;

const num = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 1.5, 3999.99));
const word = fc.constantFrom(...WORDS);
const words = fc.uniqueArray(word, { maxLength: 4 });
const nums = fc.uniqueArray(fc.integer({ min: -3, max: 3 }), { maxLength: 4 });
const factsArb = fc.record({
  n1: num,
  n2: num,
  s1: word,
  s2: word,
  b1: fc.boolean(),
  l1: words,
  l2: words,
  ln: nums,
  o1: fc.record({ x: num, y: word, t: words }),
});

type Leaf = { fact: string; operator: string; value: unknown; path?: string };
const at = (fact: string, path?: string) => (path ? { fact, path } : { fact });
const numFact = fc.constantFrom(at('n1'), at('n2'), at('o1', '$.x'));
const strFact = fc.constantFrom(at('s1'), at('s2'), at('o1', '$.y'));
const listFact = fc.constantFrom(at('l1'), at('l2'), at('o1', '$.t'));

/** Well-typed fact tests for one operator: what the checks of `greffe test` accept. */
function leafFor(op: string): fc.Arbitrary<Leaf> {
  const leaf = (facts: fc.Arbitrary<{ fact: string; path?: string }>, values: fc.Arbitrary<unknown>) =>
    fc.record({ f: facts, value: values }).map(({ f, value }) => ({ ...f, operator: op, value }));
  switch (op) {
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return leaf(
        numFact,
        fc.oneof(num, fc.constantFrom({ param: 'p_int' }, { param: 'p_money' }, { fact: 'n2' })),
      );
    case 'equal':
    case 'notEqual':
      return fc.oneof(
        leaf(numFact, fc.oneof(num, fc.constantFrom({ param: 'p_int' }, { fact: 'n1' }))),
        leaf(strFact, fc.oneof(word, fc.constantFrom({ param: 'p_text' }, { fact: 's2' }))),
        leaf(fc.constant(at('b1')), fc.boolean()),
      );
    case 'in':
    case 'notIn':
      return fc.oneof(
        leaf(
          strFact,
          fc.oneof(
            words,
            fc.constantFrom({ param: 'p_list' }, { param: 'p_table', column: 'label' }, { fact: 'l1' }),
          ),
        ),
        leaf(numFact, nums),
      );
    case 'contains':
    case 'doesNotContain':
      return fc.oneof(
        leaf(listFact, fc.oneof(word, fc.constantFrom({ param: 'p_text' }, { fact: 's1' }))),
        leaf(fc.constant(at('ln')), fc.integer({ min: -3, max: 3 })),
      );
    case 'everyIn':
    case 'someIn':
      return leaf(
        listFact,
        fc.oneof(words, fc.constantFrom({ param: 'p_list' }, { param: 'p_table' }, { fact: 'l2' })),
      );
    default:
      throw new Error(`opérateur sans générateur : ${op}`);
  }
}

const anyLeaf = fc.oneof(...OPERATORS.map(leafFor));
const { condition: conditionArb } = fc.letrec<{ condition: AnyCondition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyLeaf,
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('condition').map((not) => ({ not })),
  ),
}));

/** The condition as json-rules-engine takes it: `{ param }` resolved to its value. */
function toEngine(c: AnyCondition): NestedCondition {
  if ('all' in c) return { all: c.all.map(toEngine) };
  if ('any' in c) return { any: c.any.map(toEngine) };
  if ('not' in c) return { not: toEngine(c.not) };
  const v = c.value as { param?: keyof typeof PARAMETERS; column?: string } | undefined;
  const value =
    v && typeof v === 'object' && v.param
      ? parameterValue(PARAMETERS[v.param] as unknown as Procedure['parameters'][string], v.column)
      : c.value;
  return { fact: c.fact, operator: c.operator, value, ...('path' in c && c.path ? { path: c.path } : {}) };
}

async function oracle(
  c: AnyCondition,
  facts: Record<string, unknown>,
  allowUndefinedFacts = false,
): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts });
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  engine.addOperator(
    new Operator('everyIn', (a: unknown[], b) => a.every((x) => list(b).includes(x)), Array.isArray),
  );
  engine.addOperator(
    new Operator('someIn', (a: unknown[], b) => a.some((x) => list(b).includes(x)), Array.isArray),
  );
  engine.addRule({
    name: 'r',
    conditions: { all: [toEngine(c)] } as TopLevelCondition,
    event: { type: 'r' },
  });
  const run = await engine.run(facts);
  return run.results.length === 1;
}

describe('the evaluator agrees with json-rules-engine on well-typed facts', () => {
  it.each([...OPERATORS])('operator %s', async (op) => {
    await fc.assert(
      fc.asyncProperty(leafFor(op), factsArb, async (leaf, facts) => {
        const compiled = compileCondition(procedure, leaf);
        const expected = await oracle(leaf, facts);
        expect(compiled.evaluate(facts).value).toBe(expected);
        expect(compiled.decide(facts)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('random rule sets: nested all/any/not, parameters, fact references, paths', async () => {
    await fc.assert(
      fc.asyncProperty(conditionArb, factsArb, async (condition, facts) => {
        const compiled = compileCondition(procedure, condition);
        const e = compiled.evaluate(facts);
        const expected = await oracle(condition, facts);
        expect(e.value).toBe(expected);
        expect(e.explanation.result).toBe(expected);
        expect(e.missing).toEqual([]);
        expect(e.invalid).toEqual([]);
        expect(compiled.decide(facts)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('with facts left out, a settled answer is the full answer, and an unsettled one names facts left out', () => {
    fc.assert(
      fc.property(
        conditionArb,
        factsArb,
        fc.uniqueArray(fc.constantFrom(...Object.keys(procedure.rules.facts))),
        (condition, facts, dropped) => {
          const compiled = compileCondition(procedure, condition);
          const full = compiled.evaluate(facts).value;
          const partial = Object.fromEntries(Object.entries(facts).filter(([k]) => !dropped.includes(k)));
          const e = compiled.evaluate(partial);
          if (e.value !== null) expect(e.value).toBe(full);
          else expect(e.missing.length).toBeGreaterThan(0);
          for (const m of e.missing) expect(dropped).toContain(m);
          expect(compiled.decide(partial)).toBe(e.value);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('with facts left out and read as undefined (when: conditions), as json-rules-engine with undefined facts allowed', async () => {
    const keys = Object.keys(procedure.rules.facts);
    await fc.assert(
      fc.asyncProperty(
        conditionArb,
        factsArb,
        fc.uniqueArray(fc.constantFrom(...keys)),
        async (condition, facts, dropped) => {
          const partial = Object.fromEntries(Object.entries(facts).filter(([k]) => !dropped.includes(k)));
          const compiled = compileCondition(procedure, condition, { absent: 'undefined' });
          // json-rules-engine throws when a list operator's value is an absent fact: no answer to compare.
          const expected = await oracle(condition, partial, true).catch(() => undefined);
          fc.pre(expected !== undefined);
          expect(compiled.decide(partial)).toBe(expected);
          expect(compiled.evaluate(partial)).toMatchObject({ value: expected, missing: [] });
        },
      ),
      { numRuns: 400 },
    );
  });
});
