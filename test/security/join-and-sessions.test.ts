/**
 * Issue 14 findings on identity: the claimant taking the defendant's access
 * code (refused, 409, French message), a code used once and only before it
 * expires, the parties told of a join, joining rate-limited (429 +
 * Retry-After), and a session made under --dev refused once the same
 * database is served without --dev.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../runtime/index.ts';
import { ANNEX, filing } from '../helpers/annex.ts';
import { Api } from '../helpers/api.ts';
import { withDb } from '../helpers/db.ts';
import { type PlainServer, startPlainServer } from '../helpers/plain-server.ts';

let s: PlainServer;
beforeAll(async () => {
  s = await startPlainServer();
});
afterAll(async () => {
  await s.close();
});

/** Files a claim as `claimant`, has the registry summon the defendant, returns the case id and the letter's code. */
async function summoned(claimant: Api): Promise<{ id: string; code: string }> {
  const greffe = await s.login(`greffier-${Math.random()}`, ['greffe'], 'tj-exemple');
  const opened = await claimant.open('petits-litiges');
  const { reference } = await claimant.ok(opened.id, 'deposer_demande', filing());
  await greffe.ok(opened.id, 'convoquer_defendeur');
  await s.server.outbox.drain();
  const rows = withDb(s.dbFile, (db) =>
    db.prepare("SELECT body FROM deliveries WHERE body LIKE '%' || ? || '%'").all(reference),
  ) as { body: string }[];
  const code = rows.map((r) => /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(r.body)?.[1]).find(Boolean);
  if (!code) throw new Error('aucun code d’accès envoyé');
  return { id: opened.id, code };
}

describe('joining a case with an access code', () => {
  it('refuses the claimant taking the defendant’s code (409, French message), then lets the defendant join once', async () => {
    const alice = await s.login('alice');
    const { id, code } = await summoned(alice);
    const self = await alice.post<{ error: { code: string; message: string } }>('/api/cases/join', { code });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('ALREADY_A_PARTY');
    expect(self.body.error.message).toMatch(/déjà dans cette affaire/);
    expect((await alice.view(id)).body.myRoles).toEqual(['demandeur']);

    const bob = await s.login('bob');
    const joined = await bob.post<{ myRoles: string[] }>('/api/cases/join', { code });
    expect(joined.status).toBe(200);
    expect(joined.body.myRoles).toEqual(['defendeur']);
    expect((await (await s.login('carol')).post('/api/cases/join', { code })).status).toBe(404);

    const notices = withDb(s.dbFile, (db) =>
      db
        .prepare(
          "SELECT recipient_user, payload FROM outbox WHERE case_id = ? AND payload LIKE '%a rejoint%'",
        )
        .all(id),
    ) as { recipient_user: string }[];
    expect(notices.map((n) => n.recipient_user)).toEqual(['alice']);
  });

  it('refuses a court actor of the case’s court', async () => {
    const { code } = await summoned(await s.login('dora'));
    const judge = await s.login('juge-x', ['juge'], 'tj-exemple');
    expect((await judge.post('/api/cases/join', { code })).status).toBe(409);
  });

  it('refuses an expired code', async () => {
    const { code } = await summoned(await s.login('emile'));
    withDb(s.dbFile, (db) =>
      db
        .prepare("UPDATE invitations SET created_at = '2000-01-01T00:00:00.000Z' WHERE used_at IS NULL")
        .run(),
    );
    expect((await (await s.login('fanny')).post('/api/cases/join', { code })).status).toBe(404);
  });

  it('answers 429 with Retry-After after repeated wrong codes', async () => {
    const guesser = await s.login('guesser');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i++) {
      const r = await guesser.post('/api/cases/join', { code: `AAAA-BBBB-${String(1000 + i)}` });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((x) => x === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('refuses a session made under --dev once the same file is served without --dev', async () => {
    const db = `${s.dir}/dev-then-prod.sqlite`;
    const dev = await startServer({ db, spec: ANNEX, port: 0, dev: true, log: () => undefined });
    const judge = new Api(dev.url);
    await judge.login('juge');
    expect((await judge.get('/api/me')).status).toBe(200);
    await dev.close();
    const prod = await startServer({ db, spec: ANNEX, port: 0, log: () => undefined });
    try {
      const same = new Api(prod.url);
      same.token = judge.token;
      const me = await same.get<{ error: { code: string } }>('/api/me');
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('UNAUTHENTICATED');
    } finally {
      await prod.close();
    }
  });

  it('logout ends every session of the person', async () => {
    const a = await s.login('gaston');
    const b = await s.login('gaston');
    expect((await b.get('/api/me')).status).toBe(200);
    expect((await a.post('/api/logout')).status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
  });
});
