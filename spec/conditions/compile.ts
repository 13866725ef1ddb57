/**
 * Compiles a condition once into closures, cached per Procedure object (a
 * reloaded spec is a new object, so it gets a fresh compile): `all`/`any`/
 * `not` over fact tests, with three-valued logic (true, false, not settled).
 * A settled node drops the missing facts its children reported: only the
 * facts that would change the answer are asked for.
 */
import type { Procedure } from '../model.ts';
import { type Acc, compileLeaf, describeLeaf, type LeafContext, type Node } from './leaf.ts';
import type { JsonType } from './operators.ts';
import type {
  AnyCondition,
  CompiledCondition,
  CompileOptions,
  Evaluation,
  Explanation,
  Facts,
  Leaf,
} from './types.ts';
import { schemaTypes } from './values.ts';

type Result = boolean | null;

/** `all` or `any`: three-valued, settled by the first child whose result is `decisive` (false / true). */
function listOf(kind: 'all' | 'any', parts: readonly Node[]): Node {
  const decisive = kind === 'any';
  const n = parts.length;
  return {
    decide: (f) => {
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const r = (parts[i] as Node).decide(f);
        if (r === decisive) return decisive;
        if (r === null) unknown = true;
      }
      return unknown ? null : !decisive;
    },
    explain: (f, acc) => {
      const mark = acc.missing.length;
      const items: Explanation[] = [];
      let settled = false;
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const e = (parts[i] as Node).explain(f, acc);
        items.push(e);
        if (e.result === decisive) settled = true;
        else if (e.result === null) unknown = true;
      }
      const result: Result = settled ? decisive : unknown ? null : !decisive;
      if (result !== null) acc.missing.length = mark;
      return kind === 'all' ? { all: items, result } : { any: items, result };
    },
  };
}

function notOf(inner: Node): Node {
  return {
    decide: (f) => {
      const r = inner.decide(f);
      return r === null ? null : !r;
    },
    explain: (f, acc) => {
      const not = inner.explain(f, acc);
      return { not, result: not.result === null ? null : !not.result };
    },
  };
}

function build(c: AnyCondition, ctx: LeafContext, leaves: Leaf[]): Node {
  if ('all' in c)
    return listOf(
      'all',
      c.all.map((x) => build(x, ctx, leaves)),
    );
  if ('any' in c)
    return listOf(
      'any',
      c.any.map((x) => build(x, ctx, leaves)),
    );
  if ('not' in c) return notOf(build(c.not, ctx, leaves));
  const leaf = describeLeaf(c, ctx);
  leaves.push(leaf);
  return compileLeaf(leaf, ctx);
}

interface PerProcedure {
  readonly types: ReadonlyMap<string, readonly JsonType[]>;
  readonly strict: WeakMap<object, CompiledCondition>;
  readonly lenient: WeakMap<object, CompiledCondition>;
}

const cache = new WeakMap<Procedure, PerProcedure>();

function perProcedure(procedure: Procedure): PerProcedure {
  let hit = cache.get(procedure);
  if (!hit) {
    const types = new Map<string, readonly JsonType[]>();
    for (const [name, schema] of Object.entries(procedure.rules.facts)) {
      const t = schemaTypes(schema);
      if (t) types.set(name, t);
    }
    hit = { types, strict: new WeakMap(), lenient: new WeakMap() };
    cache.set(procedure, hit);
  }
  return hit;
}

function compileNow(
  procedure: Procedure,
  condition: AnyCondition,
  options: CompileOptions,
  types: PerProcedure['types'],
): CompiledCondition {
  const ctx: LeafContext = {
    procedure,
    types,
    lenient: options.absent === 'undefined',
    where: options.where ?? 'condition',
  };
  const leaves: Leaf[] = [];
  const root = build(condition, ctx, leaves);
  const facts = [...new Set(leaves.flatMap((l) => (l.valueFact ? [l.fact, l.valueFact] : [l.fact])))];
  const evaluate = (f: Facts): Evaluation => {
    const acc: Acc = { missing: [], invalid: [] };
    const explanation = root.explain(f, acc);
    return {
      value: acc.invalid.length > 0 ? null : explanation.result,
      explanation,
      missing: acc.missing.length > 1 ? [...new Set(acc.missing)] : acc.missing,
      invalid: acc.invalid,
    };
  };
  return { leaves, facts, decide: root.decide, evaluate };
}

/**
 * `condition` of `procedure`, compiled (once: the result is cached on the
 * condition object). Throws a ConditionError on an unknown operator or parameter.
 * @example compileCondition(p, rule.conditions).evaluate({ montant: 800 }).value
 */
export function compileCondition(
  procedure: Procedure,
  condition: AnyCondition,
  options: CompileOptions = {},
): CompiledCondition {
  const per = perProcedure(procedure);
  const store = options.absent === 'undefined' ? per.lenient : per.strict;
  let hit = store.get(condition);
  if (!hit) {
    hit = compileNow(procedure, condition, options, per.types);
    store.set(condition, hit);
  }
  return hit;
}

/** The declared JSON types of `procedure`'s facts (rules.yaml `facts:`), by fact name. */
export const declaredTypes = (procedure: Procedure): ReadonlyMap<string, readonly JsonType[]> =>
  perProcedure(procedure).types;
