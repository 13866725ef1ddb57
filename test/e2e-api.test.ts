/**
 * The API contract beyond whole cases: who am I, the procedure and its forms
 * for display, work queues, cached views with ETags, logout, statistics, and
 * — outside development mode — a party joining a case with the access code
 * its convocation carried.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../runtime/index.ts';
import { createAuthSession } from '../runtime/identity/sessions.ts';
import { ANNEX, filing } from './helpers/annex.ts';
import { Api, type View } from './helpers/api.ts';
import { settledDump, withDb } from './helpers/db.ts';
import { Cast } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer({ spec: ANNEX });
  cast = new Cast(t);
});
afterAll(async () => {
  await t.close();
});

describe('identity and procedure', () => {
  it('answers /api/me, accepts short sample names, and logs out', async () => {
    const cj = await t.as('commissaire');
    expect((await cj.get('/api/me')).body).toEqual({
      id: 'commissaire_de_justice',
      name: expect.any(String),
      roles: ['commissaire_de_justice'],
      court: 'tj-exemple',
    });
    expect((await cj.post('/api/logout')).status).toBe(200);
    expect((await cj.get('/api/me')).status).toBe(401);
  });

  it('describes the procedure and its forms with parameters in French', async () => {
    const api = t.anonymous();
    const p = (
      await api.get<{
        title: string;
        parameters: { id: string; text: string }[];
        phases: unknown[];
        transitions: unknown[];
        eligibility: { ruleset: string; form: string; facts: string[]; alternative: string } | null;
      }>('/api/procedures/petits-litiges/1.0.0')
    ).body;
    // The rule set guarding the online filing, found from the transitions, not by name.
    expect(p.eligibility).toMatchObject({
      ruleset: 'eligibilite',
      event: 'deposer_demande',
      form: 'demande',
    });
    expect(p.eligibility?.facts).toEqual(expect.arrayContaining(['montant', 'objets']));
    expect(p.eligibility?.alternative).toMatch(/procédure habituelle/);
    expect(p.eligibility?.alternative).not.toContain('${');
    expect(p.title).toContain('4\u202f000\u00a0€');
    expect(p.parameters).toContainEqual(expect.objectContaining({ id: 'delai_critique', text: '7 jours' }));
    expect(p.phases.length).toBeGreaterThan(5);
    const form = await api.get<{
      id: string;
      schema: { properties: Record<string, unknown> };
      uischema: unknown;
    }>('/api/procedures/petits-litiges/1.0.0/forms/demande');
    expect(form.body.schema.properties).toHaveProperty('montant');
    expect(JSON.stringify(form.body)).not.toContain('${');
    expect((await api.get('/api/procedures/petits-litiges/9.9.9')).status).toBe(404);
  });
});

describe('headers', () => {
  it('sends nosniff and a cache rule with every API answer, errors included', async () => {
    const demandeur = await cast.as('demandeur');
    const opened = await demandeur.open('petits-litiges');
    const fired = await demandeur.fire(opened.id, 'deposer_demande', filing());
    const anonymous = new Api(t.url);
    const answers = {
      health: await demandeur.get('/api/health'),
      me: await demandeur.get('/api/me'),
      procedures: await demandeur.get('/api/procedures'),
      procedure: await demandeur.get('/api/procedures/petits-litiges/1.0.0'),
      openapi: await demandeur.get('/api/openapi.json'),
      docs: await demandeur.get('/api/docs'),
      stats: await demandeur.get('/api/stats'),
      event: fired,
      draft: await demandeur.request('PUT', `/api/cases/${opened.id}/draft`, { data: {} }),
      unknown: await demandeur.get('/api/nulle-part'),
      unauthenticated: await anonymous.get('/api/me'),
      refused: await demandeur.fire(opened.id, 'deposer_demande', filing()),
    };
    const wrong = Object.entries(answers)
      .filter(
        ([, r]) =>
          r.headers.get('x-content-type-options') !== 'nosniff' ||
          r.headers.get('cache-control') !== 'no-store',
      )
      .map(
        ([name, r]) =>
          `${name} ${r.status} ${r.headers.get('cache-control')} ${r.headers.get('x-content-type-options')}`,
      );
    expect(wrong).toEqual([]);
    expect(answers.unknown.status).toBe(404);
    expect(answers.unauthenticated.status).toBe(401);
    expect(answers.refused.status).toBe(409);
    const view = await demandeur.view(opened.id);
    expect(view.headers.get('x-content-type-options')).toBe('nosniff');
    expect(view.headers.get('cache-control')).toBe('private, no-cache');
  });
});

describe('views and queues', () => {
  it('serves an unchanged view as 304 and a changed one fresh (event, draft)', async () => {
    const demandeur = await cast.as('demandeur');
    const opened = await demandeur.open('petits-litiges');
    const first = await demandeur.view(opened.id);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const same = await demandeur.request('GET', `/api/cases/${opened.id}`, undefined, {
      'if-none-match': etag,
    });
    expect(same.status).toBe(304);
    await demandeur.request('PUT', `/api/cases/${opened.id}/draft`, { data: { montant: 12 } });
    const drafted = await demandeur.request<View & { draft: { data: unknown } }>(
      'GET',
      `/api/cases/${opened.id}`,
      undefined,
      { 'if-none-match': etag },
    );
    expect(drafted.status).toBe(200);
    expect(drafted.body.draft.data).toEqual({ montant: 12 });
    const filed = await demandeur.ok(opened.id, 'deposer_demande', filing());
    const after = await demandeur.view(opened.id);
    // The outbox journals its deliveries (`connecteur` rows) in the background, after the answer:
    // the view read again equals the answer apart from those.
    const own = (view: View) => ({
      ...view,
      timeline: view.timeline.filter((item) => item.kind !== 'connecteur'),
    });
    expect(own(after.body)).toEqual(own(filed));
    expect(after.body.state.id).toBe('convocation_defendeur');
  });

  it('answers an event with its short result, and sends the view gzipped once made (weak ETag, 304)', async () => {
    const demandeur = await cast.as('demandeur');
    const opened = await demandeur.open('petits-litiges');
    const fired = await demandeur.fire(opened.id, 'deposer_demande', filing());
    expect(fired.status).toBe(200);
    expect(fired.body).toEqual({
      id: opened.id,
      caseVersion: opened.caseVersion + 1,
      state: { id: 'convocation_defendeur', label: expect.any(String), final: false, outcome: null },
      event: {
        seq: expect.any(Number),
        event: 'deposer_demande',
        at: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      view: `/api/cases/${opened.id}`,
    });
    const raw = (encoding: string, extra: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers = { authorization: `Bearer ${demandeur.token}`, 'accept-encoding': encoding, ...extra };
        httpGet(`${t.url}${fired.body.view}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        }).once('error', reject);
      });
    const plain = await raw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const view = JSON.parse(plain.body.toString()) as View;
    expect(view.caseVersion).toBe(fired.body.caseVersion);
    expect(view.timeline.filter((item) => item.kind !== 'connecteur').at(-1)).toMatchObject({
      seq: fired.body.event.seq,
      event: 'deposer_demande',
    });
    // The cache is checked on a view that no longer moves: the outbox journals its deliveries and the
    // SMS simulator its delivery reports (`connecteur` rows) in the background, which change the ETag.
    await settledDump(t);
    const settled = await raw('identity');
    const gz = await raw('gzip, deflate, br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.body.length).toBeLessThan(settled.body.length / 2);
    expect(gunzipSync(gz.body).toString()).toBe(settled.body.toString());
    expect(gz.headers.etag).toBe(`W/${settled.headers.etag}`);
    expect((await raw('gzip', { 'if-none-match': gz.headers.etag ?? '' })).status).toBe(304);
    expect((await raw('gzip;q=0', {})).headers['content-encoding']).toBeUndefined();
  });

  it('gives court actors work queues: cases where they can act, by phase or deadline', async () => {
    const demandeur = await cast.as('demandeur');
    const opened = await demandeur.open('petits-litiges');
    await demandeur.ok(opened.id, 'deposer_demande', filing());
    const greffe = await cast.as('greffe');
    type Summary = { id: string; actions: number; phase: string };
    const queue = (await greffe.get<Summary[]>('/api/cases?queue=convocation')).body;
    expect(queue.map((c) => c.id)).toContain(opened.id);
    expect(queue.every((c) => c.actions > 0 && c.phase === 'convocation')).toBe(true);
    // The commissaire de justice sees the case (same court) but has nothing to do in it yet.
    const cj = await cast.as('commissaire_de_justice');
    expect((await cj.get<Summary[]>('/api/cases?queue=convocation')).body.map((c) => c.id)).not.toContain(
      opened.id,
    );
    expect((await cj.get<Summary[]>('/api/cases')).body.map((c) => c.id)).toContain(opened.id);
    // The claim just filed runs no deadline: it is in the court's paged « sans délai » queue (issue 17).
    type Page = { cases: (Summary & { nextDeadline?: unknown })[]; next: string | null };
    const idle = await greffe.get<Page>('/api/cases?deadline=none&queue=convocation&limit=200');
    expect(idle.status).toBe(200);
    expect(idle.body.cases.map((c) => c.id)).toContain(opened.id);
    expect(idle.body.cases.every((c) => c.nextDeadline === undefined && c.actions > 0)).toBe(true);
    const cjIdle = await cj.get<Page>('/api/cases?deadline=none&queue=convocation');
    expect(cjIdle.body.cases.map((c) => c.id)).not.toContain(opened.id);
    expect((await greffe.get('/api/cases?deadline=some')).status).toBe(400);
  });

  it('computes the objectives from the journal', async () => {
    const stats = await (await cast.as('juge')).get<{
      cases: number;
      byState: Record<string, number>;
      timeToDecision: { targetDays: number };
    }>('/api/stats?procedure=petits-litiges');
    expect(stats.body.cases).toBeGreaterThan(0);
    expect(Object.values(stats.body.byState).reduce((a, b) => a + b, 0)).toBe(stats.body.cases);
    expect(stats.body.timeToDecision.targetDays).toBe(61); // délai de décision: 2 mois
  });
});

describe('outside development mode', () => {
  it('lets the defendant join with the access code of the convocation, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greffe-join-'));
    const s = await startServer({ db: join(dir, 'g.sqlite'), spec: ANNEX, port: 0, log: () => undefined });
    try {
      const now = new Date();
      const login = async (id: string, roles: string[], court?: string) => {
        await s.runtime.store.upsertUser({ id, name: id, roles, court: court ?? null, source: 'test' }, now);
        const api = new Api(s.url);
        api.token = await createAuthSession(s.runtime.store, { userId: id, method: 'test', dev: false });
        return api;
      };
      const claimant = await login('claire', []);
      const greffe = await login('greffier', ['greffe'], 'tj-exemple');
      const defendant = await login('boutique', []);
      expect((await t.anonymous().post('/api/dev/login', { user: 'juge' })).status).toBe(200); // the dev server, not this one
      expect((await new Api(s.url).post('/api/dev/login', { user: 'juge' })).status).toBe(404);
      const opened = await claimant.open('petits-litiges');
      await claimant.ok(opened.id, 'deposer_demande', filing());
      await greffe.ok(opened.id, 'convoquer_defendeur');
      expect((await defendant.view(opened.id)).status).toBe(404);
      await s.outbox.drain();
      const letters = withDb(join(dir, 'g.sqlite'), (db) =>
        db.prepare("SELECT body FROM deliveries WHERE body LIKE '%Code d’accès%'").all(),
      ) as { body: string }[];
      const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(letters[0]?.body ?? '')?.[1];
      expect(code).toBeDefined();
      expect((await defendant.post('/api/cases/join', { code: 'AAAA-BBBB-CCCC' })).status).toBe(404);
      const joined = await defendant.post<View>('/api/cases/join', { code: code?.toLowerCase() });
      expect(joined.status).toBe(200);
      expect(joined.body.myRoles).toEqual(['defendeur']);
      expect(joined.body.actions.map((a) => a.event)).toContain('s_identifier');
      const intruder = await login('intrus', []);
      expect((await intruder.post('/api/cases/join', { code })).status).toBe(404);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
