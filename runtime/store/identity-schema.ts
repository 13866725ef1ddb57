/**
 * Identity tables (docs/securite.md): server-side sessions, e-mail login
 * codes and disabled accounts. Kept apart from schema.ts; drizzle-kit reads
 * both (drizzle.config.ts). Instants are epoch milliseconds (real time, never
 * the procedural clock a test may move by months).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './schema.ts';

/** A session; `id` is the SHA-256 of the bearer token, never the token itself. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** How the person proved who they are: dev (sample user) | courriel | oidc:<provider>. */
    method: text('method').notNull(),
    /** Made under `--dev`: never valid on a server started without it. */
    dev: integer('dev', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** The provider's ID token, kept for its RP-initiated logout (`id_token_hint`). */
    idTokenHint: text('id_token_hint'),
  },
  (t) => [index('auth_sessions_user').on(t.userId)],
);

/** One-time login codes sent by e-mail; only an HMAC of the code is stored. */
export const loginCodes = sqliteTable(
  'login_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: integer('used_at'),
  },
  (t) => [index('login_codes_email').on(t.email)],
);

/**
 * One-time codes of a simple electronic signature (eIDAS art. 25): sent to a
 * party who signs the case's protocol, bound to the case, the person and the
 * document's SHA-256; only an HMAC of the code is stored. The id is what the
 * signature's evidence in the journal names (runtime/identity/signature-codes.ts).
 */
export const signatureCodes = sqliteTable(
  'signature_codes',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    userId: text('user_id').notNull(),
    /** courriel | sms */
    channel: text('channel').notNull(),
    /** The address or number the code went to, masked (« j***@exemple.fr »): never the full one. */
    destination: text('destination').notNull(),
    documentSha256: text('document_sha256').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: integer('used_at'),
  },
  (t) => [index('signature_codes_case_user').on(t.caseId, t.userId)],
);

/** Accounts an operator disabled (`greffe users disable`): their sessions end and they cannot log in. */
export const disabledUsers = sqliteTable('disabled_users', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  disabledAt: text('disabled_at').notNull(),
});

/**
 * Secret calendar feed addresses (connectors/calendar/feed-tokens.ts): one per
 * person; only the SHA-256 of the secret is kept, as for sessions.
 */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('calendar_feeds_token').on(t.tokenHash)],
);

export type AuthSessionRow = typeof authSessions.$inferSelect;
