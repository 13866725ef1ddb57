/**
 * For tests and the bench only: plain SQL on a SQLite store, to set up or
 * check rows that the `CaseStore` interface rightly does not expose (a
 * tampered journal, a second process's commit, a row count). The runtime
 * never uses this module (store-seam.test.ts checks that no runtime source
 * outside this folder imports it).
 */
import Database from 'better-sqlite3';
import type { CaseStore } from './case-store.ts';
import { applyPragmas } from './open.ts';
import { enqueue, type Message } from './outbox.ts';
import type { CaseRow } from './schema.ts';
import { SqliteCaseStore } from './sqlite-store.ts';
import { runSync } from './steps.ts';

/** What tests use of a better-sqlite3 connection. */
export type SqlProbe = Pick<Database.Database, 'prepare' | 'exec'>;

function sqliteStore(store: CaseStore): SqliteCaseStore {
  if (!(store instanceof SqliteCaseStore)) throw new Error('Ce magasin n’est pas un fichier SQLite.');
  return store;
}

/** The connection of a SQLite store (statements run in whatever transaction it has open). */
export function sqlOf(store: CaseStore): SqlProbe {
  return SqliteCaseStore.inner(sqliteStore(store)).sqlite;
}

/**
 * Runs `fn` on a connection of its own to `file`, then closes it: what another
 * process would see or do. `pragmas`: the store's (WAL, busy timeout…).
 */
export function withSqliteFile<T>(file: string, fn: (db: SqlProbe) => T, pragmas = false): T {
  const db = new Database(file);
  try {
    if (pragmas) applyPragmas(db);
    return fn(db);
  } finally {
    db.close();
  }
}

/** Queues an outbox message outside any event (a test's way to feed the outbox worker). */
export function enqueueForTest(store: CaseStore, c: CaseRow, m: Message, now: string): void {
  runSync(enqueue(c, m, now), SqliteCaseStore.inner(sqliteStore(store)).ops);
}
