/**
 * GET /api/stats reads what a procedure declares under `objectives:`, never
 * the names of its fields or deadlines: a copy of the annex whose astreinte
 * field and decision deadline are renamed everywhere gives the same
 * statistics, after the same journeys, as the original.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { Cast, playJourney } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { ANNEX_DIR, copySpec } from './helpers/spec-copy.ts';

const RENAMES: readonly [string, string][] = [
  ['astreinte_prononcee', 'astreinte_ordonnee'],
  ['delai_decision', 'delai_pour_juger'],
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function renamedCopy(): string {
  const dir = copySpec(ANNEX_DIR);
  // The scenarios written beside the published version (<id>/tests/<version>/) come along, renamed too.
  const beside = join(dirname(ANNEX_DIR), 'tests', basename(ANNEX_DIR));
  if (existsSync(beside)) cpSync(beside, join(dirname(dir), 'tests', basename(dir)), { recursive: true });
  for (const file of yamlFiles(dirname(dir))) {
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of RENAMES) text = text.replaceAll(from, to);
    writeFileSync(file, text);
  }
  return dir;
}

async function statsAfterJourneys(t: TestServer, dir: string): Promise<unknown> {
  const { procedure } = loadProcedure(dir);
  const p = procedure as Procedure;
  const cast = new Cast(t);
  for (const j of p.tests.flatMap((f) => f.journeys)) await playJourney(cast, p, j);
  const r = await (await cast.as('juge')).get('/api/stats');
  expect(r.status).toBe(200);
  return r.body;
}

describe('statistics follow the declarations, not the names', () => {
  const renamed = renamedCopy();
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

  it('renames every use of the field and the deadline', () => {
    for (const f of yamlFiles(dirname(renamed)))
      for (const [from] of RENAMES) expect(readFileSync(f, 'utf8')).not.toContain(from);
    expect(loadProcedure(renamed).procedure?.objectives.astreinte?.fields).toEqual(['astreinte_ordonnee']);
  });

  it('gives the same statistics as the original after the same journeys', async () => {
    const a = (await statsAfterJourneys(original, ANNEX_DIR)) as {
      astreinteShare: number;
      bankExecutions: number;
      timeToDecision: { targetDays: number; decided: number };
    };
    const b = await statsAfterJourneys(copy, renamed);
    expect(b).toEqual(a);
    // Not a comparison of two empty answers: the journeys judge, order an astreinte and execute.
    expect(a.timeToDecision.decided).toBeGreaterThan(0);
    expect(a.timeToDecision.targetDays).toBe(61);
    expect(a.astreinteShare).toBeGreaterThan(0);
    expect(a.bankExecutions).toBeGreaterThan(0);
  }, 600_000);
});
