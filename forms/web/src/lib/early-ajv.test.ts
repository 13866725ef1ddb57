import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBrowserAjv } from './ajv.ts';
import { decidable, EarlyAjv, earlyEnough, matches } from './early-ajv.ts';

const ajv = createBrowserAjv();
const PROCEDURES = join(import.meta.dirname, '../../../../spec/procedures');

/** Every rule condition and `if` schema of the spec's forms, with the file it comes from. */
function specConditions(): { file: string; schema: unknown }[] {
  const out: { file: string; schema: unknown }[] = [];
  const walk = (file: string, node: unknown) => {
    if (Array.isArray(node)) for (const x of node) walk(file, x);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === 'if') out.push({ file, schema: v });
        if (k === 'condition' && v && typeof v === 'object' && 'schema' in v)
          out.push({ file, schema: v.schema });
        walk(file, v);
      }
  };
  for (const p of readdirSync(PROCEDURES))
    for (const v of readdirSync(join(PROCEDURES, p), { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    )) {
      const dir = join(PROCEDURES, p, v.name, 'forms');
      if (!existsSync(dir)) continue;
      const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
      for (const f of files) walk(`${p}/${v.name}/${f}`, parse(readFileSync(join(dir, f), 'utf8')));
    }
  return out;
}

const SAMPLES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1.5,
  '',
  'greffe',
  'personne_physique',
  'personne_morale',
  [],
  ['a'],
  {},
  { qualite: 'personne_physique' },
  { qualite: 'personne_morale', nom: 'X' },
  { mode: 'greffe' },
  { mode: undefined },
];

describe('EarlyAjv: the first screen’s conditions decided without ajv', () => {
  const conditions = specConditions();

  it('finds the spec’s conditions, and every one is decidable before ajv comes', () => {
    expect(conditions.length).toBeGreaterThan(10);
    expect(conditions.filter((c) => !decidable(c.schema)).map((c) => c.file)).toEqual([]);
  });

  it('decides each of them as ajv does, for values of every type', () => {
    for (const { schema } of conditions) {
      const values = [...SAMPLES];
      const s = schema as { const?: unknown; enum?: unknown[] };
      if ('const' in s) values.push(s.const);
      if (Array.isArray(s.enum)) values.push(...s.enum);
      for (const v of values)
        expect(matches(schema, v), `${JSON.stringify(schema)} / ${JSON.stringify(v)}`).toBe(
          ajv.validate(schema as object, v),
        );
    }
  });

  it('decides combined keywords as ajv does', () => {
    const schemas = [
      { properties: { a: { const: 1 } }, required: ['a'] },
      { not: { enum: ['x', 'y'] } },
      { anyOf: [{ const: 1 }, { type: 'string' }] },
      { allOf: [{ type: ['number', 'null'] }, { not: { const: 0 } }] },
      { type: 'integer' },
      { const: { a: [1, 2] } },
    ];
    const values = [...SAMPLES, 1, 2, 'x', 'z', { a: 1 }, { a: 2 }, { a: [1, 2] }, { b: 1 }];
    for (const schema of schemas)
      for (const v of values.filter((x) => x !== undefined))
        expect(matches(schema, v), `${JSON.stringify(schema)} / ${JSON.stringify(v)}`).toBe(
          ajv.validate(schema, v),
        );
  });

  it('refuses what it cannot decide: such a form waits for ajv', () => {
    expect(decidable({ pattern: '^a' })).toBe(false);
    expect(decidable({ properties: { a: { minLength: 1 } } })).toBe(false);
    expect(earlyEnough({ type: 'object' }, { rule: { condition: { schema: { minimum: 3 } } } })).toBe(false);
    expect(earlyEnough({ allOf: [{ if: { required: ['a'] } }] }, {})).toBe(true);
    expect(() => new EarlyAjv().validate({ format: 'email' }, 'a')).toThrow();
    expect(() => new EarlyAjv().compile()).toThrow();
  });
});
