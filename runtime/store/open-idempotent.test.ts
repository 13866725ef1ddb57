/**
 * Case creation with an Idempotency-Key, on either store (SQLite, or
 * PostgreSQL under GREFFE_TEST_DB): requests racing with the same key open one
 * case and all answer it — on PostgreSQL too, where two transactions would
 * otherwise both miss the key and the second fail on its unique index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';
import { openCaseKeyed } from '../service/open-case.ts';
import { toCaller } from './case-store.ts';

let local: LocalRuntime;

beforeAll(async () => {
  local = await localRuntime();
});
afterAll(async () => {
  await local?.close();
});

describe('idempotent case creation', () => {
  it('opens one case for eight concurrent requests with the same key, and answers it to each', async () => {
    const user = await local.store.userById(MEDIATRICE.id);
    if (!user) throw new Error('médiatrice absente');
    const caller = toCaller(user);
    const before = (await local.store.listCases({ userId: caller.id, court: 'tj' })).cases.length;
    const key = 'cle-concurrente-1';
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => openCaseKeyed(local.rt, caller, { procedure: 'mediation' }, key)),
    );
    const ids = new Set(answers.map((a) => a.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const after = (await local.store.listCases({ userId: caller.id, court: 'tj' })).cases.length;
    expect(after).toBe(before + 1);
    // Another key opens another case.
    const other = await openCaseKeyed(local.rt, caller, { procedure: 'mediation' }, 'cle-concurrente-2');
    expect(ids.has(other.id)).toBe(false);
  });
});
