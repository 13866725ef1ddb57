/**
 * E-mail one-time login codes (docs/securite.md, "Connexion par code"): 6
 * digits, valid CODE_TTL_MS, single-use, MAX_ATTEMPTS tries, a new code
 * replacing the previous ones. Only an HMAC of the code is stored, keyed with
 * a secret kept in a file beside the database, not in it: someone holding a
 * copy of the database cannot recover a pending code by trying the 10⁶ values.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Store } from '../store/open.ts';
import { loginCodes } from '../store/identity-schema.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

/** The HMAC key, created (mode 0600) on first use beside the database file. */
export function codeSecret(store: Store): Buffer {
  const file = join(dirname(store.file), 'identity-secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const mac = (secret: Buffer, email: string, code: string): string =>
  createHmac('sha256', secret).update(`${email}\n${code}`).digest('hex');

/** Issues a new code for `email` (earlier ones stop working); returns it, to be mailed. */
export function issueLoginCode(store: Store, secret: Buffer, rawEmail: string, now = Date.now()): string {
  const email = normalizeEmail(rawEmail);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  store.tx(() => {
    store.db
      .update(loginCodes)
      .set({ usedAt: now })
      .where(and(eq(loginCodes.email, email), isNull(loginCodes.usedAt)))
      .run();
    store.db
      .insert(loginCodes)
      .values({ email, codeHash: mac(secret, email, code), createdAt: now, expiresAt: now + CODE_TTL_MS })
      .run();
  });
  return code;
}

/** Whether `code` is the pending code of `email`; a right code is used up, a wrong one counts an attempt. */
export function checkLoginCode(
  store: Store,
  secret: Buffer,
  rawEmail: string,
  code: string,
  now = Date.now(),
): boolean {
  const email = normalizeEmail(rawEmail);
  return store.tx(() => {
    const row = store.db
      .select()
      .from(loginCodes)
      .where(and(eq(loginCodes.email, email), isNull(loginCodes.usedAt)))
      .orderBy(desc(loginCodes.id))
      .get();
    if (!row || row.expiresAt <= now || row.attempts >= MAX_ATTEMPTS) return false;
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(mac(secret, email, code.replace(/\s/g, '')), 'hex');
    const right = timingSafeEqual(expected, given);
    store.db
      .update(loginCodes)
      .set(right ? { usedAt: now } : { attempts: row.attempts + 1 })
      .where(eq(loginCodes.id, row.id))
      .run();
    return right;
  });
}
