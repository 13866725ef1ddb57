/**
 * What the case record guarantees, checked over HTTP and in the SQLite file:
 * refused events write nothing, a replayed Idempotency-Key returns the first
 * answer without a second event, two concurrent events on the same version
 * cannot both win, and a journal row edited by hand is caught by
 * `greffe audit verify`, which names the case and the first broken event.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPgUrl } from '../runtime/store/pg-testing.ts';
import { actEvents, countsOf, dump, settledDump, withDb } from './helpers/db.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const SPEC = 'test/fixtures/procedures/mediation';
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ spec: SPEC });
});
afterAll(async () => {
  await t.close();
});

const TERMS = { termes: 'Le voisin taille la haie chaque printemps.' };

describe('refused events write nothing', () => {
  it.each([
    ['unknown event', 'mediateur', 'tout_casser', {}, undefined, 422, 'UNKNOWN_EVENT'],
    ['role not allowed', 'requerant_voisin', 'inviter_voisin', {}, undefined, 403, 'ROLE_NOT_ALLOWED'],
    ['invalid form', 'mediateur', 'constater_accord', { termes: 'court' }, undefined, 422, 'INVALID_FORM'],
    ['data without form', 'mediateur', 'inviter_voisin', { x: 1 }, undefined, 422, 'INVALID_FORM'],
    ['stale version', 'mediateur', 'inviter_voisin', {}, 7, 409, 'VERSION_CONFLICT'],
    [
      'automatic event fired by hand',
      'mediateur',
      'expirer_delai_reponse',
      {},
      undefined,
      403,
      'ROLE_NOT_ALLOWED',
    ],
  ] as const)('%s', async (_n, who, event, data, version, status, code) => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'inviter_voisin');
    const api = await t.as(who);
    const before = await settledDump(t);
    const r = await api.fire(
      c.id,
      event,
      { ...data },
      version === undefined ? {} : { expectedVersion: version },
    );
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ error: { code } });
    expect(typeof (r.body as unknown as { error: { message: string } }).error.message).toBe('string');
    expect(await dump(t)).toBe(before);
  });

  it('an event in a final state → 409 INVALID_STATE, nothing written', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'constater_accord', TERMS);
    const before = await settledDump(t);
    const r = await med.fire(c.id, 'constater_echec');
    expect(r).toMatchObject({ status: 409, body: { error: { code: 'INVALID_STATE' } } });
    expect(await dump(t)).toBe(before);
  });

  it('answers 401 without a session and 400 without an Idempotency-Key', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    expect((await t.anonymous().get(`/api/cases/${c.id}`)).status).toBe(401);
    const r = await med.post(`/api/cases/${c.id}/events`, {
      event: 'inviter_voisin',
      data: {},
      expectedVersion: 0,
    });
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } } });
  });
});

describe('idempotency and concurrency', () => {
  it('replays the first answer for the same key and body, with no second event', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    const key = randomUUID();
    const first = await med.fire(c.id, 'inviter_voisin', {}, { key, expectedVersion: 0 });
    expect(first.status).toBe(200);
    const events = await actEvents(t);
    const again = await med.fire(c.id, 'inviter_voisin', {}, { key, expectedVersion: 0 });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await actEvents(t)).toBe(events);
    const reused = await med.fire(c.id, 'constater_accord', TERMS, { key, expectedVersion: 1 });
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
    expect(await actEvents(t)).toBe(events);
  });

  it('lets one of two concurrent events on the same version win; the other gets 409', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    const before = await actEvents(t);
    const [a, b] = await Promise.all([
      med.fire(c.id, 'inviter_voisin', {}, { expectedVersion: 0 }),
      med.fire(c.id, 'inviter_voisin', {}, { expectedVersion: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ error: { code: 'VERSION_CONFLICT' } });
    expect(await actEvents(t)).toBe(before + 1);
    expect((await med.view(c.id)).body.caseVersion).toBe(1);
  });
});

describe('idempotent case creation', () => {
  it('opens one case per Idempotency-Key, even for requests racing each other', async () => {
    const med = await t.as('mediateur');
    const key = randomUUID();
    const before = (await countsOf(t)).cases;
    const open = () =>
      med.post<{ id: string }>('/api/cases', { procedure: 'mediation' }, { 'idempotency-key': key });
    const [a, b] = await Promise.all([open(), open()]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await countsOf(t)).cases).toBe(before + 1);
    const again = await open();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(a.body.id);
    const other = await med.post(
      '/api/cases',
      { procedure: 'mediation', initial: 'x' },
      { 'idempotency-key': key },
    );
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
    expect((await countsOf(t)).cases).toBe(before + 1);
  });
});

// The attacker here edits the SQLite file and drops its trigger; the same audit on PostgreSQL is
// run by migrate-cli and crypto-shredding (GREFFE_TEST_DB), the attacks on a file by audit-attacks.
describe.skipIf(testPgUrl() !== undefined)('greffe audit verify', () => {
  /**
   * The CLI in a child process, awaited (not spawnSync: blocking the event loop that also serves
   * the test server for seconds let its keep-alive timer close a connection the client then reused).
   */
  const audit = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'cli/main.ts', 'audit', 'verify', '--db', t.dbFile, ...args],
        { encoding: 'utf8' },
        (err, stdout, stderr) => resolve({ status: err ? (err.code as number) : 0, stdout, stderr }),
      );
    });

  it('passes on untouched journals and names the case and the first broken event after a hand edit', async () => {
    const med = await t.as('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'inviter_voisin');
    await med.ok(c.id, 'constater_accord', TERMS);
    await t.server.outbox.idle();
    const ok = await audit();
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intacts/);

    // The journal refuses edits through SQL (append-only triggers)…
    expect(() =>
      withDb(t.dbFile, (db) =>
        db.prepare("UPDATE journal_events SET data = '{}' WHERE case_id = ? AND seq = 2").run(c.id),
      ),
    ).toThrow(/ajout seul/);
    // …so the attacker drops the trigger first; the hash chain still catches it.
    withDb(t.dbFile, (db) => {
      db.exec('DROP TRIGGER journal_events_no_update');
      db.prepare(
        `UPDATE journal_events SET data = '{"termes":"Le voisin ne fait rien."}' WHERE case_id = ? AND seq = 3`,
      ).run(c.id);
    });
    const broken = await audit();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(c.reference);
    expect(broken.stdout).toContain(c.id);
    expect(broken.stdout).toMatch(/événement n° 3/);
    expect(broken.stdout).toMatch(/chaîne rompue/);
    const one = await audit('--case', c.reference ?? '');
    expect(one.status).toBe(1);
    // Another case: its journal is sound, but the dropped trigger is reported whatever the case.
    const otherCase = await med.open('mediation');
    const other = await audit('--case', otherCase.id);
    expect(other.stdout).not.toContain(`Affaire ${otherCase.reference}`);
    expect(other.stdout).toMatch(/déclencheur « journal_events_no_update »/);
    expect(other.status).toBe(1);
  }, 120_000); // four runs of the CLI, each a fresh tsx start (seconds each on a loaded machine)
});
