/**
 * The runtime in-process on a fresh SQLite file, without HTTP server,
 * scheduler or outbox worker: for store and service tests, and the bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../runtime/catalog.ts';
import { type Runtime, rulesGuards } from '../../runtime/service/context.ts';
import { openSqliteStore, type SqliteCaseStore } from '../../runtime/store/sqlite-store.ts';
import { ManualClock } from '../../runtime/time/index.ts';

export const MEDIATION = 'test/fixtures/procedures/mediation/1.0.0';
/** The mediation fixture's court actor. */
export const MEDIATRICE = { id: 'm', name: 'Médiatrice', roles: ['mediateur'], court: 'tj' };

export interface LocalRuntime {
  readonly rt: Runtime;
  /** The runtime's store, as its SQLite implementation (group commit figures for the bench). */
  readonly store: SqliteCaseStore;
  readonly clock: ManualClock;
  /** The database file. */
  readonly file: string;
  /** Closes the store, and deletes its folder when it made it. */
  close(): void;
}

/**
 * A runtime on a new file `greffe.sqlite` in `into` (default: a new temp folder), `spec`
 * loaded, the mediator registered, the clock on Monday 1 March 2027.
 */
export async function localRuntime(spec = MEDIATION, into?: string): Promise<LocalRuntime> {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'greffe-local-'));
  const file = join(dir, 'greffe.sqlite');
  const store = openSqliteStore(file);
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
    close: () => {
      void store.close(); // synchronous underneath: closed before the folder is removed
      if (!into) rmSync(dir, { recursive: true, force: true });
    },
  };
}
