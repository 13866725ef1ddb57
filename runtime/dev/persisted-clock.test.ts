/**
 * The development clock survives a restart (issue 15, point 13): a server
 * stopped and started again on the same SQLite file resumes at the instant
 * it had reached, and a running deadline keeps its days left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filing } from '../../test/helpers/annex.ts';
import { Api } from '../../test/helpers/api.ts';
import { startServer } from '../server.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-horloge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = (db: string, clockStart?: Date) =>
  startServer({
    db,
    spec: 'spec/procedures',
    port: 0,
    dev: true,
    log: () => undefined,
    ...(clockStart && { clockStart }),
  });

describe('the development clock', () => {
  it('resumes where it was after a restart on the same database', async () => {
    const db = join(dir, 'greffe.sqlite');
    const first = await start(db, new Date('2027-03-01T09:00:00Z'));
    const claimant = new Api(first.url);
    await claimant.login('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    await claimant.ok(opened.id, 'deposer_demande', filing());
    await (await loggedIn(first.url, 'greffe')).ok(opened.id, 'convoquer_defendeur');
    const moved = await claimant.post<{ now: string }>('/api/dev/clock', { advance: 'P10D' });
    const before = await claimant.get<{ deadlines: { id: string; daysLeft: number }[] }>(
      `/api/cases/${opened.id}`,
    );
    expect(before.body.deadlines.length).toBeGreaterThan(0);
    await first.close();

    const second = await start(db);
    try {
      const again = new Api(second.url);
      await again.login('demandeur');
      expect((await again.get<{ now: string }>('/api/dev/clock')).body.now).toBe(moved.body.now);
      const after = await again.get<{ deadlines: { id: string; daysLeft: number }[] }>(
        `/api/cases/${opened.id}`,
      );
      expect(after.body.deadlines).toEqual(before.body.deadlines);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('starts at the instant given, whatever was saved', async () => {
    const db = join(dir, 'autre.sqlite');
    const first = await start(db, new Date('2027-05-03T09:00:00Z'));
    await first.close();
    const second = await start(db, new Date('2028-01-03T09:00:00Z'));
    try {
      expect(second.devClock?.now().toISOString()).toBe('2028-01-03T09:00:00.000Z');
    } finally {
      await second.close();
    }
  });
});

async function loggedIn(url: string, user: string): Promise<Api> {
  const api = new Api(url);
  await api.login(user);
  return api;
}
