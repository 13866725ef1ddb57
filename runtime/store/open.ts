/**
 * Opens (and on first start creates) the SQLite store: one file, WAL,
 * `synchronous=FULL` because the case journal is a court record (a commit
 * acknowledged to a party must survive a power cut, not only a crash), then
 * applies the committed drizzle migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { GroupCommit } from './group-commit.ts';
import { type Keyring, loadKeyring } from './personal-data.ts';
import { prepareQueries, type Queries } from './queries.ts';
import * as schema from './schema.ts';
import { sqliteOps } from './sqlite-ops.ts';
import type { Ops } from './steps.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  readonly db: Db;
  readonly sqlite: Database.Database;
  /** Absolute path of the database file. */
  readonly file: string;
  /** Folder of the content-addressed documents, next to the database. */
  readonly documentsDir: string;
  /** The hot queries, prepared once. */
  readonly q: Queries;
  /** The master key and the case keys of personal data (personal-data.ts). */
  readonly keyring: Keyring;
  /** The shared write logic's operations on this connection (steps.ts). */
  readonly ops: Ops;
  /**
   * Runs `fn` in one IMMEDIATE transaction (the write lock taken at once, so
   * two writers never deadlock on upgrade). `fn` must be synchronous: with
   * better-sqlite3 a promise would leave its later writes outside the
   * transaction (docs/architecture.md, Invariants). Throwing rolls everything back.
   */
  tx<T>(fn: () => T): T;
  /**
   * Runs `fn` like `tx`, but in a group commit shared with the other events
   * committed in the same turn of the event loop (own savepoint, one WAL
   * sync for all); resolves once durable. See group-commit.ts.
   */
  txGrouped<T>(fn: () => T): Promise<T>;
  /** Batches and events committed through `txGrouped`. */
  readonly groupStats: GroupCommit['stats'];
  /**
   * A mark that moves whenever a write is committed to the database: by this
   * connection at once (`total_changes()`, no read transaction, ~0.2 µs), by
   * any other connection — another process on the same file — from the next
   * turn of the event loop (`PRAGMA data_version`, read once per turn: it takes
   * a read transaction and two file locks, ~3 µs in-process and an eighth of
   * a cached case view's CPU under load). Two equal marks: nothing was written
   * in between, so what was read from the database after the first still holds
   * (view-cache.ts). Rolled-back writes move it too (it only says "maybe changed").
   */
  writeMark(): string;
  close(): void;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations', import.meta.url));

/**
 * The pragmas every connection uses (the bench uses the same for its baseline).
 * `temp_store = MEMORY` keeps the statement and savepoint journals — the
 * original pages a savepoint may roll back to, which each event of a group
 * commit has — in memory instead of temporary files: inserts went from ~20 to
 * ~8 µs (bench/runtime.bench.ts). Durability is the WAL's; those journals only
 * serve rollbacks inside a transaction and never outlive it.
 */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'temp_store = MEMORY',
] as const;

export function applyPragmas(sqlite: Database.Database): void {
  for (const p of PRAGMAS) sqlite.pragma(p);
}

/** Runs a transaction's work, refusing one that returns a promise (its later writes would escape). */
function runSync(fn: () => unknown): unknown {
  const out = fn();
  if (out instanceof Promise) throw new Error('Une transaction SQLite ne peut pas attendre une promesse.');
  return out;
}

/** Opens the store at `file`, creating the file and its folder if needed, and migrates it. */
export function openStore(file: string): Store {
  const abs = resolve(file);
  mkdirSync(dirname(abs), { recursive: true });
  const sqlite = new Database(abs);
  applyPragmas(sqlite);
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const transaction = sqlite.transaction(runSync);
  const group = new GroupCommit(sqlite, transaction, runSync);
  const ownChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const othersChanges = sqlite.prepare('PRAGMA data_version').pluck();
  // Another process's commits, as read in this turn of the event loop (requests handled in one
  // turn were received before it began: reading the others' commits once at its start is enough).
  let others: number | undefined;
  const othersThisTurn = (): number => {
    if (others === undefined) {
      others = othersChanges.get() as number;
      setImmediate(() => {
        others = undefined;
      });
    }
    return others;
  };
  const q = prepareQueries(db);
  const keyring = loadKeyring(process.env, dirname(abs));
  return {
    keyring,
    db,
    sqlite,
    file: abs,
    documentsDir: resolve(dirname(abs), 'documents'),
    q,
    ops: sqliteOps(db, q, keyring),
    tx: <T>(fn: () => T): T => transaction.immediate(fn) as T,
    txGrouped: <T>(fn: () => T): Promise<T> => group.run(fn),
    groupStats: group.stats,
    writeMark: () => `${othersThisTurn()}.${ownChanges.get() as number}`,
    close: () => sqlite.close(),
  };
}
