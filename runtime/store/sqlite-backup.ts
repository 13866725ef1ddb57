/**
 * A consistent copy of a live SQLite store with SQLite's online backup API
 * (better-sqlite3 `backup`), while the server keeps writing: the pages are
 * copied in one step, inside one read transaction, so the copy is the
 * database as of one commit (a plain `cp` of a WAL database is not). The
 * copy is synced to disk before it is named.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Copies the database at `file` to `dest` (which must not exist); resolves once the copy is durable. */
export async function backupSqliteFile(file: string, dest: string): Promise<void> {
  const src = new Database(resolve(file), { readonly: true, fileMustExist: true });
  const tmp = `${resolve(dest)}.partielle`;
  rmSync(tmp, { force: true });
  try {
    // All remaining pages in each step: one step, one snapshot, nothing to restart.
    await src.backup(tmp, { progress: () => 2 ** 30 });
  } finally {
    src.close();
  }
  // The copy in rollback-journal mode: one self-contained file, no -wal beside it.
  const copy = new Database(tmp);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, dest);
  const dir = openSync(dirname(resolve(dest)), 'r');
  fsyncSync(dir);
  closeSync(dir);
}
