/**
 * Group commit on a real SQLite file: events of one turn share a commit, each
 * is whole or absent, and nobody is answered before the commit is on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './open.ts';

let dir: string;
let store: Store;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greffe-group-'));
  file = join(dir, 'g.sqlite');
  store = openStore(file);
  store.sqlite.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (k: string) => () => store.sqlite.prepare('INSERT INTO t (k, n) VALUES (?, 1)').run(k);
/** What another connection sees: only committed rows. */
const committed = (): string[] => {
  const other = new Database(file, { readonly: true });
  try {
    return (other.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k);
  } finally {
    other.close();
  }
};

describe('group commit', () => {
  it('commits the events of one turn together, and answers each only once committed', async () => {
    const before = { ...store.groupStats };
    const seen: string[][] = [];
    const all = ['a', 'b', 'c', 'd'].map((k) =>
      store.txGrouped(insert(k)).then(() => {
        seen.push(committed());
      }),
    );
    expect(committed()).toEqual([]); // nothing written before the batch runs
    await Promise.all(all);
    expect(store.groupStats.batches - before.batches).toBe(1);
    expect(store.groupStats.events - before.events).toBe(4);
    expect(store.groupStats.redone - before.redone).toBe(0); // no event failed: no savepoints
    // Each caller, when answered, could already read every row from another connection.
    for (const s of seen) expect(s).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back only the event that fails; the others of the batch are stored', async () => {
    const before = { ...store.groupStats };
    const results = await Promise.allSettled([
      store.txGrouped(insert('a')),
      store.txGrouped(() => {
        insert('b')();
        insert('a')(); // duplicate key: this event fails after a first write
      }),
      store.txGrouped(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committed()).toEqual(['a', 'c']); // 'b', written by the failed event, is gone
    // Run once without savepoints, rolled back whole, run again with one savepoint per event.
    expect(store.groupStats.redone - before.redone).toBe(1);
    expect(store.groupStats.batches - before.batches).toBe(1);
  });

  it('fails a lone event at once: it is not run again', async () => {
    let runs = 0;
    const r = store.txGrouped(() => {
      runs++;
      insert('a')();
      insert('a')();
    });
    await expect(r).rejects.toThrow(/UNIQUE/);
    expect(runs).toBe(1);
    expect(committed()).toEqual([]);
  });

  it('refuses a job that returns a promise, without writing it', async () => {
    const r = store.txGrouped(async () => insert('x')());
    await expect(r).rejects.toThrow(/promesse/);
    expect(committed()).toEqual([]);
  });

  it('fails every event of the batch when the batch cannot commit, and stores none', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    store.sqlite.pragma('busy_timeout = 20');
    const results = await Promise.allSettled([store.txGrouped(insert('a')), store.txGrouped(insert('b'))]);
    other.exec('ROLLBACK');
    other.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    expect(committed()).toEqual([]);
    // The store works again once the lock is gone.
    await store.txGrouped(insert('c'));
    expect(committed()).toEqual(['c']);
  });
});
