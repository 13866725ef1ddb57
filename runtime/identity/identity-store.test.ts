/**
 * Identity policy over the CaseStore seam, on a real SQLite file: the
 * attempts at a login code are counted atomically (concurrent wrong tries
 * cannot exceed MAX_ATTEMPTS), a right code opens one login only, disabling an
 * account ends its sessions, and expired sessions are purged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';
import type { CaseStore } from '../store/case-store.ts';
import { checkLoginCode, codeSecret, issueLoginCode, MAX_ATTEMPTS } from './login-codes.ts';
import { ABSOLUTE_MS, createAuthSession, IDLE_MS, purgeExpiredSessions, resolveSession } from './sessions.ts';

let local: LocalRuntime;
let store: CaseStore;
beforeAll(async () => {
  local = await localRuntime();
  store = local.store;
});
afterAll(() => local.close());

describe('login codes through the store', () => {
  it('counts concurrent wrong tries atomically, then refuses even the right code', async () => {
    const secret = codeSecret(store);
    const code = await issueLoginCode(store, secret, 'Alice@Example.fr');
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS + 3 }, () =>
        checkLoginCode(store, secret, 'alice@example.fr', wrong),
      ),
    );
    expect(tries.every((t) => t === false)).toBe(true);
    expect((await store.pendingLoginCode('alice@example.fr'))?.attempts).toBe(MAX_ATTEMPTS);
    expect(await checkLoginCode(store, secret, 'alice@example.fr', code)).toBe(false);
  });

  it('lets a right code in once, even when presented twice at the same time', async () => {
    const secret = codeSecret(store);
    const code = await issueLoginCode(store, secret, 'bruno@example.fr');
    const both = await Promise.all([
      checkLoginCode(store, secret, 'bruno@example.fr', code),
      checkLoginCode(store, secret, 'bruno@example.fr', code),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await checkLoginCode(store, secret, 'bruno@example.fr', code)).toBe(false);
  });

  it('stops an earlier code when a new one is issued', async () => {
    const secret = codeSecret(store);
    const first = await issueLoginCode(store, secret, 'carla@example.fr');
    const second = await issueLoginCode(store, secret, 'carla@example.fr');
    if (first !== second) expect(await checkLoginCode(store, secret, 'carla@example.fr', first)).toBe(false);
    expect(await checkLoginCode(store, secret, 'carla@example.fr', second)).toBe(true);
  });
});

describe('sessions through the store', () => {
  it('ends every session of a disabled account, and lets it back in once enabled', async () => {
    const t0 = Date.now();
    const a = await createAuthSession(store, { userId: MEDIATRICE.id, method: 'test', dev: false }, t0);
    const b = await createAuthSession(store, { userId: MEDIATRICE.id, method: 'test', dev: false }, t0);
    expect((await resolveSession(store, a, false, t0))?.user.id).toBe(MEDIATRICE.id);
    expect(await store.setDisabled(MEDIATRICE.id, new Date(t0).toISOString())).toBe(2);
    expect(await resolveSession(store, b, false, t0)).toBeUndefined();
    await store.setDisabled(MEDIATRICE.id, null);
    const c = await createAuthSession(store, { userId: MEDIATRICE.id, method: 'test', dev: false }, t0);
    expect((await resolveSession(store, c, false, t0))?.user.id).toBe(MEDIATRICE.id);
  });

  it('refuses a --dev session on a server without --dev, and purges expired ones', async () => {
    const t0 = Date.now();
    const dev = await createAuthSession(store, { userId: MEDIATRICE.id, method: 'dev', dev: true }, t0);
    expect(await resolveSession(store, dev, false, t0)).toBeUndefined();
    expect(await resolveSession(store, dev, true, t0)).toBeDefined();
    const old = await createAuthSession(
      store,
      { userId: MEDIATRICE.id, method: 'test', dev: false },
      t0 - ABSOLUTE_MS - IDLE_MS,
    );
    expect(await purgeExpiredSessions(store, t0)).toBeGreaterThanOrEqual(1);
    expect(await resolveSession(store, old, false, t0)).toBeUndefined();
    expect(await resolveSession(store, dev, true, t0)).toBeDefined();
  });
});
