/**
 * Signed webhooks from outside parties (commissaire de justice, bank):
 * HMAC-SHA256 over "<timestamp>.<raw body>" with a secret shared per key id.
 * Headers: `X-Greffe-Timestamp` (Unix seconds) and `X-Greffe-Signature`, a
 * comma-separated list of `<keyId>=<hex>`: during a key rotation the partner
 * signs with the old and the new key, and either one verifies. A timestamp
 * outside the window, or a signature already seen, is refused (replay).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookKey {
  readonly id: string;
  readonly secret: string;
  /** After this instant the key no longer verifies (end of a rotation). */
  readonly notAfter?: Date;
}

export const TIMESTAMP_HEADER = 'x-greffe-timestamp';
export const SIGNATURE_HEADER = 'x-greffe-signature';
/** Five minutes either side, as common webhook schemes do; a retry signs again with a fresh timestamp. */
export const DEFAULT_WINDOW_S = 300;

export const hmac = (secret: string, timestamp: string, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The two headers a partner sends with `body`, signed with every key given. */
export function signWebhook(
  body: string,
  keys: readonly WebhookKey[],
  now = new Date(),
): Record<string, string> {
  const ts = String(Math.floor(now.getTime() / 1000));
  return {
    [TIMESTAMP_HEADER]: ts,
    [SIGNATURE_HEADER]: keys.map((k) => `${k.id}=${hmac(k.secret, ts, body)}`).join(','),
  };
}

export type Verdict =
  | { readonly ok: true; readonly keyId: string; readonly signature: string }
  | { readonly ok: false; readonly reason: 'missing' | 'timestamp' | 'signature' | 'replay' };

/**
 * Checks one delivery. `seen` remembers the signatures accepted within the
 * window; the caller adds the signature only once the delivery is recorded.
 */
export function verifyWebhook(
  body: string,
  headers: { readonly timestamp?: string; readonly signature?: string },
  keys: readonly WebhookKey[],
  seen: { has(signature: string): boolean },
  now = new Date(),
  windowS = DEFAULT_WINDOW_S,
): Verdict {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowS) return { ok: false, reason: 'timestamp' };
  for (const part of signature.split(',')) {
    const [id, hex] = part.trim().split('=');
    const key = keys.find((k) => k.id === id && (!k.notAfter || k.notAfter > now));
    if (!key || !hex || !/^[0-9a-f]{64}$/.test(hex)) continue;
    const expected = Buffer.from(hmac(key.secret, timestamp, body), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(hex, 'hex'))) continue;
    return seen.has(hex) ? { ok: false, reason: 'replay' } : { ok: true, keyId: key.id, signature: hex };
  }
  return { ok: false, reason: 'signature' };
}

/** Signatures accepted recently, forgotten once their timestamp left the window (they would fail on time anyway). */
export class ReplayGuard {
  readonly #until = new Map<string, number>();
  constructor(private readonly windowS = DEFAULT_WINDOW_S) {}
  add(signature: string, timestamp: string, now = new Date()): void {
    for (const [s, until] of this.#until) if (until < now.getTime()) this.#until.delete(s);
    this.#until.set(signature, (Number(timestamp) + this.windowS) * 1000);
  }
  has(signature: string): boolean {
    return this.#until.has(signature);
  }
}
