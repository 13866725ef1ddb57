/**
 * Every journey the drafters wrote for the annex (tests/*.yaml `journeys:`)
 * runs end to end over real HTTP on a real SQLite file, each step fired by
 * the sample user of its role, waits done by moving the development clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { Cast, playJourney } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const DIR = 'spec/procedures/petits-litiges/1.0.0';
const { procedure, diagnostics } = loadProcedure(DIR);
const journeys = (procedure?.tests ?? []).flatMap((f) => f.journeys);

describe('annex journeys over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ spec: DIR });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the annex loads and has journeys', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(journeys.length).toBeGreaterThan(0);
  });

  it.each(journeys.map((j) => [j.name, j] as const))('%s', async (_name, j) => {
    const cast = new Cast(t);
    await playJourney(cast, procedure as Procedure, j);
  });
});
