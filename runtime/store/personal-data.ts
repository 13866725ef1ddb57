/**
 * Crypto-shredding of a case's personal data (issue 17; which values are
 * personal: spec/personal.ts). Each case has its own AES-256-GCM data key,
 * stored in `case_keys` wrapped (AES-256-GCM) by the master key of the
 * configuration. Personal values are written encrypted — in the journal
 * (before the item is hashed: the chain and the transparency log cover the
 * ciphertext), in the case's facts and in the drafts — and read back in clear
 * by the store, so the rest of the runtime sees plain data. Destroying the
 * case's key at the end of the retention (runtime/service/retention.ts)
 * erases them for good; they then read « donnée effacée (fin de
 * conservation) », and the journal still verifies.
 *
 * Master key: GREFFE_DATA_KEY, a file holding 32 bytes in base64 (or hex);
 * without it a development key is generated once beside the database
 * (`cle-donnees-developpement.key`) and the server says so at start.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PersonalMask } from '../../spec/personal.ts';

/** What a personal value reads once its case's key is destroyed. */
export const ERASED = 'donnée effacée (fin de conservation)';

/** Prefix of an encrypted value: `chiffre:v1:` + base64(iv ‖ tag ‖ ciphertext). */
const PREFIX = 'chiffre:v1:';

export const devDataKeyFile = (dataDir: string): string => join(dataDir, 'cle-donnees-developpement.key');

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new Error(`${where} : une clé de 32 octets (AES-256) est attendue, en base64 ou en hexadécimal.`);
  return key;
}

function encrypt(key: Buffer, aad: string, clear: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(clear), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

function decrypt(key: Buffer, aad: string, sealed: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) throw new Error('valeur chiffrée tronquée');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
}

/** The master key and the case keys it wraps (unwrapped keys kept in memory, by case). */
export class Keyring {
  readonly #master: Buffer;
  /** True when the master key is the generated development key. */
  readonly development: boolean;
  readonly source: string;
  readonly #unwrapped = new Map<string, Buffer>();

  constructor(master: Buffer, o: { development: boolean; source: string }) {
    if (master.length !== 32) throw new Error('La clé maîtresse doit faire 32 octets (AES-256).');
    this.#master = master;
    this.development = o.development;
    this.source = o.source;
  }

