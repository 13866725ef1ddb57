/**
 * Published versions are immutable: `greffe publish` writes, beside the
 * version folder (`<procedure>/<version>.lock.json`, so the folder's own bytes
 * never change), the SHA-256 of each of its files and a short hash of each
 * line; `greffe validate` compares the folder with it and names the first
 * changed line. A correction is a new version (`greffe new-version`).
 *
 * Line hashes are the first 8 hex digits of each line's SHA-256, joined in one
 * string per file (8 characters a line): enough to find the first changed line
 * (a 1 in 4 billion chance that a changed line keeps its short hash, in which
 * case the next changed one is named), while the whole-file SHA-256 decides
 * whether the file changed at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { type Diagnostic, diagnostic } from './diagnostic.ts';

export interface LockedFile {
  readonly sha256: string;
  /** 8 hex digits of each line's SHA-256, concatenated. */
  readonly lines: string;
}

export interface VersionLock {
  readonly procedure: string;
  readonly version: string;
  /** Paths relative to the version folder, with `/`, sorted. */
  readonly files: Readonly<Record<string, LockedFile>>;
}

const LINE_HASH = 8;

/** `spec/procedures/<id>/<version>.lock.json` for the folder `spec/procedures/<id>/<version>`. */
export function lockPath(versionDir: string): string {
  const abs = resolve(versionDir);
  return join(dirname(abs), `${basename(abs)}.lock.json`);
}

/** Every file of the folder, recursively, as sorted `/`-separated relative paths. */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? filesOf(dir, rel) : e.isFile() ? [rel] : [];
    })
    .sort();
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function lineHashes(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .split('\n')
    .map((l) => sha256(Buffer.from(l, 'latin1')).slice(0, LINE_HASH))
    .join('');
}

/** The lock of a version folder as it is now. */
export function computeLock(versionDir: string): VersionLock {
  const abs = resolve(versionDir);
  const files: Record<string, LockedFile> = {};
  for (const rel of filesOf(abs)) {
    const bytes = readFileSync(join(abs, rel));
    files[rel] = { sha256: sha256(bytes), lines: lineHashes(bytes) };
  }
  return { procedure: basename(dirname(abs)), version: basename(abs), files };
}

/** One file per line, so a removed file can be pointed at in the lock. */
export function formatLock(lock: VersionLock): string {
  const entries = Object.entries(lock.files).map(
    ([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  return [
    '{',
    `  "procedure": ${JSON.stringify(lock.procedure)},`,
    `  "version": ${JSON.stringify(lock.version)},`,
    '  "files": {',
    entries.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

export function writeLock(versionDir: string): string {
  const path = lockPath(versionDir);
  writeFileSync(path, formatLock(computeLock(versionDir)));
  return path;
}

/** The `status:` the version's procedure.yaml declares (undefined when unreadable). */
export function declaredStatus(versionDir: string): string | undefined {
  try {
    const head = parse(readFileSync(join(versionDir, 'procedure.yaml'), 'utf8')) as Record<string, unknown>;
    return typeof head?.status === 'string' ? head.status : undefined;
  } catch {
    // An unreadable procedure.yaml is reported by the loader (yaml-syntax).
    return undefined;
  }
}

/** 1-based number of the first line whose short hash differs (or that one side lacks). */
function firstChangedLine(locked: string, now: string): number {
  const n = Math.max(locked.length, now.length) / LINE_HASH;
  for (let i = 0; i < n; i++) {
    const a = locked.slice(i * LINE_HASH, (i + 1) * LINE_HASH);
    const b = now.slice(i * LINE_HASH, (i + 1) * LINE_HASH);
    if (a !== b) return i + 1;
  }
  return Math.max(1, now.length / LINE_HASH);
}

const HINT_NEW_VERSION = (id: string, version: string) =>
  `Une version publiée ne change pas : rétablissez le fichier publié et faites vos modifications dans une nouvelle version (npx greffe new-version ${id} <nouvelle version> --from ${version}).`;

/**
 * Compares a published version folder with its lock. A draft has nothing to
 * compare; a published version without a lock is told to be locked.
 * `cwd`: file names in diagnostics are relative to it.
 */
export function checkLock(versionDir: string, cwd: string = process.cwd()): Diagnostic[] {
  const abs = resolve(versionDir);
  if (declaredStatus(abs) !== 'published') return [];
  const id = basename(dirname(abs));
  const version = basename(abs);
  const show = (p: string) => relative(cwd, p) || p;
  const path = lockPath(abs);
  if (!existsSync(path))
    return [
      diagnostic(
        'published-without-lock',
        'warning',
        { file: show(join(abs, 'procedure.yaml')), line: 1, column: 1 },
        `La version ${version} se dit publiée (status: published) mais n’a pas de verrou ${basename(path)} : rien ne garantit que ses fichiers n’ont pas changé depuis sa publication.`,
        `Si ses fichiers sont bien ceux publiés, verrouillez-la : npx greffe publish ${show(abs)}`,
      ),
    ];
  const lockText = readFileSync(path, 'utf8');
  let locked: VersionLock;
  try {
    locked = JSON.parse(lockText) as VersionLock;
  } catch (e: unknown) {
    return [
      diagnostic(
        'published-version-changed',
        'error',
        { file: show(path), line: 1, column: 1 },
        `Le verrou de la version publiée ${version} est illisible (${e instanceof Error ? e.message : String(e)}).`,
        'Rétablissez le fichier de verrou tel qu’il a été publié (git checkout).',
      ),
    ];
  }
  const now = computeLock(abs);
  const out: Diagnostic[] = [];
  const hint = HINT_NEW_VERSION(id, version);
  for (const [rel, f] of Object.entries(now.files)) {
    const before = locked.files?.[rel];
    if (!before) {
      out.push(
        diagnostic(
          'published-version-changed',
          'error',
          { file: show(join(abs, rel)), line: 1, column: 1 },
          `Le fichier ${rel} a été ajouté à la version publiée ${version}.`,
          hint,
        ),
      );
    } else if (before.sha256 !== f.sha256) {
      out.push(
        diagnostic(
          'published-version-changed',
          'error',
          { file: show(join(abs, rel)), line: firstChangedLine(before.lines, f.lines), column: 1 },
          `Le fichier ${rel} de la version publiée ${version} a changé depuis sa publication (première ligne modifiée).`,
          hint,
        ),
      );
    }
  }
  const lockLines = lockText.split('\n');
  for (const rel of Object.keys(locked.files ?? {})) {
    if (now.files[rel]) continue;
    const line = lockLines.findIndex((l) => l.startsWith(`    ${JSON.stringify(rel)}:`)) + 1;
    out.push(
      diagnostic(
        'published-version-changed',
        'error',
        { file: show(path), line: Math.max(1, line), column: 5 },
        `Le fichier ${rel} a été retiré de la version publiée ${version}.`,
        hint,
      ),
    );
  }
  return out;
}
