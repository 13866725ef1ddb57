/**
 * Issue 11, acceptance: a copy of the annex whose eligibility rule set is
 * renamed (`eligibilite` → `recevabilite` everywhere in its YAML) validates
 * and answers `greffe eligibility` and `POST /api/procedures/:id/eligibility`
 * exactly as the original — generic code finds the rule set through
 * `decided_by:`, never by its name. Real HTTP servers; `greffe validate` in a
 * real process, `greffe eligibility`'s main() in the test's process.
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runGreffe, runGreffeHere } from './helpers/cli.ts';
import { writeLock } from '../spec/lock.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { ANNEX_DIR, copySpec } from './helpers/spec-copy.ts';

/** Runs the real `greffe` binary. */
const greffe = (args: string[]) => runGreffe(args);
/** The same command's main() in this process. */
const greffeHere = (args: string[]) => runGreffeHere(args);

/** Every YAML file of a version folder, recursively. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The annex with its eligibility rule set renamed in every YAML file (and its scenario file renamed too). */
function renamedCopy(): string {
  const dir = copySpec(ANNEX_DIR);
  let replaced = 0;
  for (const file of yamlFiles(dir)) {
    const before = readFileSync(file, 'utf8');
    const after = before.replaceAll('eligibilite', 'recevabilite');
    replaced += before.split('eligibilite').length - 1;
    writeFileSync(file, after);
  }
  renameSync(join(dir, 'tests/eligibilite.yaml'), join(dir, 'tests/recevabilite.yaml'));
  if (replaced < 5) throw new Error(`renamedCopy: ${replaced} remplacement(s) seulement`);
  // The copy stands for an annex published with the new name: locked as published (spec/lock.ts).
  writeLock(dir);
  return dir;
}

const CLAIMS: Record<string, unknown>[] = [
  { montant: 3999.99, objets: ['paiement'], matiere: 'civile' },
  { montant: 4000, objets: ['paiement', 'licenciement'], matiere: 'travail' },
  { montant: -1, objets: [], matiere: 'penale' },
];

const renamed = renamedCopy();
const specRoot = (versionDir: string) => dirname(dirname(versionDir));

describe('an annex whose eligibility rule set is renamed', () => {
  it('keeps no trace of the old name and still validates with --strict', async () => {
    for (const f of yamlFiles(renamed)) expect(readFileSync(f, 'utf8')).not.toContain('eligibilite');
    const r = await greffe(['validate', '--strict', renamed]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/0 erreur\(s\), 0 avertissement\(s\)/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('answers greffe eligibility exactly as the original (output, errors and exit code)', async () => {
    const factsDir = mkdtempSync(join(tmpdir(), 'greffe-facts-'));
    const runs = CLAIMS.flatMap((claim, i) => {
      const file = join(factsDir, `faits-${i}.json`);
      writeFileSync(file, JSON.stringify(claim));
      return [ROOT, specRoot(renamed)].map((root) =>
        greffeHere(['eligibility', '--facts', file, '--specs', root === ROOT ? 'spec/procedures' : root]),
      );
    });
    const results = await Promise.all(runs);
    for (let i = 0; i < CLAIMS.length; i++) {
      const [original, copy] = [results[2 * i], results[2 * i + 1]];
      expect(copy, JSON.stringify(CLAIMS[i])).toEqual(original);
    }
    // The claims cover an eligible claim, an ineligible one and invalid facts.
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 2, 2]);
    expect(JSON.parse(results[0]?.stdout ?? '')).toMatchObject({ eligible: true });
    expect(JSON.parse(results[2]?.stdout ?? '')).toMatchObject({ eligible: false });
  }, 300_000);

  describe('over HTTP', () => {
    let original: TestServer;
    let copy: TestServer;
    beforeAll(async () => {
      [original, copy] = await Promise.all([
        startTestServer({ spec: ANNEX_DIR }),
        startTestServer({ spec: renamed }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([original?.close(), copy?.close()]);
    });

    it('answers POST /api/procedures/:id/eligibility exactly as the original', async () => {
      const statuses: number[] = [];
      for (const claim of CLAIMS) {
        const [a, b] = await Promise.all(
          [original, copy].map((t) =>
            t.anonymous().post('/api/procedures/petits-litiges/eligibility', claim),
          ),
        );
        expect(b?.status, JSON.stringify(claim)).toBe(a?.status);
        expect(b?.body, JSON.stringify(claim)).toEqual(a?.body);
        statuses.push(a?.status ?? 0);
      }
      expect(statuses).toEqual([200, 200, 400]);
    });

    it('documents the same eligibility facts in the OpenAPI document', async () => {
      const [a, b] = await Promise.all([original, copy].map((t) => t.anonymous().get('/api/openapi.json')));
      type Doc = { components: { schemas: Record<string, unknown> } };
      const schemas = (r: typeof a) => (r?.body as Doc | undefined)?.components.schemas ?? {};
      expect(schemas(b)['petits-litiges_1.0.0_facts_eligibility']).toEqual(
        schemas(a)['petits-litiges_1.0.0_facts_eligibility'],
      );
      expect(schemas(a)['petits-litiges_1.0.0_facts_eligibility']).toBeDefined();
    });
  });
});
