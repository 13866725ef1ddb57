/**
 * ICS feeds: deadlines as all-day events on their last day, hearings in UTC,
 * served at a secret address that can be revoked (real SQLite, real HTTP).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onError } from '../../api/errors.ts';
import { calendarRoutes } from '../../api/routes-calendar.ts';
import type { CaseStore } from '../../store/case-store.ts';
import { sqlOf } from '../../store/sqlite-inspect.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { deadlineEntries } from './deadline-entries.ts';
import { FeedTokens, MemoryFeedTokenStore } from './feed-tokens.ts';
import { calendarFeed } from './ics.ts';

let dir: string;
let store: CaseStore;
let server: ServerType;
let base = '';
const tokenStore = new MemoryFeedTokenStore();
const tokens = new FeedTokens(tokenStore);
const labels: Record<string, string> = { delai_reponse: 'Délai de réponse du défendeur' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'greffe-ics-'));
  store = openSqliteStore(join(dir, 'g.sqlite'));
  const user = sqlOf(store).prepare(
    "INSERT INTO users (id, name, roles, source, created_at) VALUES (?, ?, '[]', 'test', 'x')",
  );
  user.run('jeanne', 'Jeanne Martin');
  user.run('autre', 'Autre');
  const open = (creator: string) =>
    store.openCase({
      procedureId: 'petits-litiges',
      procedureVersion: '1.0.0',
      initialState: 's',
      court: 'tj',
      creator: { id: creator, name: creator },
      actorRole: 'demandeur',
      at: new Date('2027-03-01T09:00:00Z'),
    });
  const mine = await open('jeanne');
  const theirs = await open('autre');
  const participant = sqlOf(store).prepare(
    "INSERT INTO participants (case_id, role, user_id, name, created_at) VALUES (?, 'demandeur', ?, ?, 'x')",
  );
  participant.run(mine.id, 'jeanne', 'Jeanne Martin');
  participant.run(theirs.id, 'autre', 'Autre');
  const deadline = sqlOf(store).prepare(
    `INSERT INTO deadlines (case_id, court, deadline, status, duration, started_at, start_date, due, due_at, explanation, started_seq)
     VALUES (?, 'tj', ?, ?, 'P15D', 'x', '2027-03-01', ?, ?, 'x', 1)`,
  );
  deadline.run(mine.id, 'delai_reponse', 'running', '2027-03-16', '2027-03-16T22:59:59.999Z');
  deadline.run(mine.id, 'delai_critique', 'stopped', '2027-03-20', '2027-03-20T22:59:59.999Z');
  deadline.run(theirs.id, 'delai_reponse', 'running', '2027-03-18', '2027-03-18T22:59:59.999Z');
  const app = new Hono();
  app.onError(onError);
  app.route(
    '/api/calendar',
    calendarRoutes({
      tokens,
      entriesOf: async (u) =>
        deadlineEntries(
          store,
          u,
          (_p, _v, d) => labels[d],
          (id) => `https://greffe.example/affaires/${id}`,
        ),
    }),
  );
  await new Promise<void>((ok) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      ok();
    });
  });
});
afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('ICS calendar', () => {
  it('writes deadlines as all-day events on their last day and hearings in UTC', () => {
    const ics = unfold(
      calendarFeed('Mes délais', [
        {
          kind: 'deadline',
          uid: 'd1@greffe',
          due: '2027-03-15',
          summary: 'Délai de critique',
          description: 'Dernier jour',
        },
        {
          kind: 'hearing',
          uid: 'h1@greffe',
          start: '2027-03-20T08:30:00Z',
          minutes: 45,
          summary: 'Audience « en ligne »',
          description: '',
        },
      ]),
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20270315');
    expect(ics).toContain('DTEND;VALUE=DATE:20270316');
    expect(ics).toContain('DTSTART:20270320T083000Z');
    expect(ics).toContain('DTEND:20270320T091500Z');
    expect(ics).toContain('SUMMARY:Audience « en ligne »');
    expect(ics).toContain('METHOD:PUBLISH');
  });

  it('serves a user’s running deadlines at a secret address; revoked or replaced → 404', async () => {
    const token = await tokens.issue('jeanne');
    expect([...tokenStore.byUser.values()]).not.toContain(token); // only its hash is kept
    const res = await fetch(`${base}/api/calendar/${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = unfold(await res.text());
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1); // not the stopped one, not another's case
    expect(ics).toContain('SUMMARY:Délai de réponse du défendeur — affaire');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270316');
    expect(ics).toContain('URL;VALUE=URI:https://greffe.example/affaires/');

    const next = await tokens.issue('jeanne');
    expect((await fetch(`${base}/api/calendar/${token}.ics`)).status).toBe(404);
    expect((await fetch(`${base}/api/calendar/${next}.ics`)).status).toBe(200);
    await tokens.revoke('jeanne');
    expect((await fetch(`${base}/api/calendar/${next}.ics`)).status).toBe(404);
    expect((await fetch(`${base}/api/calendar/inconnu.ics`)).status).toBe(404);
  });
});
