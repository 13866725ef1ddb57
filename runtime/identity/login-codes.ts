/**
 * E-mail one-time login codes (docs/securite.md, "Connexion par code"): 6
 * digits, valid CODE_TTL_MS, single-use, MAX_ATTEMPTS tries, a new code
 * replacing the previous ones. Only an HMAC of the code is stored, keyed with
 * a secret kept in a file beside the database, not in it: someone holding a
 * copy of the database cannot recover a pending code by trying the 10⁶ values.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseStore } from '../store/case-store.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

/** The HMAC key, created (mode 0600) on first use in the store's data folder, outside the database. */
export function codeSecret(store: CaseStore): Buffer {
  const file = join(store.dataDir, 'identity-secret.key');
  if (!existsSync(file)) {
    mkdirSync(store.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const mac = (secret: Buffer, email: string, code: string): string =>
  createHmac('sha256', secret).update(`${email}\n${code}`).digest('hex');

/** Issues a new code for `email` (earlier ones stop working); returns it, to be mailed. */
export async function issueLoginCode(
  store: CaseStore,
  secret: Buffer,
  rawEmail: string,
  now = Date.now(),
): Promise<string> {
  const email = normalizeEmail(rawEmail);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await store.newLoginCode({
    email,
    codeHash: mac(secret, email, code),
    createdAt: now,
    expiresAt: now + CODE_TTL_MS,
  });
  return code;
}

/**
 * Whether `code` is the pending code of `email`. Every try counts an attempt
 * first (atomically: concurrent tries cannot exceed MAX_ATTEMPTS); a right
 * code is then used up, once.
 */
export async function checkLoginCode(
  store: CaseStore,
  secret: Buffer,
  rawEmail: string,
  code: string,
  now = Date.now(),
): Promise<boolean> {
  const email = normalizeEmail(rawEmail);
  const row = await store.pendingLoginCode(email);
  if (!row || row.expiresAt <= now) return false;
  if (!(await store.countLoginAttempt(row.id, MAX_ATTEMPTS))) return false;
  const expected = Buffer.from(row.codeHash, 'hex');
  const given = Buffer.from(mac(secret, email, code.replace(/\s/g, '')), 'hex');
  return timingSafeEqual(expected, given) && (await store.spendLoginCode(row.id, now));
}
