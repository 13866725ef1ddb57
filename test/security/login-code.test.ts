/**
 * Login without --dev: the e-mail one-time code (written as .eml files when no
 * SMTP server is configured), single-use, short-lived, hashed at rest, with a
 * few attempts and rate limits; court staff made with `greffe users add`, and
 * `disable` ending their sessions. Cookies: HttpOnly, SameSite=Lax, Secure
 * behind a trusted HTTPS proxy.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../helpers/db.ts';
import { mailedCode } from '../helpers/mail.ts';
import { type PlainServer, startPlainServer } from '../helpers/plain-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let s: PlainServer;
let proxied: PlainServer;
beforeAll(async () => {
  s = await startPlainServer();
  proxied = await startPlainServer({ trustProxy: true });
});
afterAll(async () => {
  await s.close();
  await proxied.close();
});

const post = (srv: PlainServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The code of the last .eml file sent to `email`. */
const codeMailed = (srv: PlainServer, email: string): string => mailedCode(join(srv.dir, 'courriels'), email);

async function login(srv: PlainServer, email: string): Promise<Response> {
  expect((await post(srv, '/api/auth/code', { email })).status).toBe(202);
  return post(srv, '/api/auth/code/verify', { email, code: codeMailed(srv, email) });
}

/** Runs `greffe users …` in another process (asynchronously: this process serves the requests meanwhile). */
const greffe = (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
  new Promise((done) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['cli/main.ts', 'users', ...args, '--db', s.dbFile],
      { cwd: ROOT, encoding: 'utf8' },
      (err, stdout, stderr) => done({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('e-mail login code', () => {
  it('logs a citizen in with the code of the .eml file, once; the cookie is HttpOnly and SameSite=Lax', async () => {
    const email = 'Alice.Martin@example.fr';
    expect((await post(s, '/api/auth/code', { email })).status).toBe(202);
    const code = codeMailed(s, 'alice.martin@example.fr');
    expect(code).toMatch(/^\d{6}$/);
    const rows = withDb(s.dbFile, (db) => db.prepare('SELECT code_hash FROM login_codes').all()) as {
      code_hash: string;
    }[];
    expect(rows.some((r) => r.code_hash.includes(code))).toBe(false);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await post(s, '/api/auth/code/verify', { email, code: wrong })).status).toBe(400);
    const ok = await post(s, '/api/auth/code/verify', { email, code });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/greffe_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await fetch(`${s.url}/api/me`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(((await me.json()) as { name: string; roles: string[] }).roles).toEqual([]);
    expect((await post(s, '/api/auth/code/verify', { email, code })).status).toBe(400); // single use
  });

  it('burns a code after 5 wrong attempts, and refuses an expired one', async () => {
    const email = 'bob@example.fr';
    await post(s, '/api/auth/code', { email });
    const code = codeMailed(s, email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) await post(s, '/api/auth/code/verify', { email, code: wrong });
    expect((await post(s, '/api/auth/code/verify', { email, code })).status).toBe(400);
    await post(s, '/api/auth/code', { email });
    const fresh = codeMailed(s, email);
    withDb(s.dbFile, (db) => db.prepare('UPDATE login_codes SET expires_at = 0 WHERE email = ?').run(email));
    expect((await post(s, '/api/auth/code/verify', { email, code: fresh })).status).toBe(400);
  });

  it('rate-limits code requests per address (429 + Retry-After)', async () => {
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 7; i++) {
      const r = await post(s, '/api/auth/code', { email: 'carol@example.fr' });
      statuses.push(r.status);
      retry ??= r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retry)).toBeGreaterThan(0);
  });

  it('sets a Secure cookie behind a trusted HTTPS proxy', async () => {
    const r = await login(proxied, 'dan@example.fr');
    expect(r.headers.get('set-cookie')).toMatch(/Secure/);
  });
});

describe('greffe users', () => {
  it('adds a judge who logs in with the e-mail code, lists him, and disable ends his sessions', async () => {
    expect(
      (await greffe('add', '--email', 'juge@tj.example', '--role', 'juge', '--court', 'tj-inexistant'))
        .status,
    ).toBe(2);
    expect(
      (await greffe('add', '--email', 'juge@tj.example', '--role', 'roi', '--court', 'tj-exemple')).status,
    ).toBe(2);
    const added = await greffe(
      'add',
      '--email',
      'juge@tj.example',
      '--role',
      'juge',
      '--court',
      'tj-exemple',
      '--name',
      'Jeanne Juge',
    );
    expect(added.status, added.stderr).toBe(0);
    const r = await login(s, 'juge@tj.example');
    expect(r.status).toBe(200);
    const { token, user } = (await r.json()) as { token: string; user: { roles: string[]; court: string } };
    expect(user).toMatchObject({ roles: ['juge'], court: 'tj-exemple', name: 'Jeanne Juge' });
    expect((await greffe('list')).stdout).toMatch(/juge@tj\.example\tjuge\ttj-exemple\tJeanne Juge\tactif/);
    expect((await greffe('disable', '--email', 'juge@tj.example')).status).toBe(0);
    // Another process disabled him: this server's 5-second session cache may still hold him, then not.
    await new Promise((ok) => setTimeout(ok, 5_100));
    expect((await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
    await post(s, '/api/auth/code', { email: 'juge@tj.example' });
    expect(
      (await post(s, '/api/auth/code/verify', { email: 'juge@tj.example', code: '000000' })).status,
    ).toBe(400);
  }, 120_000); // five runs of the command, each a new process
});
