/**
 * Signature codes through the CaseStore seam, on a real SQLite file (or
 * PostgreSQL with GREFFE_TEST_DB): five wrong codes lock the code, an expired
 * code and a used code are refused, a code sent for one version of the
 * document does not sign another, and only an HMAC is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime } from '../../test/helpers/runtime.ts';
import type { CaseStore } from '../store/case-store.ts';
import { codeSecret } from './login-codes.ts';
import {
  checkSignatureCode,
  issueSignatureCode,
  maskEmail,
  maskPhone,
  SIGNATURE_CODE_TTL_MS,
  SIGNATURE_MAX_ATTEMPTS,
} from './signature-codes.ts';

let local: LocalRuntime;
let store: CaseStore;
beforeAll(async () => {
  local = await localRuntime();
  store = local.store;
});
afterAll(() => local.close());

const DOC = 'a'.repeat(64);
const issue = (userId: string, now = Date.now()) =>
  issueSignatureCode(
    store,
    codeSecret(store),
    { caseId: 'affaire-1', userId, channel: 'courriel', destination: 'j***@exemple.fr', documentSha256: DOC },
    now,
  );
const check = (userId: string, code: string, now = Date.now(), documentSha256 = DOC) =>
  checkSignatureCode(store, codeSecret(store), { caseId: 'affaire-1', userId, code, documentSha256 }, now);

describe('signature codes through the store', () => {
  it('locks the code after five wrong tries, even the concurrent ones; the right code is then refused', async () => {
    const { code } = await issue('alice');
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = await Promise.all(
      Array.from({ length: SIGNATURE_MAX_ATTEMPTS + 3 }, () => check('alice', wrong)),
    );
    expect(tries.filter((t) => !t.ok && t.why === 'inexact')).toHaveLength(SIGNATURE_MAX_ATTEMPTS);
    expect(tries.filter((t) => !t.ok && t.why === 'bloque')).toHaveLength(3);
    expect((await store.pendingSignatureCode('affaire-1', 'alice'))?.attempts).toBe(SIGNATURE_MAX_ATTEMPTS);
    expect(await check('alice', code)).toEqual({ ok: false, why: 'bloque' });
  });

  it('refuses an expired code', async () => {
    const sent = Date.now() - SIGNATURE_CODE_TTL_MS - 1;
    const { code } = await issue('bruno', sent);
    expect(await check('bruno', code)).toEqual({ ok: false, why: 'expire' });
    // One millisecond before the end it still signed.
    const again = await issue('bruno');
    expect((await check('bruno', again.code, again.expiresAt - 1)).ok).toBe(true);
  });

  it('signs once: a code presented twice at the same time, or again later, is refused', async () => {
    const { id, code } = await issue('carla');
    const both = await Promise.all([check('carla', code), check('carla', code)]);
    expect(both.filter((b) => b.ok)).toHaveLength(1);
    const ok = both.find((b) => b.ok);
    expect(ok?.ok && ok.record.id).toBe(id);
    expect(await check('carla', code)).toEqual({ ok: false, why: 'absent' });
  });

  it('binds the code to the document: another protocol cannot be signed with it', async () => {
    const { code } = await issue('denis');
    expect(await check('denis', code, Date.now(), 'b'.repeat(64))).toEqual({ ok: false, why: 'document' });
  });

  it('a new code replaces the earlier one; only its HMAC is stored', async () => {
    const first = await issue('emma');
    const second = await issue('emma');
    const pending = await store.pendingSignatureCode('affaire-1', 'emma');
    expect(pending?.id).toBe(second.id);
    expect(pending?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending?.codeHash).not.toContain(second.code);
    if (first.code !== second.code) expect((await check('emma', first.code)).ok).toBe(false);
    expect((await check('emma', second.code)).ok).toBe(true);
  });

  it('masks the address and the number it names', () => {
    expect(maskEmail('jean.dupont@exemple.fr')).toBe('j***@exemple.fr');
    expect(maskPhone('+33612345678')).toBe('+33 6 ** ** ** 78');
  });
});
