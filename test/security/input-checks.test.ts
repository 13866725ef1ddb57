/**
 * Issue 14 findings on crafted input: Object.prototype names as ids (404,
 * never 500), a cross-origin form POST riding the session cookie (403), the
 * court as free text (400 unless a known court id), amounts of 0 or 5e-324
 * refused, and a per-person quota of cases opened but not filed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPEN_DRAFTS } from '../../runtime/identity/filing-checks.ts';
import { filing } from '../helpers/annex.ts';
import { type PlainServer, startPlainServer } from '../helpers/plain-server.ts';

let s: PlainServer;
beforeAll(async () => {
  s = await startPlainServer();
});
afterAll(async () => {
  await s.close();
});

describe('lookups by id', () => {
  it('answers 404 (never 500) to constructor, __proto__ and toString as ids', async () => {
    const a = await s.login('alice');
    const id = (await a.open('petits-litiges')).id;
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const path of [
        `/api/procedures/petits-litiges/1.0.0/forms/${k}`,
        `/api/procedures/${k}/1.0.0`,
        `/api/procedures/petits-litiges/${k}`,
        `/api/cases/${k}`,
        `/api/cases/${id}/documents/${k}`,
      ]) {
        expect((await a.get(path)).status, path).toBe(404);
      }
      const upload = await a.upload(id, k, new Uint8Array([0x25, 0x50, 0x44, 0x46]));
      expect(upload.status, `upload ${k}`).toBe(422);
      const event = await a.fire(id, k, {});
      expect(event.status, `event ${k}`).toBeLessThan(500);
      expect((await a.post('/api/cases', { procedure: k })).status).toBe(404);
    }
  });
});

describe('cross-site requests', () => {
  const cookiePost = (path: string, headers: Record<string, string>, token: string) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { cookie: `greffe_session=${token}`, ...headers },
      body: JSON.stringify({ procedure: 'petits-litiges' }),
    });

  it('refuses a cross-origin text/plain POST carrying the session cookie (403), opens nothing', async () => {
    const victim = await s.login('victim');
    const token = victim.token as string;
    const before = (await victim.get<unknown[]>('/api/cases')).body.length;
    const byOrigin = await cookiePost(
      '/api/cases',
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      token,
    );
    expect(byOrigin.status).toBe(403);
    expect(((await byOrigin.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST');
    const bySite = await cookiePost(
      '/api/cases',
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      token,
    );
    expect(bySite.status).toBe(403);
    const sameSite = await cookiePost(
      '/api/cases',
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      token,
    );
    expect(sameSite.status).toBe(403);
    // Same origin, but not JSON: refused too (a form cannot send application/json).
    const plain = await cookiePost('/api/cases', { origin: s.url, 'content-type': 'text/plain' }, token);
    expect(plain.status).toBe(415);
    expect((await victim.get<unknown[]>('/api/cases')).body.length).toBe(before);
    const ok = await cookiePost(
      '/api/cases',
      { origin: s.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      token,
    );
    expect(ok.status).toBe(201);
  });
});

describe('the court', () => {
  it('is an id from the courts list: unknown, path-like or huge values are a 400', async () => {
    const a = await s.login('bernard');
    for (const court of ['tj-inexistant', '../../etc', 'x'.repeat(100_000), 42]) {
      const r = await a.post<{ error: { code: string } }>('/api/cases', {
        procedure: 'petits-litiges',
        court,
      });
      expect([400, 413], String(court).slice(0, 20)).toContain(r.status);
      if (r.status === 400) expect(r.body.error.code).toBe('UNKNOWN_COURT');
    }
    const known = await a.post<{ court: string }>('/api/cases', {
      procedure: 'petits-litiges',
      court: 'tj-lyon',
    });
    expect(known.status).toBe(201);
  });
});

describe('text fields', () => {
  it('refuses a description longer than the platform’s bound for a published version’s unbounded text (was accepted at 20 MB)', async () => {
    const a = await s.login('etienne');
    const id = (await a.open('petits-litiges')).id;
    const r = await a.fire(id, 'deposer_demande', filing({ description_litige: 'x'.repeat(5001) }));
    expect(r.status).toBe(422);
  });
});

describe('open drafts', () => {
  it(`allows ${MAX_OPEN_DRAFTS} cases opened and not filed per person, then 409`, async () => {
    const a = await s.login('dominique');
    for (let i = 0; i < MAX_OPEN_DRAFTS; i++) await a.open('petits-litiges');
    const over = await a.post<{ error: { code: string; message: string } }>('/api/cases', {
      procedure: 'petits-litiges',
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('TOO_MANY_DRAFTS');
    expect(
      (await (await s.login('another')).post('/api/cases', { procedure: 'petits-litiges' })).status,
    ).toBe(201);
  });
});
