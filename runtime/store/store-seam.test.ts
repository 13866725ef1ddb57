/**
 * The store seam holds (case-store.ts): outside runtime/store, no source file
 * imports drizzle, better-sqlite3 or pg, reaches into the SQLite store's internals
 * (its connection, query builder, prepared queries or transactions), or
 * imports a store module other than the interface and the SQLite factory —
 * tests and the bench may also use the SQLite probes made for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE = 'runtime/store/';
const SKIP = new Set(['node_modules', '.git', 'dist', 'data', 'out', 'coverage']);

/** Packages only the store may import. */
const DRIVER = /^(better-sqlite3|drizzle-orm|pg)(\/|$)/;
/** Store modules every file may import: the interface and the factories (SQLite file, or either by `--db`). */
const PUBLIC = new Set(['case-store.ts', 'sqlite-store.ts', 'open-any.ts']);
/** Store modules tests and the bench may import too: SQL probes, SQLite's own limits, test databases. */
const FOR_TESTS = new Set([
  ...PUBLIC,
  'sqlite-inspect.ts',
  'sqlite-limits.ts',
  'pg-testing.ts',
  'bench-fill.ts',
]);
/** The SQLite store's internals reached through a value named `store`: `rt.store.q`, `this.store.db`… */
const INTERNALS = /\bstore\s*\.\s*(tx|txGrouped|db|sqlite|q)\b/;
/** …or destructured from it: `const { q } = rt.store`. */
const DESTRUCTURED = /\{[^}]*\b(tx|txGrouped|db|sqlite|q)\b[^}]*\}\s*=\s*[\w.]*\bstore\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return relative(ROOT, path) === STORE.slice(0, -1) ? [] : sources(path);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
  });
}

const isTestOrBench = (file: string) =>
  /\.test\.tsx?$/.test(file) || file.startsWith('test/') || file.startsWith('bench/');

/** What breaks the seam in one file (its path relative to the repository root), one line per finding. */
function seamViolations(file: string, text: string): string[] {
  const found: string[] = [];
  const allowed = isTestOrBench(file) ? FOR_TESTS : PUBLIC;
  for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
    if (DRIVER.test(spec)) found.push(`${file}: imports ${spec}`);
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, file, '..', spec));
    if (target.startsWith(STORE) && !allowed.has(target.slice(STORE.length))) {
      found.push(`${file}: imports ${target}`);
    }
  }
  text.split('\n').forEach((line, i) => {
    if (INTERNALS.test(line) || DESTRUCTURED.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return found;
}

describe('the store seam', () => {
  it('catches each kind of breach (so that the scan below can fail)', () => {
    const breaches = [
      "import Database from 'better-sqlite3';",
      "import { eq } from 'drizzle-orm';",
      "import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';",
      "import { sqliteTable } from 'drizzle-orm/sqlite-core';",
      "import pg from 'pg';",
      "import { PgCaseStore } from '../store/pg-store.ts';",
      "import { cases } from '../store/schema.ts';",
      "export { openStore } from '../store/open.ts';",
      'const c = rt.store.q.caseById.get({ id });',
      'this.store.db.update(outbox).run();',
      'rt.store.tx(() => undefined);',
      "store.sqlite.prepare('SELECT 1').get();",
      'const { q } = rt.store;',
    ];
    for (const b of breaches) expect(seamViolations('runtime/service/x.ts', b), b).toHaveLength(1);
    expect(
      seamViolations('test/x.test.ts', "import { sqlOf } from '../runtime/store/sqlite-inspect.ts';"),
    ).toEqual([]);
    expect(
      seamViolations('runtime/service/x.ts', "import { sqlOf } from '../store/sqlite-inspect.ts';"),
    ).toHaveLength(1);
    expect(
      seamViolations(
        'runtime/service/x.ts',
        "import type { CaseStore } from '../store/case-store.ts';\nawait rt.store.commitEvent(input);",
      ),
    ).toEqual([]);
  });

  it('holds in every source file outside runtime/store', () => {
    const files = sources(ROOT).map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => seamViolations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
