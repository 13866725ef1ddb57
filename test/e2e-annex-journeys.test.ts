/**
 * Every journey the drafters wrote for the annex (tests/*.yaml `journeys:`)
 * runs end to end over real HTTP on a real SQLite file, each step fired by
 * the sample user of its role, waits done by moving the development clock —
 * for the published 1.0.0 and the next version, 1.1.0 (its per-party and
 * act-dated deadlines, its court calendar), from the version's effective date,
 * and for the second procedure, the injonction de payer, written with no code.
 * A journey that starts inside the procedure (`start:` not an initial state)
 * is the engine's alone: a case is only ever opened in an initial state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialStates } from '../runtime/engine/actions.ts';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { Cast, playJourney } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

describe.each([
  // 1.0.0's journeys run from today; those of the later versions and of the injonction de payer
  // carry dated acts, so they start, as in `greffe test`, on the version's effective date.
  { dir: 'spec/procedures/petits-litiges/1.0.0', fromEffective: false },
  { dir: 'spec/procedures/petits-litiges/1.1.0', fromEffective: true },
  { dir: 'spec/procedures/injonction-de-payer/1.0.0', fromEffective: true },
])('annex journeys over HTTP ($dir)', ({ dir, fromEffective }) => {
  const { procedure, diagnostics } = loadProcedure(dir);
  const p = procedure as Procedure;
  const initials = procedure ? initialStates(procedure) : [];
  const journeys = (procedure?.tests ?? [])
    .flatMap((f) => f.journeys)
    .filter((j) => j.start === undefined || initials.includes(j.start));
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ spec: dir });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the annex loads and has journeys', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(journeys.length).toBeGreaterThan(0);
  });

  const perParty = journeys.find((j) => j.expect.deadlines?.some((d) => d.includes('@')));
  it.runIf(perParty !== undefined)(
    'shows each party its own per-party time only (CPC art. 528)',
    async () => {
      const j = perParty as NonNullable<typeof perParty>;
      const cast = new Cast(t);
      const view = await playJourney(cast, p, j, `${p.effective}T09:00:00Z`);
      const [key] = j.expect.deadlines ?? [];
      const [deadline, party] = (key ?? '').split('@') as [string, string];
      const mine = await (await cast.as(party)).view(view.id);
      expect(mine.body.deadlines.map((d) => [d.id, d.party])).toContainEqual([deadline, party]);
      for (const other of Object.values(p.roles).filter((r) => r.kind === 'partie' && r.id !== party)) {
        const theirs = await (await cast.as(other.id)).view(view.id);
        expect(theirs.body.deadlines.filter((d) => d.id === deadline)).toEqual([]);
      }
    },
  );

  // A person may open 20 cases an hour (runtime/identity/rate-limit.ts): a fresh server every 15 journeys.
  let opened = 0;
  it.each(journeys.map((j) => [j.name, j] as const))('%s', async (_name, j) => {
    if (++opened > 15) {
      await t.close();
      t = await startTestServer({ spec: dir });
      opened = 1;
    }
    const cast = new Cast(t);
    await playJourney(cast, p, j, fromEffective ? `${p.effective}T09:00:00Z` : undefined);
  });
});
