/**
 * For the scale bench only (bench/scale.bench.ts): clones a template case —
 * made through the engine, so its rows are real — `n` times, inside the
 * database (one INSERT … SELECT per table over a generated series), into
 * `courts` courts. The clones' journal hashes are the template's (they would
 * not pass `audit verify`); what the bench measures is the reads of the back
 * office and the case view at volume, which see the same rows, indexes and
 * plans as real cases.
 */
import { SqliteCaseStore } from './sqlite-store.ts';
import type { CaseStore } from './case-store.ts';
import { withPg } from './pg-testing.ts';

/** Tables a case has rows in, with the case's own column; ids of integer keys are left to the database. */
const TABLES: readonly { table: string; caseColumn: string; generatedId: boolean }[] = [
  { table: 'cases', caseColumn: 'id', generatedId: false },
  { table: 'participants', caseColumn: 'case_id', generatedId: true },
  { table: 'journal_events', caseColumn: 'case_id', generatedId: true },
  { table: 'deadlines', caseColumn: 'case_id', generatedId: true },
  { table: 'outbox', caseColumn: 'case_id', generatedId: true },
  { table: 'invitations', caseColumn: 'case_id', generatedId: false },
];

/** The clone of column `col` of row number `g.i`. */
function cloneExpr(table: string, col: string, courts: number): string {
  if (table === 'cases' && col === 'id') return `t.id || '-' || g.i`;
  if (col === 'case_id') return `t.case_id || '-' || g.i`;
  // Unique across clones of several templates (the bench clones one with a deadline and one without).
  if (col === 'reference') return `t.reference || '-' || g.i`;
  if (col === 'court') return `'tj-bench-' || (g.i % ${courts})`;
  if (col === 'dedupe_key') return `t.dedupe_key || '-' || g.i`;
  if (col === 'code_hash') return `t.code_hash || '-' || g.i`;
  return `t.${col}`;
}

function statements(
  columnsOf: (table: string) => string[],
  series: (from: number, to: number) => string,
  caseId: string,
  from: number,
  to: number,
  courts: number,
  quote: (s: string) => string,
): string[] {
  return TABLES.map(({ table, caseColumn, generatedId }) => {
    const cols = columnsOf(table).filter((c) => !(generatedId && c === 'id'));
    const exprs = cols.map((c) => cloneExpr(table, c, courts));
    return `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${exprs.join(', ')} FROM ${table} t, ${series(from, to)} WHERE t.${caseColumn} = ${quote(caseId)}`;
  });
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Clones case `caseId` `n` times into `courts` courts (`tj-bench-0`…), `batch` clones per transaction. */
export async function cloneCases(
  store: CaseStore,
  pgUrl: string | undefined,
  caseId: string,
  n: number,
  courts: number,
  progress: (done: number) => void,
  batch = 50_000,
  /** Clones already made (their numbers are 1…start). */
  start = 0,
): Promise<void> {
  if (store instanceof SqliteCaseStore) {
    const db = SqliteCaseStore.inner(store).sqlite;
    const columnsOf = (t: string) => (db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name);
    const series = (from: number, to: number) =>
      `(WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${to}) SELECT i FROM s) g`;
    for (let from = start + 1; from <= start + n; from += batch) {
      const to = Math.min(start + n, from + batch - 1);
      const run = db.transaction(() => {
        for (const s of statements(columnsOf, series, caseId, from, to, courts, quote)) db.exec(s);
      });
      run();
      progress(to);
    }
    return;
  }
  if (!pgUrl) throw new Error('URL PostgreSQL manquante.');
  await withPg(pgUrl, async (c) => {
    const cols = new Map<string, string[]>();
    for (const { table } of TABLES) {
      const r = await c.query(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [table],
      );
      cols.set(
        table,
        r.rows.map((x: { column_name: string }) => x.column_name),
      );
    }
    const series = (from: number, to: number) => `generate_series(${from}, ${to}) AS g(i)`;
    for (let from = start + 1; from <= start + n; from += batch) {
      const to = Math.min(start + n, from + batch - 1);
      await c.query('BEGIN');
      for (const s of statements((t) => cols.get(t) ?? [], series, caseId, from, to, courts, quote))
        await c.query(s);
      await c.query('COMMIT');
      progress(to);
    }
    await c.query('ANALYZE');
  });
}
