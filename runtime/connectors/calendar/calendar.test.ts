/**
 * ICS feeds: deadlines and hearing days as all-day events, hearings with a
 * time in UTC; feed addresses kept as hashes in the real SQLite store, one per
 * person, replaced or revoked. The HTTP feed: test/e2e-calendar.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../store/case-store.ts';
import { sqlOf } from '../../store/sqlite-inspect.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { FeedTokens, tokenHash } from './feed-tokens.ts';
import { calendarFeed } from './ics.ts';

let dir: string;
let store: CaseStore;
let tokens: FeedTokens;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'greffe-ics-'));
  store = openSqliteStore(join(dir, 'g.sqlite'));
  tokens = new FeedTokens(store);
  const user = sqlOf(store).prepare(
    "INSERT INTO users (id, name, roles, source, created_at) VALUES (?, ?, '[]', 'test', 'x')",
  );
  user.run('jeanne', 'Jeanne Martin');
  user.run('autre', 'Autre');
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('ICS calendar', () => {
  it('writes deadlines and hearing days as all-day events, hearings with a time in UTC', () => {
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
        {
          kind: 'day',
          uid: 'h2@greffe',
          date: '2027-11-18',
          summary: 'Audience — affaire IP-1',
          description: 'L’heure figure sur la convocation.',
          location: 'Tribunal judiciaire de Strasbourg, salle 3',
        },
      ]),
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20270315');
    expect(ics).toContain('DTEND;VALUE=DATE:20270316');
    expect(ics).toContain('DTSTART:20270320T083000Z');
    expect(ics).toContain('DTEND:20270320T091500Z');
    expect(ics).toContain('SUMMARY:Audience « en ligne »');
    expect(ics).toContain('DTSTART;VALUE=DATE:20271118');
    expect(ics).toContain('LOCATION:Tribunal judiciaire de Strasbourg\\, salle 3');
    expect(ics).toContain('METHOD:PUBLISH');
  });

  it('keeps only the hash of each address, one per person; a new one or a revocation ends the old', async () => {
    const token = await tokens.issue('jeanne', new Date('2027-03-01T09:00:00Z'));
    const stored = sqlOf(store).prepare('SELECT user_id, token_hash, created_at FROM calendar_feeds').all();
    expect(stored).toEqual([
      { user_id: 'jeanne', token_hash: tokenHash(token), created_at: Date.parse('2027-03-01T09:00:00Z') },
    ]);
    expect(await tokens.userOf(token)).toBe('jeanne');
    expect((await tokens.issuedAt('jeanne'))?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    const other = await tokens.issue('autre');
    const next = await tokens.issue('jeanne');
    expect(await tokens.userOf(token)).toBeUndefined();
    expect(await tokens.userOf(next)).toBe('jeanne');
    expect(await tokens.userOf(other)).toBe('autre');
    expect(await tokens.revoke('jeanne')).toBe(true);
    expect(await tokens.revoke('jeanne')).toBe(false);
    expect(await tokens.userOf(next)).toBeUndefined();
    expect(await tokens.issuedAt('jeanne')).toBeUndefined();
    expect(await tokens.userOf('inconnu')).toBeUndefined();
  });
});
