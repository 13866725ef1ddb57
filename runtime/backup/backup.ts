/**
 * Backups of a running platform (`greffe backup`, `greffe restore`):
 * 1. the exported checkpoints first (points, then leaves: both files are
 *    append-only, so the copy holds no checkpoint beyond the database copied
 *    next, and no checkpoint without its leaves);
 * 2. the database, through SQLite's online backup (sqlite-backup.ts): one
 *    consistent snapshot while the server keeps writing;
 * 3. the documents (content-addressed, never rewritten: every file the
 *    snapshot cites was synced before the commit that cites it);
 * 4. the development signing key of the journal, if that is what signs.
 * Every file is synced; `sauvegarde.json` says what the folder holds.
 * PostgreSQL: `pg_dump` (docs/exploitation.md), the documents and checkpoints as here.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { devDataKeyFile } from '../store/case-store.ts';
import { backupSqliteFile } from '../store/sqlite-store.ts';
import { devKeyFile } from '../transparency/config.ts';
import { EXPORT_FILES, syncDir } from '../transparency/export.ts';

export const BACKUP_DB = 'greffe.sqlite';
export const BACKUP_MANIFEST = 'sauvegarde.json';
export const BACKUP_CHECKPOINTS = 'transparence';

export interface BackupManifest {
  readonly format: 'greffe-sauvegarde/1';
  readonly createdAt: string;
  readonly database: { readonly file: string; readonly sha256: string; readonly size: number };
  readonly documents: number;
  /** Exported checkpoints copied (lines of points.jsonl). */
  readonly checkpoints: number;
  readonly developmentKey: boolean;
  /** The development key of personal data (no GREFFE_DATA_KEY) was copied too. */
  readonly developmentDataKey?: boolean;
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function copySynced(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

/** Copies the content-addressed documents (`ab/cdef…`), leaving out temporary files. */
function copyDocuments(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  let n = 0;
  for (const sub of readdirSync(from, { withFileTypes: true })) {
    if (!sub.isDirectory() || !/^[0-9a-f]{2}$/.test(sub.name)) continue;
    const dir = join(to, sub.name);
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(join(from, sub.name), { withFileTypes: true })) {
      if (!f.isFile() || !/^[0-9a-f]{62}$/.test(f.name)) continue;
      copySynced(join(from, sub.name, f.name), join(dir, f.name));
      n++;
    }
    syncDir(dir);
  }
  syncDir(to);
  return n;
}

export interface BackupOptions {
  /** The database file. */
  readonly db: string;
  /** The folder to create (must not exist or be empty). */
  readonly out: string;
  /** The folder checkpoints are exported to, if one. */
  readonly exported?: string;
  readonly now?: Date;
}

export async function backup(o: BackupOptions): Promise<BackupManifest> {
  const out = resolve(o.out);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Error(`${out} n’est pas vide : choisissez un nouveau dossier de sauvegarde.`);
  mkdirSync(out, { recursive: true });
  let checkpoints = 0;
  if (o.exported && existsSync(join(o.exported, EXPORT_FILES.checkpoints))) {
    const cp = join(out, BACKUP_CHECKPOINTS);
    mkdirSync(cp);
    for (const f of [
      EXPORT_FILES.publicKey,
      EXPORT_FILES.checkpoints,
      EXPORT_FILES.leaves,
      EXPORT_FILES.latest,
    ]) {
      if (existsSync(join(o.exported, f))) copySynced(join(o.exported, f), join(cp, f));
    }
    syncDir(cp);
    checkpoints = readFileSync(join(cp, EXPORT_FILES.checkpoints), 'utf8').split('\n').filter(Boolean).length;
  }
  const dbCopy = join(out, BACKUP_DB);
  await backupSqliteFile(o.db, dbCopy);
  const documents = copyDocuments(join(dirname(resolve(o.db)), 'documents'), join(out, 'documents'));
  const key = devKeyFile(dirname(resolve(o.db)));
  const developmentKey = existsSync(key);
  if (developmentKey) copySynced(key, join(out, 'cle-journal-developpement.pem'));
  // Without GREFFE_DATA_KEY the personal data is encrypted by a development key beside the database:
  // a backup without it could not be read (runtime/store/personal-data.ts).
  const dataKey = devDataKeyFile(dirname(resolve(o.db)));
  const developmentDataKey = existsSync(dataKey);
  if (developmentDataKey) copySynced(dataKey, join(out, basename(dataKey)));
  const manifest: BackupManifest = {
    format: 'greffe-sauvegarde/1',
    createdAt: (o.now ?? new Date()).toISOString(),
    database: { file: BACKUP_DB, sha256: sha256Of(dbCopy), size: readFileSync(dbCopy).length },
    documents,
    checkpoints,
    developmentKey,
    ...(developmentDataKey && { developmentDataKey }),
  };
  writeFileSync(join(out, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
  syncDir(out);
  return manifest;
}

export interface RestoreOptions {
  readonly from: string;
  /** Where the database goes (its documents beside it). */
  readonly db: string;
  /** Replace an existing database. */
  readonly force?: boolean;
}

/** Puts a backup back in place; the caller then runs the audit on it. */
export function restore(o: RestoreOptions): BackupManifest {
  const from = resolve(o.from);
  const manifestFile = join(from, BACKUP_MANIFEST);
  if (!existsSync(manifestFile))
    throw new Error(`${from} n’est pas une sauvegarde greffe (${BACKUP_MANIFEST} absent).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const src = join(from, manifest.database.file);
  if (sha256Of(src) !== manifest.database.sha256)
    throw new Error(`${src} : la base sauvegardée ne correspond plus à son empreinte (sauvegarde altérée).`);
  const db = resolve(o.db);
  if (existsSync(db) && !o.force)
    throw new Error(`${db} existe déjà : arrêtez le serveur et ajoutez --force pour la remplacer.`);
  const dir = dirname(db);
  mkdirSync(dir, { recursive: true });
  for (const side of ['-wal', '-shm', '-journal']) rmSync(`${db}${side}`, { force: true });
  const tmp = `${db}.restauration`;
  copySynced(src, tmp);
  renameSync(tmp, db);
  copyDocuments(join(from, 'documents'), join(dir, 'documents'));
  if (manifest.developmentKey) copySynced(join(from, 'cle-journal-developpement.pem'), devKeyFile(dir));
  if (manifest.developmentDataKey) copySynced(join(from, basename(devDataKeyFile(dir))), devDataKeyFile(dir));
  syncDir(dir);
  return manifest;
}
