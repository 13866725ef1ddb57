/**
 * kill -9 of a real server process (SQLite, or PostgreSQL under
 * GREFFE_TEST_DB: a fresh database), during a burst of events and
 * during deadline firing: after a restart, every acknowledged event is in the
 * journal (0 lost), requests retried with their Idempotency-Key journal
 * nothing twice (0 duplicated), every deadline fired exactly once, and
 * `greffe audit verify` passes against the exported checkpoints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase, testPgUrl } from '../runtime/store/pg-testing.ts';
import { Api } from './helpers/api.ts';
import { ROOT, runGreffe } from './helpers/cli.ts';
import { type DbRef, rows } from './helpers/db.ts';

const SPEC = 'test/fixtures/procedures/mediation';
const dir = mkdtempSync(join(tmpdir(), 'greffe-crash-'));
let pg: TestDatabase | undefined;
let db = join(dir, 'greffe.sqlite');
let where: DbRef = { dbFile: db };
beforeAll(async () => {
  if (!testPgUrl()) return;
  pg = await freshDatabase();
  db = pg.url;
  where = { dbFile: '', pgUrl: pg.url };
});
afterAll(async () => {
  await pg?.drop();
  rmSync(dir, { recursive: true, force: true });
});
/** The store's options: the SQLite file, or the PostgreSQL URL and the instances' shared folder. */
const dbArgs = () => (pg ? ['--db', db, '--data', dir] : ['--db', db]);

/** Starts `greffe serve --dev` on a free port; resolves with its URL once it answers. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'cli/bin/greffe.js'), 'serve', '--dev', ...dbArgs(), '--spec', SPEC, '--port', '0'],
    { cwd: ROOT, env: { ...process.env, GREFFE_CHECKPOINT_INTERVAL: '3600' } },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serveur muet : ${out}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /servie sur (http:\/\/\S+?)\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve((m[1] as string).replace('localhost', '127.0.0.1').replace(/\.$/, ''));
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`serveur arrêté (${code}) : ${out}`)));
  });
  return { child, url };
}

const kill9 = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

interface Sent {
  readonly caseId: string;
  readonly key: string;
  readonly version: number;
  acked?: { seq: number; hash: string };
}

describe('kill -9', () => {
  it('loses no acknowledged event and duplicates none, during a burst and during deadline firing', async () => {
    // Cases to fire at.
    let s = await serve();
    let med = new Api(s.url);
    await med.login('mediateur');
    const cases: string[] = [];
    for (let i = 0; i < 12; i++) cases.push((await med.open('mediation')).id);

    // Burst: each case gets `inviter_voisin` again and again (version n → n+1), 4 cases at a time.
    const sent: Sent[] = [];
    let stop = false;
    const fireLoop = async (caseId: string) => {
      for (let version = 0; !stop; version++) {
        const one: Sent = { caseId, key: randomUUID(), version };
        sent.push(one);
        const r = await med
          .fire(caseId, 'inviter_voisin', {}, { key: one.key, expectedVersion: version })
          .catch(() => undefined); // the connection dies with the server: not acknowledged
        if (r?.status !== 200) return;
        one.acked = { seq: r.body.event.seq, hash: r.body.event.hash };
      }
    };
    const loops = cases.map(fireLoop);
    // Killed mid-burst, once some events were acknowledged (PostgreSQL on a loaded machine is slower to start).
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 600 && sent.filter((x) => x.acked).length < 20; i++)
      await new Promise((r) => setTimeout(r, 100));
    await kill9(s.child);
    stop = true;
    await Promise.all(loops);
    const acked = sent.filter((x) => x.acked);
    expect(acked.length).toBeGreaterThan(10);

    // Restart: every acknowledged event is there, with the hash it was acknowledged with.
    s = await serve();
    med = new Api(s.url);
    await med.login('mediateur');
    const journal = await rows<{ case_id: string; seq: number; hash: string }>(
      where,
      "SELECT case_id, seq, hash FROM journal_events WHERE kind = 'transition'",
    );
    const have = new Set(journal.map((j) => `${j.case_id}#${j.seq}#${j.hash}`));
    const lost = acked.filter((a) => !have.has(`${a.caseId}#${a.acked?.seq}#${a.acked?.hash}`));
    expect(lost).toEqual([]);
    // Retried with the same keys: a request that did commit is answered from its key, none journals twice.
    const unanswered = sent.filter((x) => !x.acked);
    for (const u of unanswered) {
      const r = await med.fire(u.caseId, 'inviter_voisin', {}, { key: u.key, expectedVersion: u.version });
      expect([200, 409]).toContain(r.status);
    }
    const [keys] = await rows<{ n: number }>(where, 'SELECT count(*) AS n FROM idempotency_keys');
    const [transitions] = await rows<{ n: number }>(
      where,
      "SELECT count(*) AS n FROM journal_events WHERE kind = 'transition'",
    );
    expect(transitions?.n).toBe(keys?.n);

    // Deadline firing: each case's answer time runs out (15 days); kill -9 while the scheduler fires.
    const moving = med.post('/api/dev/clock', { advance: 'P16D' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    await kill9(s.child);
    await moving;
    s = await serve();
    med = new Api(s.url);
    await med.login('mediateur');
    // The restarted clock starts at the real time again: move it past the deadlines once more.
    const moved = await med.post('/api/dev/clock', { advance: 'P16D' });
    expect(moved.status).toBe(200);
    const firedNow = () =>
      rows<{ case_id: string; n: number }>(
        where,
        "SELECT case_id, count(*) AS n FROM journal_events WHERE actor_id = 'systeme' GROUP BY case_id",
      );
    // On PostgreSQL, deadlines the killed instance had leased wait for their lease to run out (60 s of
    // real time, pg-store.ts LEASE_MS) before another instance fires them: wait for every case to fire.
    let fired = await firedNow();
    for (let tries = 0; fired.length < cases.length && tries < 60; tries++) {
      await new Promise((r) => setTimeout(r, 3000));
      expect((await med.post('/api/dev/clock', { advance: 'PT1M' })).status).toBe(200);
      fired = await firedNow();
    }
    expect(fired.map((f) => f.n)).toEqual(cases.map(() => 1));
    await s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));

    const audit = await runGreffe(['audit', 'verify', ...dbArgs(), '--spec', SPEC]);
    expect(audit.stdout).toMatch(/intacts/);
    expect(audit.code, audit.stdout).toBe(0);
  }, 300_000);
});
