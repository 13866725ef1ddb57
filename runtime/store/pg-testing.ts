/**
 * For tests and the bench only: a fresh PostgreSQL database per test file
 * (`greffe_test_<random>`), made on the server `GREFFE_TEST_DB` names
 * (e.g. postgres://root@127.0.0.1/test) and dropped afterwards, and plain
 * SQL on it to check what the `CaseStore` interface rightly does not expose.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the store-backed tests run on, when set. */
export const testPgUrl = (): string | undefined => process.env.GREFFE_TEST_DB || undefined;

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function onServer<T>(base: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates an empty database on the server of `base` (default GREFFE_TEST_DB). */
export async function freshDatabase(base = testPgUrl()): Promise<TestDatabase> {
  if (!base) throw new Error('GREFFE_TEST_DB non défini (ex. postgres://root@127.0.0.1/test).');
  const name = `greffe_test_${randomBytes(6).toString('hex')}`;
  await onServer(base, (c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () =>
      onServer(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs `fn` with a client of its own on database `url`, then closes it. */
export function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return onServer(url, fn);
}
