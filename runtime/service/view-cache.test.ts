/**
 * The case-view cache on a real SQLite file: a view is served again only
 * while nothing that could change it has been written — by this process or
 * by another connection to the same file — and only on the same court day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStore } from '../store/case-store.ts';
import { testPgUrl } from '../store/pg-testing.ts';
import { sqlOf, withSqliteFile } from '../store/sqlite-inspect.ts';
import type { ManualClock } from '../time/index.ts';
import type { Runtime } from './context.ts';
import { fireEvent } from './fire-event.ts';
import { openCaseFor } from './open-case.ts';
import { type CachedView, caseViewJson, freshView, ViewCache } from './view-cache.ts';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';

const caller = MEDIATRICE;

// The write mark read here is SQLite's (data_version across connections to one file); on PostgreSQL,
// where another instance may have written anything, the store gives a new mark on every call
// (pg-store.ts, writeMark), so this cache never serves a view without reading its row again.
describe.skipIf(testPgUrl() !== undefined)('case view cache', () => {
  let file: string;
  let store: CaseStore;
  let rt: Runtime;
  let clock: ManualClock;
  let caseId: string;
  const cache = new ViewCache();
  const view = (): Promise<CachedView> => caseViewJson(rt, caller, caseId, cache);
  const state = (v: CachedView) => (JSON.parse(v.body.text) as { state: { id: string } }).state.id;
  /** Lets the event loop turn: another process's commits are read once per turn (store writeMark). */
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  /** Another connection to the same file, as another process would have: it commits and goes. */
  const fromAnotherConnection = (sql: string, ...params: unknown[]) => {
    withSqliteFile(file, (other) => other.prepare(sql).run(...params), true);
  };

  let local: LocalRuntime;
  beforeAll(async () => {
    local = await localRuntime();
    ({ rt, clock, file } = local);
    store = rt.store;
    caseId = await openCaseFor(rt, caller, { procedure: 'mediation' });
  });
  afterAll(() => local.close());

  it('has a write mark that moves with every commit, from this connection at once or another from the next turn', async () => {
    const before = store.writeMark();
    sqlOf(store).prepare('SELECT count(*) FROM cases').get();
    expect(store.writeMark()).toBe(before);
    fromAnotherConnection("UPDATE users SET name = 'Médiatrice B' WHERE id = 'm'");
    await nextTurn();
    const afterOther = store.writeMark();
    expect(afterOther).not.toBe(before);
    sqlOf(store).prepare("UPDATE users SET name = 'Médiatrice' WHERE id = 'm'").run();
    expect(store.writeMark()).not.toBe(afterOther);
  });

  it('serves the same view while nothing is written, without reading the store', async () => {
    const first = await view();
    expect(await view()).toBe(first);
    expect(freshView(rt, caller, caseId, cache)).toBe(first);
    // A write elsewhere (another case) moves the mark; the stamp read then finds the case unchanged.
    await openCaseFor(rt, caller, { procedure: 'mediation' });
    expect(freshView(rt, caller, caseId, cache)).toBeUndefined();
    expect(await view()).toBe(first);
    expect(freshView(rt, caller, caseId, cache)).toBe(first);
  });

  it('shows an event committed by this process at the next read', async () => {
    const before = await view();
    await fireEvent(
      rt,
      caller,
      caseId,
      { event: 'inviter_voisin', data: {}, expectedVersion: 0 },
      'cle-1-inviter',
    );
    const after = await view();
    expect(after.etag).not.toBe(before.etag);
    expect((JSON.parse(after.body.text) as { caseVersion: number }).caseVersion).toBe(1);
  });

  it('shows a commit made by another connection to the same file from the next turn of the event loop', async () => {
    expect(state(await view())).toBe('ouverte');
    fromAnotherConnection(
      "UPDATE cases SET state = 'close_echec', version = version + 1, updated_at = ? WHERE id = ?",
      clock.now().toISOString(),
      caseId,
    );
    await nextTurn();
    expect(state(await view())).toBe('close_echec');
  });

  it('is rebuilt when the court’s day changes (days left move)', async () => {
    fromAnotherConnection("UPDATE cases SET state = 'ouverte' WHERE id = ?", caseId);
    const today = await view();
    expect(await view()).toBe(today);
    clock.advance('P1D');
    expect(freshView(rt, caller, caseId, cache)).toBeUndefined();
    const tomorrow = await view();
    expect(tomorrow).not.toBe(today);
    expect(tomorrow.etag).not.toBe(today.etag);
  });
});
