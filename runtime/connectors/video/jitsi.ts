/**
 * Video rooms for hearings and conciliation sessions: a Jitsi-compatible URL
 * `<base>/<room>?jwt=<token>`, the token signed HS256 with the shared secret
 * (the claims Jitsi's token authentication reads: iss/aud = the application
 * id, sub = the Jitsi domain, room, exp/nbf, context.user). The room's name is
 * an HMAC of the case id: unguessable, the same for everyone of the case.
 * Base URL, application id and secret come from configuration
 * (GREFFE_VIDEO_URL, GREFFE_VIDEO_APP_ID, GREFFE_VIDEO_SECRET).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VideoConfig {
  readonly url: string;
  readonly appId: string;
  readonly secret: string;
  /** How long a link stays valid (default 4 h: a hearing, a session). */
  readonly ttlS?: number;
}

export interface VideoLink {
  readonly url: string;
  readonly room: string;
  readonly expiresAt: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export const roomOf = (c: VideoConfig, caseId: string): string =>
  `greffe-${createHmac('sha256', c.secret).update(`salle:${caseId}`).digest('hex').slice(0, 24)}`;

export function videoLink(
  c: VideoConfig,
  caseId: string,
  user: { readonly id: string; readonly name: string; readonly moderator: boolean },
  now: Date,
): VideoLink {
  const room = roomOf(c, caseId);
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + (c.ttlS ?? 4 * 3600);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      iss: c.appId,
      aud: c.appId,
      sub: new URL(c.url).hostname,
      room,
      iat,
      nbf: iat - 60,
      exp,
      context: { user: { id: user.id, name: user.name, moderator: user.moderator } },
    }),
  );
  const sig = b64url(createHmac('sha256', c.secret).update(`${header}.${payload}`).digest());
  const token = `${header}.${payload}.${sig}`;
  return {
    url: `${c.url.replace(/\/$/, '')}/${room}?jwt=${token}`,
    room,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** Checks a room token as Jitsi's token authentication does (signature, audience, time, room); its claims or undefined. */
export function verifyRoomToken(
  c: VideoConfig,
  token: string,
  room: string,
  now: Date,
): Record<string, unknown> | undefined {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return undefined;
  const expected = createHmac('sha256', c.secret).update(`${h}.${p}`).digest();
  const got = Buffer.from(s, 'base64url');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  const t = now.getTime() / 1000;
  if (claims.aud !== c.appId || claims.room !== room) return undefined;
  if (typeof claims.exp !== 'number' || claims.exp < t || (typeof claims.nbf === 'number' && claims.nbf > t))
    return undefined;
  return claims;
}
