/**
 * Access as a matrix: every sample user (each role of the annex, a second
 * person per party role, a court actor of another court) × every case
 * endpoint × a case they are or are not part of. Parties see only their own
 * cases, court actors the cases of their court, and never a 403 that would
 * reveal a case exists; within a case, conciliation exchanges stay hidden
 * from the judge and the registry (the spec's visible_to).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX, DEFENCE, filing, toConciliation } from './helpers/annex.ts';
import { Cast } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestServer;
let cast: Cast;
/** A case in state `defense` of court tj-exemple, and one in conciliation with an exchange. */
let inDefence: string;
let inConciliation: string;
let piece: string;
let exchange: string;
const users: string[] = [];

beforeAll(async () => {
  t = await startTestServer({ spec: ANNEX });
  cast = new Cast(t);
  users.push(...(await t.anonymous().get<{ id: string }[]>('/api/dev/users')).body.map((u) => u.id));
  const demandeur = await cast.as('demandeur');
  const opened = await demandeur.open('petits-litiges');
  inDefence = opened.id;
  await demandeur.ok(inDefence, 'deposer_demande', filing());
  await (await cast.as('greffe')).ok(inDefence, 'convoquer_defendeur');
  await (await cast.as('defendeur')).ok(inDefence, 's_identifier', {
    moyen_identification: 'franceconnect',
    courriel: 'x@example.fr',
    consentement_signification_electronique: true,
  });
  const up = await demandeur.upload(inDefence, 'pieces', PDF, 'facture.pdf');
  expect(up.status).toBe(201);
  piece = up.body.id;
  inConciliation = await toConciliation(cast);
  const view = await (await cast.as('defendeur')).ok(inConciliation, 'echanger_conciliation', {
    message: 'Proposition : 600 euros.',
  });
  exchange = view.documents.find((d) => d.kind === 'echanges_conciliation')?.id ?? '';
  expect(exchange).not.toBe('');
});
afterAll(async () => {
  await t.close();
});

/** Who holds a role in the case in state `defense`: its two parties and the court actors of its court. */
const INSIDE = ['demandeur', 'defendeur', 'juge', 'greffe', 'conciliateur', 'commissaire_de_justice'];
/** Who may see conciliation exchanges (the spec's visible_to, among those inside). */
const SEE_EXCHANGES = ['demandeur', 'defendeur', 'conciliateur'];

describe('access matrix', () => {
  it('has sample users for every role, a second person per party role and a court actor of another court', () => {
    for (const u of [...INSIDE, 'avocat', 'demandeur_2', 'defendeur_2', 'juge_autre', 'greffe_autre'])
      expect(users).toContain(u);
  });

  it.each(['list', 'view', 'draft', 'event', 'upload', 'download', 'exchange'] as const)(
    'endpoint: %s',
    async (endpoint) => {
      const cells: string[] = [];
      for (const user of users) {
        const api = await cast.as(user);
        const inside = INSIDE.includes(user);
        let got: number | string;
        let want: number | string;
        switch (endpoint) {
          case 'list': {
            const r = await api.get<{ id: string }[]>('/api/cases');
            got = r.body.some((c) => c.id === inDefence) ? 'listed' : 'absent';
            want = inside ? 'listed' : 'absent';
            break;
          }
          case 'view':
            got = (await api.view(inDefence)).status;
            want = inside ? 200 : 404;
            break;
          case 'draft':
            got = (await api.request('PUT', `/api/cases/${inDefence}/draft`, { data: { note: user } }))
              .status;
            want = inside ? 200 : 404;
            break;
          case 'event': {
            // deposer_defense with no data: the defendant reaches the form check, other insiders the role check.
            const r = await api.post(
              `/api/cases/${inDefence}/events`,
              { event: 'deposer_defense', data: {}, expectedVersion: 3 },
              { 'idempotency-key': randomUUID() },
            );
            got = `${r.status} ${(r.body as { error?: { code: string } }).error?.code}`;
            want = !inside
              ? '404 CASE_NOT_FOUND'
              : user === 'defendeur'
                ? '422 INVALID_FORM'
                : '403 ROLE_NOT_ALLOWED';
            break;
          }
          case 'upload':
            got = (await api.upload(inDefence, 'pieces', PDF)).status;
            want = inside ? 201 : 404;
            break;
          case 'download':
            got = (await api.get(`/api/cases/${inDefence}/documents/${piece}`)).status;
            want = inside ? 200 : 404;
            break;
          case 'exchange':
            got = (await api.get(`/api/cases/${inConciliation}/documents/${exchange}`)).status;
            want = SEE_EXCHANGES.includes(user) ? 200 : 404;
            break;
        }
        if (got !== want) cells.push(`${user}: attendu ${want}, obtenu ${got}`);
      }
      expect(cells).toEqual([]);
    },
  );

  it('never serves a view cached for one caller to another: the gate runs for each caller', async () => {
    // A fresh case, no drafts: every caller's stamp is the same, only the caller differs.
    const demandeur = await cast.as('demandeur');
    const { id } = await demandeur.open('petits-litiges');
    const first = await demandeur.view(id);
    const again = await demandeur.view(id); // from the cache: same ETag
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    for (const user of ['demandeur_2', 'defendeur', 'defendeur_2', 'juge_autre', 'greffe_autre', 'avocat']) {
      const r = await (await cast.as(user)).view(id);
      expect(`${user} ${r.status}`).toBe(`${user} 404`);
    }
    const juge = await (await cast.as('juge')).view(id);
    expect(juge.status).toBe(200);
    expect(juge.body.myRoles).toEqual(['juge']);
    expect(juge.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('shows a defendant’s documents to the claimant, but never another party’s draft', async () => {
    const demandeur = await cast.as('demandeur');
    const defendeur = await cast.as('defendeur');
    await defendeur.request('PUT', `/api/cases/${inDefence}/draft`, {
      data: { position: 'brouillon secret' },
    });
    const seen = (await demandeur.view(inDefence)).body as unknown as { draft?: { data: { note?: string } } };
    expect(seen.draft?.data).toEqual({ note: 'demandeur' });
    await defendeur.ok(inDefence, 'deposer_defense', DEFENCE);
    const after = (await demandeur.view(inDefence)).body;
    expect(after.documents.map((d) => d.kind)).toContain('defense');
  });
});
