/**
 * The web bundle gives JSON Forms es-toolkit's lodash-compatible functions
 * instead of lodash's (forms/web/build.ts, ~5 KB brotli off every citizen
 * page): for each function JSON Forms imports, the two answer alike on the
 * kind of values JSON Forms passes (schemas, UI schemas, form data, paths).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const lodash = (name: string) => require(`lodash/${name}`) as (...a: unknown[]) => unknown;
const compat = (name: string) => {
  const m = require(`es-toolkit/compat/${name}`) as ((...a: unknown[]) => unknown) & { default?: unknown };
  return (m.default ?? m) as (...a: unknown[]) => unknown;
};

const schema = () => ({
  type: 'object',
  properties: {
    demandeur: { type: 'object', properties: { nom: { type: 'string' }, age: { type: 'integer' } } },
    pieces: { type: 'array', items: { type: 'object', properties: { nom: { type: 'string' } } } },
    montant: { type: 'number', minimum: 0 },
  },
  required: ['montant'],
});
const data = () => ({
  demandeur: { nom: 'Petit', adresse: { ville: 'Lyon' } },
  pieces: [{ nom: 'a.pdf' }],
  montant: 850,
});

/** The arguments as data: each call makes its own predicate, which compares by identity. */
const withoutFunctions = (args: unknown[]) => args.map((a) => (typeof a === 'function' ? 'fonction' : a));

/** Each call as JSON Forms makes it: the function's name and its arguments (fresh each time). */
const CALLS: readonly [string, () => unknown[]][] = [
  ['isEmpty', () => [{}]],
  ['isEmpty', () => [[]]],
  ['isEmpty', () => [data()]],
  ['isEmpty', () => [undefined]],
  ['isEmpty', () => ['']],
  ['startCase', () => ['montantDemande']],
  ['startCase', () => ['date_acte']],
  ['startCase', () => ['demandeur.nomDeFamille']],
  ['keys', () => [schema().properties]],
  ['range', () => [3]],
  ['range', () => [1, 4]],
  ['get', () => [data(), 'demandeur.adresse.ville']],
  ['get', () => [data(), 'pieces.0.nom']],
  ['get', () => [data(), ['demandeur', 'nom']]],
  ['get', () => [data(), 'absent.x', 'défaut']],
  ['has', () => [schema(), 'properties.montant']],
  ['has', () => [schema(), 'properties.absent']],
  ['find', () => [[{ a: 1 }, { a: 2 }], (x: { a: number }) => x.a === 2]],
  ['find', () => [schema().required, (x: string) => x === 'montant']],
  ['includes', () => [['a', 'b'], 'b']],
  ['includes', () => ['#/properties/x', 'properties']],
  ['filter', () => [[1, 2, 3, 4], (x: number) => x % 2 === 0]],
  ['filter', () => [schema().properties, (p: { type: string }) => p.type === 'object']],
  ['isEqual', () => [data(), data()]],
  ['isEqual', () => [data(), { ...data(), montant: 851 }]],
  [
    'isEqual',
    () => [
      [1, { a: [2] }],
      [1, { a: [2] }],
    ],
  ],
  ['merge', () => [{}, schema(), { properties: { montant: { maximum: 4000 } } }]],
  ['merge', () => [{ a: [1, 2, 3] }, { a: [9] }]],
  ['cloneDeep', () => [data()]],
  ['isFunction', () => [() => 1]],
  ['isFunction', () => [{}]],
  ['maxBy', () => [[{ r: 1 }, { r: 3 }, { r: 2 }], (x: { r: number }) => x.r]],
  ['maxBy', () => [[], (x: { r: number }) => x.r]],
  ['remove', () => [[1, 2, 3, 4], (x: number) => x > 2]],
  ['endsWith', () => ['#/properties/montant', 'montant']],
  ['last', () => [['a', 'b', 'c']]],
  ['last', () => [[]]],
  ['reduce', () => [[1, 2, 3], (acc: number, x: number) => acc + x, 0]],
  ['reduce', () => [{ a: 1, b: 2 }, (acc: string[], _v: number, k: string) => acc.concat(k), []]],
  ['toPairs', () => [{ a: 1, b: { c: 2 } }]],
  ['isUndefined', () => [undefined]],
  ['isUndefined', () => [null]],
  ['clone', () => [data()]],
  ['toPath', () => ['pieces[0].nom']],
  ['toPath', () => ['demandeur.adresse.ville']],
];

describe('es-toolkit/compat in place of lodash', () => {
  it('covers every lodash function JSON Forms imports', () => {
    const imported = new Set<string>();
    for (const file of [
      '@jsonforms/core/lib/jsonforms-core.esm.js',
      '@jsonforms/react/lib/jsonforms-react.esm.js',
    ])
      for (const m of readFileSync(require.resolve(file), 'utf8').matchAll(
        /from ['"]lodash\/([a-zA-Z]+)['"]/g,
      ))
        imported.add(m[1] as string);
    expect(imported.size).toBeGreaterThan(10);
    // debounce is timing: checked below on its own.
    const covered = new Set([...CALLS.map(([name]) => name), 'debounce']);
    expect([...imported].filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(CALLS.map(([name, args], i) => [`${name} #${i}`, name, args] as const))(
    '%s answers as lodash does',
    (_label, name, args) => {
      const inputA = args();
      const inputB = args();
      expect(compat(name)(...inputB)).toEqual(lodash(name)(...inputA));
      // Same effect on the arguments (remove and merge change their first one).
      expect(withoutFunctions(inputB)).toEqual(withoutFunctions(inputA));
    },
  );

  it('debounce runs the last call once, after the wait', async () => {
    const calls: number[] = [];
    const debounced = compat('debounce')((n: number) => calls.push(n), 20) as unknown as ((
      n: number,
    ) => void) & {
      cancel(): void;
    };
    debounced(1);
    debounced(2);
    debounced(3);
    expect(calls).toEqual([]);
    await new Promise((ok) => setTimeout(ok, 60));
    expect(calls).toEqual([3]);
  });
});