  /** A new case key, wrapped for the `case_keys` table. */
  newWrappedKey(caseId: string): string {
    return encrypt(this.#master, `case-key:${caseId}`, randomBytes(32));
  }

  /** Case `caseId`'s key from its wrapped form; an error when the master key is not the one that wrapped it. */
  unwrap(caseId: string, wrapped: string): Buffer {
    const known = this.#unwrapped.get(caseId);
    if (known) return known;
    let key: Buffer;
    try {
      key = decrypt(this.#master, `case-key:${caseId}`, wrapped);
    } catch (err) {
      throw new Error(
        `La clé de l'affaire ${caseId} ne s'ouvre pas avec la clé maîtresse (${this.source}) : ${(err as Error).message}.`,
      );
    }
    if (this.#unwrapped.size > 10_000) this.#unwrapped.clear();
    this.#unwrapped.set(caseId, key);
    return key;
  }

  /** Forgets an unwrapped key (its case's key was destroyed). */
  forget(caseId: string): void {
    this.#unwrapped.delete(caseId);
  }
}

/**
 * The master key of the configuration (GREFFE_DATA_KEY: a file), or else the
 * development key generated once in `dataDir`, said so by `development`.
 */
export function loadKeyring(env: Readonly<Record<string, string | undefined>>, dataDir: string): Keyring {
  const file = env.GREFFE_DATA_KEY;
  if (file)
    return new Keyring(parseKey(readFileSync(file, 'utf8'), file), { development: false, source: file });
  const dev = devDataKeyFile(dataDir);
  if (!existsSync(dev)) {
    mkdirSync(dirname(dev), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(dev, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another instance made it meanwhile: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new Keyring(parseKey(readFileSync(dev, 'utf8'), dev), { development: true, source: dev });
}

/**
 * The master key for a reader that must write nothing (`greffe audit verify`):
 * GREFFE_DATA_KEY, or the development key already beside the database; undefined otherwise.
 */
export function existingKeyring(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Keyring | undefined {
  const dev = devDataKeyFile(dataDir);
  if (!env.GREFFE_DATA_KEY && !existsSync(dev)) return undefined;
  return loadKeyring(env, dataDir);
}

/** A case's key as the write steps and the readers see it: a key, destroyed (null), or none (a case from before). */
export type CaseKey = Buffer | null | undefined;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `value` with the personal values `mask` points at encrypted with the case's
 * key (strings only; numbers and booleans are not personal by the rule).
 * Without a key (a case from before crypto-shredding) it is returned as is;
 * with a destroyed key the personal values are written erased.
 */
export function seal(key: CaseKey, caseId: string, value: unknown, mask: PersonalMask | undefined): unknown {
  if (mask === undefined || key === undefined) return value;
  if (mask === true) {
    if (typeof value !== 'string' || value.startsWith(PREFIX)) return value;
    return key === null ? ERASED : PREFIX + encrypt(key, caseId, Buffer.from(value, 'utf8'));
  }
  if (Array.isArray(value)) return mask['[]'] ? value.map((v) => seal(key, caseId, v, mask['[]'])) : value;
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = Object.hasOwn(mask, k) ? seal(key, caseId, v, mask[k]) : v;
  return out;
}

/** `value` with every encrypted string read in clear (or erased, the key destroyed). */
export function unseal(key: CaseKey, caseId: string, value: unknown): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(PREFIX)) return value;
    if (!key) return ERASED;
    return decrypt(key, caseId, value.slice(PREFIX.length)).toString('utf8');
  }
  if (Array.isArray(value)) return value.map((v) => unseal(key, caseId, v));
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = unseal(key, caseId, v);
  return out;
}

/** Whether a JSON text may hold an encrypted value (cheap test before parsing it). */
export const mayBeSealed = (json: string): boolean => json.includes(PREFIX);

/** A JSON text with its encrypted strings in clear; the same text when it has none. */
export function unsealJson(key: CaseKey, caseId: string, json: string): string {
  if (!mayBeSealed(json)) return json;
  return JSON.stringify(unseal(key, caseId, JSON.parse(json)));
}

/** How a reader gets a case's key (sync: SQLite's op, or a map read beforehand on PostgreSQL). */
export type KeyOf = (caseId: string) => CaseKey;

/** A case row with its facts in clear. */
export function openCaseRow<T extends { readonly id: string; readonly facts: string }>(
  c: T,
  keyOf: KeyOf,
): T {
  return mayBeSealed(c.facts) ? { ...c, facts: unsealJson(keyOf(c.id), c.id, c.facts) } : c;
}

/** Journal rows with their data in clear. */
export function openJournalRows<T extends { readonly caseId: string; readonly data: string }>(
  rows: readonly T[],
  keyOf: KeyOf,
): T[] {
  return rows.map((r) =>
    mayBeSealed(r.data) ? { ...r, data: unsealJson(keyOf(r.caseId), r.caseId, r.data) } : r,
  );
}

/** A draft (a whole form's data, some of it personal) as stored: encrypted as one value when the case has a key. */
export const sealDraft = (key: CaseKey, caseId: string, data: string): string =>
  seal(key, caseId, data, true) as string;

/** A stored draft in clear. */
export const openDraft = (key: CaseKey, caseId: string, data: string): string =>
  unseal(key, caseId, data) as string;

/** The ids of the cases whose rows hold an encrypted value. */
export function sealedCaseIds(rows: readonly { readonly caseId: string; readonly text: string }[]): string[] {
  return [...new Set(rows.filter((r) => mayBeSealed(r.text)).map((r) => r.caseId))];
}
