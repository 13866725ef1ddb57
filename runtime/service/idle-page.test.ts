/**
 * The paged « sans délai » queue (issue 17), on either store (SQLite, or
 * PostgreSQL under GREFFE_TEST_DB): a court's filed open cases without a
 * running deadline, least recently active first. Walking the pages through
 * the keyset cursor gives each of them once, with ties on the last activity
 * split across pages; cases with a running deadline, closed cases and cases
 * of another court are not in it, though they sit between the court's own.
 * The case row's count of running deadlines moves with them (index cases_idle).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';
import type { Caller } from '../access/policy.ts';
import { fireEvent } from './fire-event.ts';
import { listCases, listIdlePage } from './list-cases.ts';
import { walkPages } from '../../test/helpers/queue.ts';
import { openCaseFor } from './open-case.ts';

let local: LocalRuntime;
const caller: Caller = MEDIATRICE;
const other: Caller = { id: 'm-autre', name: 'Autre médiatrice', roles: ['mediateur'], court: 'tj-autre' };
/** Our court's cases without a running deadline, in the order of their last activity (opening). */
const idle: string[] = [];
const theirs: string[] = [];
const withDeadline: string[] = [];
const closed: string[] = [];

const fire = (who: Caller, id: string, event: string, expectedVersion: number) =>
  fireEvent(local.rt, who, id, { event, data: {}, expectedVersion }, randomUUID());

const walk = (queue: string, limit: number, who: Caller = caller) =>
  walkPages(listIdlePage, local.rt, who, queue, limit);

const runningCount = async (id: string) => (await local.store.getCase(id))?.runningDeadlines;

beforeAll(async () => {
  local = await localRuntime();
  await local.store.upsertUser({ ...other, source: 'test' }, local.clock.now());
  const open = (who: Caller) => openCaseFor(local.rt, who, { procedure: 'mediation' });
  // Five days of activity; each day: one idle case of ours, one of the other court, one of ours with a
  // deadline, one of ours closed (after its deadline started: the closing ends nothing here but the case).
  for (let i = 0; i < 5; i++) {
    idle.push(await open(caller));
    theirs.push(await open(other));
    const d = await open(caller);
    await fire(caller, d, 'inviter_voisin', 0);
    withDeadline.push(d);
    const c = await open(caller);
    await fire(caller, c, 'constater_echec', 0);
    closed.push(c);
    local.clock.advance('P1D');
  }
  // Three opened at the same instant (a tie on the last activity the cursor must split), one of theirs among them.
  for (let i = 0; i < 3; i++) idle.push(await open(caller));
  theirs.push(await open(other));
});
afterAll(async () => {
  await local?.close();
});

describe('paged « sans délai » queue', () => {
  it('counts the running deadlines on the case row', async () => {
    for (const id of idle) expect(await runningCount(id)).toBe(0);
    for (const id of withDeadline) expect(await runningCount(id)).toBe(1);
    for (const id of closed) expect((await local.store.getCase(id))?.closedAt).not.toBeNull();
  });

  it('walks every open case without a deadline once, least recently active first, whatever the page size', async () => {
    // The same cases as the full list's, filtered in memory (what the back office loaded before).
    const full = (await listCases(local.rt, caller, 'tout')).filter((c) => !c.nextDeadline);
    expect(full.map((c) => c.id).sort()).toEqual([...idle].sort());
    for (const limit of [1, 2, 3, 50]) {
      const { cases, pages } = await walk('tout', limit);
      const ids = cases.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...idle].sort());
      // The five days in order, then the tie (its order is the store's id order).
      expect(ids.slice(0, 5)).toEqual(idle.slice(0, 5));
      const at = cases.map((c) => c.updatedAt);
      expect(at).toEqual([...at].sort());
      expect(pages).toBe(Math.ceil(idle.length / limit) + (idle.length % limit === 0 ? 1 : 0));
      for (const x of [...theirs, ...withDeadline, ...closed]) expect(ids).not.toContain(x);
    }
  });

  it('gives each court its own cases only', async () => {
    for (const limit of [1, 2, 4]) {
      const ours = await walk('', limit);
      const others = await walk('', limit, other);
      expect([...ours.cases.map((c) => c.id)].sort()).toEqual([...idle].sort());
      expect(others.cases.map((c) => c.id).slice(0, 5)).toEqual(theirs.slice(0, 5));
      expect([...others.cases.map((c) => c.id)].sort()).toEqual([...theirs].sort());
    }
  });

  it('filters by state or phase, and is empty for a deadline queue', async () => {
    expect((await walk('ouverte', 2)).cases.map((c) => c.id)).toEqual(
      (await walk('tout', 2)).cases.map((c) => c.id),
    );
    expect((await walk('ouverture', 3)).cases).toHaveLength(idle.length);
    expect((await walk('close_echec', 3)).cases).toEqual([]);
    expect(await listIdlePage(local.rt, caller, 'delai_reponse', 5, undefined)).toEqual({
      cases: [],
      next: null,
    });
  });

  it('moves a case out when a deadline starts, the count with it', async () => {
    const first = idle[0] as string;
    await fire(caller, first, 'inviter_voisin', 0);
    expect(await runningCount(first)).toBe(1);
    const ids = (await walk('tout', 2)).cases.map((c) => c.id);
    expect(ids).not.toContain(first);
    expect(ids).toHaveLength(idle.length - 1);
    // Closing it ends the case: still out (closed), whatever its deadline.
    await fire(caller, first, 'constater_echec', 1);
    expect((await walk('tout', 50)).cases.map((c) => c.id)).not.toContain(first);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(listIdlePage(local.rt, caller, 'tout', 2, 'pas-un-curseur')).rejects.toMatchObject({
      status: 400,
    });
  });
});
