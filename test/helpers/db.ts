/** Reads the server's SQLite file directly, to check what was (not) written. */
import { type SqlProbe, withSqliteFile } from '../../runtime/store/sqlite-inspect.ts';

const TABLES = [
  'cases',
  'journal_events',
  'deadlines',
  'outbox',
  'documents',
  'participants',
  'idempotency_keys',
] as const;
export type Counts = Record<(typeof TABLES)[number], number>;

export function withDb<T>(file: string, fn: (db: SqlProbe) => T): T {
  return withSqliteFile(file, fn);
}

/** Row counts of the tables an event writes to. */
export function counts(file: string): Counts {
  return withDb(file, (db) => {
    const out = {} as Counts;
    for (const t of TABLES) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return out;
  });
}

/** A fingerprint of every row of those tables: equal before and after means nothing was written. */
export function dump(file: string): string {
  return withDb(file, (db) =>
    TABLES.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).join('\n'),
  );
}
