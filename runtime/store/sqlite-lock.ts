/**
 * One server per SQLite file. Two servers on one file would each run a
 * scheduler and an outbox worker over the same rows (an outside test saw 85
 * of 585 messages sent twice with three servers), so a server holds an
 * exclusive SQLite lock on a companion file (`<base>.serveur.lock`) for its
 * whole life, and a second one is refused with a French message saying what
 * to do. The lock is the operating system's (POSIX advisory lock, as SQLite
 * takes it): it ends with the process, even on kill -9, so a crash leaves no
 * stale lock. The CLI's other commands (`users`, `audit`) do not take it:
 * they may run beside the server (SQLite serialises their writes).
 * Several instances: use PostgreSQL (`--db postgres://…`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export const lockFileOf = (file: string): string => `${file}.serveur.lock`;

/** Takes the server lock of `file`; returns its release. Throws (French) when another server holds it. */
export function lockServer(file: string): () => void {
  const lockFile = lockFileOf(file);
  mkdirSync(dirname(lockFile), { recursive: true }); // a first start makes the database's folder
  const lock = new Database(lockFile);
  try {
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(
        `Un autre serveur greffe utilise déjà la base SQLite ${file} (verrou ${lockFile}). ` +
          'Un fichier SQLite ne sert qu’un serveur à la fois : arrêtez l’autre serveur, ' +
          'ou, pour plusieurs instances, utilisez PostgreSQL (--db postgres://…).',
      );
    }
    throw err;
  }
  return () => lock.close();
}
