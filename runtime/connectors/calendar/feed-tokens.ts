/**
 * Secret feed addresses: one per user, revocable. A calendar application
 * cannot log in, so the address itself is the credential: 32 random bytes,
 * of which only the SHA-256 is kept (as for access codes). Issuing a new
 * address revokes the previous one.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface FeedTokenStore {
  /** Replaces the user's hash (one address per user). */
  put(userId: string, hash: string): void | Promise<void>;
  userOf(hash: string): string | undefined | Promise<string | undefined>;
  remove(userId: string): void | Promise<void>;
}

export class MemoryFeedTokenStore implements FeedTokenStore {
  readonly byUser = new Map<string, string>();
  put(userId: string, hash: string): void {
    this.byUser.set(userId, hash);
  }
  userOf(hash: string): string | undefined {
    for (const [u, h] of this.byUser) if (h === hash) return u;
    return undefined;
  }
  remove(userId: string): void {
    this.byUser.delete(userId);
  }
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class FeedTokens {
  constructor(private readonly store: FeedTokenStore) {}
  /** A new secret for `userId`; the previous address stops working. */
  async issue(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.store.put(userId, tokenHash(token));
    return token;
  }
  async revoke(userId: string): Promise<void> {
    await this.store.remove(userId);
  }
  async userOf(token: string): Promise<string | undefined> {
    if (!/^[\w-]{43}$/.test(token)) return undefined;
    return this.store.userOf(tokenHash(token));
  }
}
