/**
 * Secret feed addresses: one per user, revocable. A calendar application
 * cannot log in, so the address itself is the credential: 32 random bytes,
 * of which only the SHA-256 is kept in the store (as for sessions). Issuing a
 * new address revokes the previous one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CaseStore } from '../../store/case-store.ts';

/** The store's part that keeps the addresses (table calendar_feeds). */
export type FeedTokenStore = Pick<
  CaseStore,
  'putCalendarFeed' | 'calendarFeedUser' | 'calendarFeedOf' | 'removeCalendarFeed'
>;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class FeedTokens {
  constructor(private readonly store: FeedTokenStore) {}
  /** A new secret for `userId`; the previous address stops working. Shown once: only its hash is kept. */
  async issue(userId: string, at: Date = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.store.putCalendarFeed(userId, tokenHash(token), at.getTime());
    return token;
  }
  /** False when the user had no address. */
  async revoke(userId: string): Promise<boolean> {
    return this.store.removeCalendarFeed(userId);
  }
  /** When the user's address was made; undefined when there is none. */
  async issuedAt(userId: string): Promise<Date | undefined> {
    const at = await this.store.calendarFeedOf(userId);
    return at === undefined ? undefined : new Date(at);
  }
  async userOf(token: string): Promise<string | undefined> {
    if (!/^[\w-]{43}$/.test(token)) return undefined;
    return this.store.calendarFeedUser(tokenHash(token));
  }
}
