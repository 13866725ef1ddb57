/**
 * Reads the server's database directly, to check what was (not) written: its
 * SQLite file, or its PostgreSQL database when the tests run on one
 * (GREFFE_TEST_DB). `withDb` is SQLite's synchronous probe; `rows` and
 * `countsOf` work on both.
 */
import { withPg } from '../../runtime/store/pg-testing.ts';
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

/** Where a test's store is: its SQLite file, or its PostgreSQL database. */
export interface DbRef {
  readonly dbFile: string;
  readonly pgUrl?: string;
}

/**
 * Rows of a read-only query (`?` placeholders, portable SQL) on either store.
 * PostgreSQL's integers come back as numbers, like SQLite's.
 */
export async function rows<T>(where: DbRef, query: string, ...params: unknown[]): Promise<T[]> {
  if (!where.pgUrl) return withDb(where.dbFile, (db) => db.prepare(query).all(...params) as T[]);
  let n = 0;
  const pgQuery = query.replace(/\?/g, () => `$${++n}`);
  return withPg(where.pgUrl, async (c) => {
    const r = await c.query(pgQuery, params);
    return r.rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === 'string' && r.fields.find((f) => f.name === k)?.dataTypeID === 20 ? Number(v) : v,
        ]),
      ),
    ) as T[];
  });
}

/** Row counts of the tables an event writes to, on either store. */
export async function countsOf(where: DbRef): Promise<Counts> {
  const out = {} as Counts;
  for (const t of TABLES)
    out[t] = Number((await rows<{ n: number }>(where, `SELECT count(*) AS n FROM ${t}`))[0]?.n);
  return out;
}

/** Row counts of the tables an event writes to. */
export function counts(file: string): Counts {
  return withDb(file, (db) => {
    const out = {} as Counts;
    for (const t of TABLES) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return out;
  });
}

/**
 * Journal rows the case's own acts wrote: the outbox journals its deliveries (`connecteur` rows) in the
 * background, after the event that asked for them, so a count taken around one request leaves them out.
 */
export async function actEvents(where: DbRef): Promise<number> {
  const [row] = await rows<{ n: number }>(
    where,
    `SELECT count(*) AS n FROM journal_events WHERE kind <> 'connecteur'`,
  );
  return Number(row?.n);
}

/**
 * A fingerprint of every row of those tables, on either store: equal before and after means nothing
 * was written. Rows are compared as sorted JSON, so the order a store returns them in does not matter.
 */
export async function dump(where: DbRef): Promise<string> {
  const tables: string[] = [];
  for (const t of TABLES) {
    const all = await rows<Record<string, unknown>>(where, `SELECT * FROM ${t}`);
    tables.push(JSON.stringify(all.map((r) => JSON.stringify(r)).sort()));
  }
  return tables.join('\n');
}

/**
 * The fingerprint once the server's background work has settled: after an event, the outbox worker
 * journals each delivery and the court's acts are issued as sealed PDFs, asynchronously. A test that
 * shows a refused request writes nothing takes its "before" here, so only the request can differ.
 */
export async function settledDump(where: DbRef, timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = await dump(where);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await dump(where);
    if (now === last) return now;
    if (Date.now() > end) throw new Error('settledDump : la base change encore après 15 s');
    last = now;
  }
}
