/**
 * Property-based fuzzing (fast-check), kept to a few seconds each for CI:
 * - the spec loader, on a procedure whose files are mutated at random (lines
 *   dropped, duplicated, replaced by YAML fragments): it answers with
 *   diagnostics, never a crash;
 * - every route of the API (read from the OpenAPI document the server serves),
 *   with random path parameters, queries, headers and bodies, logged in or
 *   not: never a 5xx.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure } from '../spec/index.ts';
import type { Api } from './helpers/api.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const SOURCE = 'test/fixtures/procedures/mediation/1.0.0';
const FRAGMENTS = [
  '',
  '  - ',
  'x: [',
  '{a: 1}',
  '*ancre',
  '&a [1, *a]',
  '!!binary AAAA',
  '%YAML 9.9',
  '  from: [nulle_part]',
  '    when: { all: [ { fact: x, operator: equal, value: 1 } ] }',
  '  deadline: ${inexistant}',
  '"\\u0000"',
  '- - - -',
  '? complexe',
  '<<: *rien',
  `${'a: '.repeat(50)}1`,
];

describe('fuzzing the spec loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-fuzz-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = readdirSync(SOURCE, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.yaml'))
    .map((f) => join(f.parentPath, f.name).slice(SOURCE.length + 1));

  it('answers every mutated spec with diagnostics, never a crash', () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('drop', 'dup', 'replace'),
            fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (file, edits) => {
          const target = join(dir, `v${run++}`);
          cpSync(SOURCE, target, { recursive: true });
          const lines = readFileSync(join(target, file), 'utf8').split('\n');
          for (const [at, how, text] of edits) {
            const i = at % Math.max(lines.length, 1);
            if (how === 'drop') lines.splice(i, 1);
            else if (how === 'dup') lines.splice(i, 0, lines[i] ?? '');
            else lines[i] = text;
          }
          writeFileSync(join(target, file), lines.join('\n'));
          const r = loadProcedure(target);
          expect(Array.isArray(r.diagnostics)).toBe(true);
          if (!r.procedure) expect(r.diagnostics.length).toBeGreaterThan(0);
          rmSync(target, { recursive: true, force: true });
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('fuzzing every API route', () => {
  let t: TestServer;
  let routes: { method: string; path: string }[];
  let logged: Api;
  beforeAll(async () => {
    t = await startTestServer({ spec: 'test/fixtures/procedures/mediation' });
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    logged = await t.as('mediateur');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers no request with a 5xx', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const caseId = (await logged.open('mediation')).id;
    const param = fc.oneof(
      fc.constant(caseId),
      fc.constantFrom('mediation', '1.0.0', 'x', '..', '%2e%2e', 'é', '0', '-1'),
      fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 40 }),
      fc
        .record({
          procedure: fc.constantFrom('mediation', 'x'),
          event: fc.constantFrom('inviter_voisin', 'constater_accord', ''),
          data: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })),
          expectedVersion: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })),
        })
        .map((v) => JSON.stringify(v)),
    );
    const errors: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(param, { minLength: 3, maxLength: 3 }),
        body,
        fc.boolean(),
        fc.string({ maxLength: 10 }),
        async (route, params, b, auth, query) => {
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => params[i++] as string);
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'idempotency-key': `fuzz-${Math.random().toString(36).slice(2)}`,
            origin: t.url,
          };
          if (auth && logged.token) headers.authorization = `Bearer ${logged.token}`;
          const res = await fetch(`${t.url}${path}?q=${encodeURIComponent(query)}`, {
            method: route.method,
            headers,
            ...(b !== undefined && route.method !== 'GET' && { body: b }),
          });
          await res.arrayBuffer();
          if (res.status >= 500) errors.push(`${route.method} ${path} → ${res.status}`);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
