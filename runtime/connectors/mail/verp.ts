/**
 * Which message a bounce is about. SMTP has no callback: a message that
 * cannot be delivered comes back later as a delivery status notification
 * (RFC 3464) mailed to the envelope sender. So each message goes out with
 * an envelope sender of its own (VERP): `retours+<token>@domaine` for the
 * bounce address `retours@domaine`, and the same token as its DSN envelope
 * id (RFC 3461 ENVID, returned as `Original-Envelope-Id`). The token is the
 * message's idempotency key (`outbox-12`) and an HMAC of it under a secret
 * of the platform, so that nobody can make up a bounce for a message from
 * its number alone. Keys that do not fit a local part (longer than 32
 * characters) go out with the bounce address itself: their bounces are not
 * matched (login codes: no case to tell).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface BounceConfig {
  /** The address bounces come back to (GREFFE_MAIL_BOUNCE), e.g. retours@tj-lyon.example. */
  readonly address: string;
  /** The secret of the tokens' HMAC (GREFFE_MAIL_BOUNCE_SECRET). */
  readonly secret: string;
}

const KEY = /^[A-Za-z0-9-]{1,32}$/;
const mac = (secret: string, key: string) =>
  createHmac('sha256', secret).update(`verp:${key}`).digest('hex').slice(0, 16);

/** `outbox-12.1f0c…` (16 hex), or undefined for a key that does not fit. */
export function bounceToken(key: string, secret: string): string | undefined {
  return KEY.test(key) ? `${key}.${mac(secret, key)}` : undefined;
}

/** The envelope sender of the message of `key`: retours+<token>@domaine, or the bounce address. */
export function verpAddress(b: BounceConfig, key: string): string {
  const token = bounceToken(key, b.secret);
  const at = b.address.lastIndexOf('@');
  return token && at > 0 ? `${b.address.slice(0, at)}+${token}${b.address.slice(at)}` : b.address;
}

/** The key a token names, when its HMAC is right. */
export function keyOfToken(token: string, secret: string): string | undefined {
  const dot = token.lastIndexOf('.');
  const key = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (dot < 1 || !KEY.test(key) || !/^[0-9a-f]{16}$/.test(given)) return undefined;
  return timingSafeEqual(Buffer.from(given), Buffer.from(mac(secret, key))) ? key : undefined;
}

/** The token of a VERP address of the bounce address `b` (retours+<token>@domaine), if it is one. */
export function tokenOfAddress(b: BounceConfig, address: string): string | undefined {
  const at = b.address.lastIndexOf('@');
  const local = b.address.slice(0, at).toLowerCase();
  const domain = b.address.slice(at + 1).toLowerCase();
  const m = /^([^+@]+)\+([^@]+)@(.+)$/.exec(address.trim().replace(/^<|>$/g, ''));
  if (!m || m[1]?.toLowerCase() !== local || m[3]?.toLowerCase() !== domain) return undefined;
  return m[2];
}
