/**
 * Databases "as they were before migration X", for the tests of a migration that fills a new
 * column from the rows already there: a copy of a migrations folder whose journal stops before X.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

const copies: string[] = [];
afterAll(() => {
  for (const d of copies.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A new empty folder, removed after the file's tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copies.push(dir);
  return dir;
}

/** A copy of migrations folder `from` that stops before migration `tag` (removed after the file's tests). */
export function migrationsBefore(from: string, tag: string): string {
  const dir = scratchDir('greffe-migrations-');
  cpSync(from, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  expect(stop, `migration ${tag} absente de ${from}`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}
