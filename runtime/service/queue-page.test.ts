/**
 * The paged court queue (issue 17), on either store (SQLite, or PostgreSQL
 * under GREFFE_TEST_DB): walking the pages through the keyset cursor gives
 * every case of the full queue once, nearest due first, with ties on the due
 * date split across pages; cases without a running deadline and cases of
 * another court are not in it, though their deadlines fall between the
 * court's own (the deadline row carries its case's court: deadlines_court).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';
import type { Caller } from '../access/policy.ts';
import { fireEvent } from './fire-event.ts';
import { listCases, listQueuePage } from './list-cases.ts';
import { walkPages } from '../../test/helpers/queue.ts';
import { openCaseFor } from './open-case.ts';

let local: LocalRuntime;
const caller: Caller = MEDIATRICE;
const other: Caller = { id: 'm-autre', name: 'Autre médiatrice', roles: ['mediateur'], court: 'tj-autre' };
const withDeadline: string[] = [];
let withoutDeadline = '';
/** Cases of the other court, due between ours (one a day, and one at the tie). */
const elsewhere: string[] = [];

async function invited(actor: Caller): Promise<string> {
  const id = await openCaseFor(local.rt, actor, { procedure: 'mediation' });
  await fireEvent(
    local.rt,
    actor,
    id,
    { event: 'inviter_voisin', data: {}, expectedVersion: 0 },
    randomUUID(),
  );
  return id;
}

const walk = (queue: string, limit: number, who: Caller = caller) =>
  walkPages(listQueuePage, local.rt, who, queue, limit);

beforeAll(async () => {
  local = await localRuntime();
  await local.store.upsertUser({ ...other, source: 'test' }, local.clock.now());
  // Seven due dates a day apart, then three cases due at the same instant (a tie the cursor must split).
  // The other court's cases are interleaved: due between ours, and one inside the tie.
  for (let i = 0; i < 7; i++) {
    withDeadline.push(await invited(caller));
    elsewhere.push(await invited(other));
    local.clock.advance('P1D');
  }
  withDeadline.push(await invited(caller));
  elsewhere.push(await invited(other));
  for (let i = 0; i < 2; i++) withDeadline.push(await invited(caller));
  withoutDeadline = await openCaseFor(local.rt, caller, { procedure: 'mediation' });
});
afterAll(async () => {
  await local?.close();
});

describe('paged court queue', () => {
  it('walks the whole queue once, nearest due first, whatever the page size', async () => {
    const full = (await listCases(local.rt, caller, 'delai_reponse')).filter((c) => c.nextDeadline);
    expect(full.map((c) => c.id).sort()).toEqual([...withDeadline].sort());
    for (const limit of [1, 2, 3, 50]) {
      const { cases, pages } = await walk('delai_reponse', limit);
      const ids = cases.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...withDeadline].sort());
      // Same order of due dates as the full list (which sorts in memory); ties in deadline order.
      expect(cases.map((c) => c.nextDeadline?.dueAt)).toEqual(full.map((c) => c.nextDeadline?.dueAt));
      expect(ids.slice(0, 7)).toEqual(withDeadline.slice(0, 7));
      expect(pages).toBe(
        Math.ceil(withDeadline.length / limit) + (withDeadline.length % limit === 0 ? 1 : 0),
      );
      expect(ids).not.toContain(withoutDeadline);
      for (const e of elsewhere) expect(ids).not.toContain(e);
    }
  });

  it('gives each court its own cases only, in due order across the cursors', async () => {
    for (const limit of [1, 2, 3]) {
      const ours = await walk('delai_reponse', limit);
      const theirs = await walk('delai_reponse', limit, other);
      expect(ours.cases.map((c) => c.id)).toEqual(withDeadline);
      expect(theirs.cases.map((c) => c.id)).toEqual(elsewhere);
      for (const { cases } of [ours, theirs]) {
        const due = cases.map((c) => c.nextDeadline?.dueAt ?? '');
        expect(due).toEqual([...due].sort());
      }
    }
  });

  it('gives the same cases for the « tout » queue, and none for a phase without deadline', async () => {
    const all = await walk('tout', 4);
    expect(all.cases.map((c) => c.id)).toEqual((await walk('delai_reponse', 4)).cases.map((c) => c.id));
    expect((await walk('phase-inconnue', 4)).cases).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(listQueuePage(local.rt, caller, 'delai_reponse', 2, 'pas-un-curseur')).rejects.toMatchObject(
      {
        status: 400,
      },
    );
  });
});
