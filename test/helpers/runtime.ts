/**
 * The runtime in-process on a fresh store, without HTTP server, scheduler or
 * outbox worker: for store and service tests, and the bench. The store is a
 * new SQLite file, or — when GREFFE_TEST_DB names a PostgreSQL server — a new
 * database on it, dropped at `close()` (README, "Tests").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../runtime/catalog.ts';
import { type Runtime, rulesGuards } from '../../runtime/service/context.ts';
import type { CaseStore } from '../../runtime/store/case-store.ts';
import { openCaseStore } from '../../runtime/store/open-any.ts';
import { freshDatabase, testPgUrl } from '../../runtime/store/pg-testing.ts';
import { openSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { ManualClock } from '../../runtime/time/index.ts';

export const MEDIATION = 'test/fixtures/procedures/mediation/1.0.0';
/** The mediation fixture's court actor. */
export const MEDIATRICE = { id: 'm', name: 'Médiatrice', roles: ['mediateur'], court: 'tj' };

export interface LocalRuntime {
  readonly rt: Runtime;
  readonly store: CaseStore;
  readonly clock: ManualClock;
  /** The SQLite database file (its path, unused, on PostgreSQL). */
  readonly file: string;
  /** The PostgreSQL database's URL, when the store is one. */
  readonly pgUrl?: string;
  /** Closes the store, and deletes its folder (or database) when it made it. */
  close(): Promise<void>;
}

/** A fresh store in `dir`: SQLite file, or a new PostgreSQL database when GREFFE_TEST_DB is set. */
export async function freshStore(
  dir: string,
): Promise<{ store: CaseStore; file: string; pgUrl?: string; drop: () => Promise<void> }> {
  const file = join(dir, 'greffe.sqlite');
  if (!testPgUrl()) return { store: openSqliteStore(file), file, drop: async () => undefined };
  const db = await freshDatabase();
  return { store: await openCaseStore(db.url, { dataDir: dir }), file, pgUrl: db.url, drop: db.drop };
}

/**
 * A runtime on a new file `greffe.sqlite` in `into` (default: a new temp folder), `spec`
 * loaded, the mediator registered, the clock on Monday 1 March 2027.
 */
export async function localRuntime(spec = MEDIATION, into?: string): Promise<LocalRuntime> {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'greffe-local-'));
  const { store, file, pgUrl, drop } = await freshStore(dir);
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  const rt: Runtime = {
    store,
    catalog: loadCatalog(spec),
    clock,
    dev: false,
    sampleUsers: [],
    defaultCourt: 'tj',
    guards: rulesGuards,
    afterCommit: () => undefined,
    expireDue: async () => false,
  };
  await store.upsertUser({ ...MEDIATRICE, source: 'test' }, clock.now());
  return {
    rt,
    store,
    clock,
    file,
    ...(pgUrl && { pgUrl }),
    close: async () => {
      await store.close();
      await drop();
      if (!into) rmSync(dir, { recursive: true, force: true });
    },
  };
}
