/**
 * No docket number until filing (issue 15, point 10): a started draft has no
 * RG number (`reference: null` in the API); the filing takes the next one, in
 * the order the filings happen — not the order the drafts were started — and
 * the documents the filing produces print it. Two filings at once get two
 * numbers, without gap or duplicate; a draft withdrawn before filing takes
 * none. `greffe audit verify` still replays every journal.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPgUrl } from '../runtime/store/pg-testing.ts';
import type { Api, View } from './helpers/api.ts';
import { filing } from './helpers/annex.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

let t: TestServer;
let demandeur: Api;

beforeAll(async () => {
  t = await startTestServer({ spec: 'spec/procedures' });
  demandeur = await t.as('demandeur');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const open = () => demandeur.open('petits-litiges', { version: '1.0.0' });
const referenceOf = async (id: string) => (await demandeur.view(id)).body.reference as string | null;

/** The text of the document the filing produced (the claim as filed). */
async function filedDocument(v: View): Promise<string> {
  const filed = v.timeline.find((t) => t.event === 'deposer_demande');
  const ref = filed?.documents?.[0];
  if (!ref) throw new Error('le dépôt n’a produit aucun document');
  const r = await demandeur.get<string>(`/api/cases/${v.id}/documents/${ref.id}`);
  expect(r.status).toBe(200);
  return r.body;
}

describe('docket numbers given at filing', () => {
  it('a started draft has none; filings are numbered in the order they happen and their documents print it', async () => {
    const first = await open();
    const second = await open();
    expect(first.reference).toBeNull();
    expect(second.reference).toBeNull();
    expect(await referenceOf(first.id)).toBeNull();
    const list = await demandeur.get<{ id: string; reference: string | null }[]>('/api/cases');
    expect(list.body.filter((c) => c.id === first.id || c.id === second.id).map((c) => c.reference)).toEqual([
      null,
      null,
    ]);

    // The draft started second is filed first: it gets the first number.
    const filedSecond = await demandeur.ok(second.id, 'deposer_demande', filing());
    expect(filedSecond.reference).toBe('RG 27/00001');
    expect(await filedDocument(filedSecond)).toContain('Affaire RG 27/00001');
    expect(await referenceOf(first.id)).toBeNull();
    const filedFirst = await demandeur.ok(first.id, 'deposer_demande', filing());
    expect(filedFirst.reference).toBe('RG 27/00002');
    expect(await filedDocument(filedFirst)).toContain('Affaire RG 27/00002');
  });

  it('two filings at once get the next two numbers, each printed on its own documents', async () => {
    const a = await open();
    const b = await open();
    const [ra, rb] = await Promise.all([a, b].map((c) => demandeur.fire(c.id, 'deposer_demande', filing())));
    expect([ra?.status, rb?.status]).toEqual([200, 200]);
    const views = await Promise.all([a, b].map(async (c) => (await demandeur.view(c.id)).body));
    expect(views.map((v) => v.reference).sort()).toEqual(['RG 27/00003', 'RG 27/00004']);
    for (const v of views) expect(await filedDocument(v)).toContain(`Affaire ${v.reference}`);
  });

  it('a draft withdrawn before filing takes no number, and leaves no gap', async () => {
    const withdrawn = await open();
    await demandeur.ok(withdrawn.id, 'retirer_demande', {
      confirmation: true,
      motif: 'Accord trouvé avec le vendeur.',
    });
    expect(await referenceOf(withdrawn.id)).toBeNull();
    const next = await open();
    expect((await demandeur.ok(next.id, 'deposer_demande', filing())).reference).toBe('RG 27/00005');
  });

  // The CLI reads a SQLite file; on PostgreSQL the replay is the same code (runtime/audit/replay.ts).
  it.skipIf(testPgUrl() !== undefined)(
    'greffe audit verify replays every journal, drafts and filed cases alike',
    async () => {
      const out = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'cli/main.ts', 'audit', 'verify', '--db', t.dbFile],
          { encoding: 'utf8' },
          (err, stdout, stderr) => resolve({ status: err ? (err.code as number) : 0, stdout, stderr }),
        );
      });
      expect(out.stderr + out.stdout).not.toMatch(/rejeu impossible|ne découle pas/);
      expect(out.status, out.stdout + out.stderr).toBe(0);
    },
  );
});
