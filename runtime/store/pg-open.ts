/**
 * Opens a PostgreSQL database for the store: a connection pool whose 64-bit
 * integers come back as JS numbers (ids, versions, epoch milliseconds: all
 * far below 2^53), then the committed migrations (runtime/db/migrations-pg),
 * applied under an advisory lock so that instances starting together migrate
 * once. `synchronous_commit` stays at its default (on): an acknowledged
 * commit survives a server crash (docs/exploitation.md).
 */
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations-pg', import.meta.url));

/** Key of the advisory lock held while migrating (any constant unlikely to clash). */
const MIGRATION_LOCK = 0x67726566;

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgHandle {
  readonly pool: pg.Pool;
  readonly db: NodePgDatabase<Record<string, never>>;
  /** The URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

export function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export async function openPg(url: string): Promise<PgHandle> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client's error (the server restarting) must not crash the process: the pool drops it.
  pool.on('error', (err) => console.error('greffe : connexion PostgreSQL perdue :', err.message));
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrate(drizzle({ client }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new Error(
      `Base PostgreSQL ${withoutPassword(url)} inaccessible ou non migrable : ${(err as Error).message}`,
    );
  }
  return { pool, db: drizzle({ client: pool }), location: withoutPassword(url), close: () => pool.end() };
}
