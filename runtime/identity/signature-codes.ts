/**
 * One-time codes of the parties' simple electronic signature (eIDAS art. 25;
 * docs/securite.md, « Signature par code à usage unique »): 6 digits, valid
 * SIGNATURE_CODE_TTL_MS, SIGNATURE_MAX_ATTEMPTS tries, single use, a new code
 * replacing the person's earlier ones on the case. Each code is bound to the
 * case, the person and the SHA-256 of the document to sign: a protocol changed
 * after the code was sent cannot be signed with it. Only an HMAC of the code is
 * stored, keyed with the identity secret kept beside the database (login-codes.ts).
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CaseStore, SignatureCodeRecord } from '../store/case-store.ts';

export const SIGNATURE_CODE_TTL_MS = 10 * 60_000;
export const SIGNATURE_MAX_ATTEMPTS = 5;

export type SignatureChannel = 'courriel' | 'sms';

/** « jean.dupont@exemple.fr » → « j***@exemple.fr ». */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** « +33612345678 » → « +33 6 ** ** ** 78 » (French mobiles), else the last two digits only. */
export function maskPhone(e164: string): string {
  const fr = /^\+33([67])\d{6}(\d{2})$/.exec(e164);
  if (fr) return `+33 ${fr[1]} ** ** ** ${fr[2]}`;
  return `${'*'.repeat(Math.max(0, e164.length - 2))}${e164.slice(-2)}`;
}

const mac = (secret: Buffer, id: string, code: string): string =>
  createHmac('sha256', secret).update(`signature\n${id}\n${code}`).digest('hex');

export interface IssuedSignatureCode {
  readonly id: string;
  readonly code: string;
  readonly expiresAt: number;
}

/** Issues a code for `userId` to sign the document `documentSha256` of the case; returns it, to be sent. */
export async function issueSignatureCode(
  store: CaseStore,
  secret: Buffer,
  o: {
    caseId: string;
    userId: string;
    channel: SignatureChannel;
    destination: string;
    documentSha256: string;
  },
  now = Date.now(),
): Promise<IssuedSignatureCode> {
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + SIGNATURE_CODE_TTL_MS;
  await store.newSignatureCode({ ...o, id, codeHash: mac(secret, id, code), createdAt: now, expiresAt });
  return { id, code, expiresAt };
}

/** Why a code is refused, in the words the party reads. */
export type SignatureCodeRefusal = 'absent' | 'expire' | 'bloque' | 'inexact' | 'document';

export const REFUSAL_MESSAGES: Readonly<Record<SignatureCodeRefusal, string>> = {
  absent:
    'Aucun code de signature en attente : demandez un code avec « Recevoir un code », puis saisissez-le. Un code déjà utilisé ne sert pas une seconde fois.',
  expire: 'Ce code de signature a expiré (il vaut 10 minutes) : demandez-en un nouveau.',
  bloque: 'Trop de codes inexacts : ce code est bloqué. Demandez-en un nouveau avec « Recevoir un code ».',
  inexact: 'Ce code de signature est inexact : vérifiez les 6 chiffres reçus.',
  document:
    'Le protocole a changé depuis l’envoi du code : relisez-le et demandez un nouveau code pour le signer.',
};

/**
 * Checks and uses up the person's pending code for the document `documentSha256`. Every try counts an
 * attempt first (atomically: concurrent tries cannot exceed SIGNATURE_MAX_ATTEMPTS); a right code is then
 * used up, once. Returns the code's record (its id goes into the signature's evidence) or the refusal.
 */
export async function checkSignatureCode(
  store: CaseStore,
  secret: Buffer,
  o: { caseId: string; userId: string; code: string; documentSha256: string },
  now = Date.now(),
): Promise<
  { ok: true; record: SignatureCodeRecord; attempts: number } | { ok: false; why: SignatureCodeRefusal }
> {
  const row = await store.pendingSignatureCode(o.caseId, o.userId);
  if (!row) return { ok: false, why: 'absent' };
  if (row.expiresAt <= now) return { ok: false, why: 'expire' };
  if (!(await store.countSignatureAttempt(row.id, SIGNATURE_MAX_ATTEMPTS)))
    return { ok: false, why: 'bloque' };
  const expected = Buffer.from(row.codeHash, 'hex');
  const given = Buffer.from(mac(secret, row.id, o.code.replace(/\s/g, '')), 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, why: 'inexact' };
  if (row.documentSha256 !== o.documentSha256) return { ok: false, why: 'document' };
  if (!(await store.spendSignatureCode(row.id, now))) return { ok: false, why: 'absent' };
  return { ok: true, record: row, attempts: row.attempts + 1 };
}
