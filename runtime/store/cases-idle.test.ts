/**
 * The count of running deadlines on each case row (issue 17: the court's
 * « sans délai » queue reads the partial index cases_idle): the migration
 * that adds the column counts them for the rows already there, on a SQLite
 * file and on a PostgreSQL database (under GREFFE_TEST_DB) made by the
 * migrations before it; the queue's scan reads that index. (Rows written
 * since keep it from the event's transaction: service/idle-page.test.ts.)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openStore } from './open.ts';
import { openPg, PG_MIGRATIONS_DIR } from './pg-open.ts';
import { freshDatabase, testPgUrl, withPg } from './pg-testing.ts';
import { migrationsBefore, scratchDir } from '../../test/helpers/migrations.ts';

const CASE = (id: string) =>
  `INSERT INTO cases (id, reference, procedure_id, procedure_version, court, state, version, journal_seq, last_hash, facts, created_by, created_at, updated_at)
   VALUES ('${id}', 'RG ${id}', 'p', '1', 'tj', 's', 0, 1, 'h', '{}', 'u', 'x', 'x')`;
const DEADLINE = (caseId: string, status: string) =>
  `INSERT INTO deadlines (case_id, court, deadline, status, duration, started_at, start_date, due, due_at, explanation, started_seq)
   VALUES ('${caseId}', 'tj', 'd', '${status}', 'P15D', 'x', '2027-03-01', '2027-03-16', '2027-03-16T22:59:59.999Z', 'x', 1)`;
const BEFORE = [
  CASE('a'),
  CASE('b'),
  CASE('c'),
  DEADLINE('a', 'running'),
  DEADLINE('a', 'running'),
  DEADLINE('a', 'stopped'),
  DEADLINE('b', 'expired'),
  DEADLINE('c', 'running'),
];
const EXPECTED = [
  { id: 'a', running_deadlines: 2 },
  { id: 'b', running_deadlines: 0 },
  { id: 'c', running_deadlines: 1 },
];

describe('the count of running deadlines of the cases already there', () => {
  it('is counted by the SQLite migration, and the « sans délai » scan reads cases_idle', () => {
    const dir = scratchDir('greffe-idle-');
    const file = join(dir, 'g.sqlite');
    const old = new Database(file);
    migrate(drizzle({ client: old }), {
      migrationsFolder: migrationsBefore(MIGRATIONS_DIR, '0011_cases_idle'),
    });
    for (const s of BEFORE) old.exec(s);
    old.close();
    const store = openStore(file);
    try {
      const db = store.sqlite;
      expect(db.prepare('SELECT id, running_deadlines FROM cases ORDER BY id').all()).toEqual(EXPECTED);
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.id, c.updated_at FROM cases c WHERE c.court = ?
             AND c.closed_at IS NULL AND c.running_deadlines = 0 AND c.reference IS NOT NULL
             AND c.updated_at > ? ORDER BY c.updated_at, c.id LIMIT 50`,
        )
        .all('tj', '') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX cases_idle /);
      expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    } finally {
      store.close();
    }
  });

  it.skipIf(!testPgUrl())('is counted by the PostgreSQL migration, and indexed for the queue', async () => {
    const fresh = await freshDatabase();
    try {
      await withPg(fresh.url, async (c) => {
        await pgMigrate(pgDrizzle({ client: c }), {
          migrationsFolder: migrationsBefore(PG_MIGRATIONS_DIR, '0006_cases_idle'),
        });
        for (const s of BEFORE) await c.query(s);
      });
      const h = await openPg(fresh.url);
      try {
        const rows = await h.pool.query(
          'SELECT id, running_deadlines::int AS running_deadlines FROM cases ORDER BY id',
        );
        expect(rows.rows).toEqual(EXPECTED);
        const index = await h.pool.query(
          `SELECT indexdef FROM pg_indexes WHERE tablename = 'cases' AND indexname = 'cases_idle'`,
        );
        expect(index.rows[0]?.indexdef).toMatch(
          /\(court, updated_at, id\) WHERE \(\(closed_at IS NULL\) AND \(running_deadlines = 0\) AND \(reference IS NOT NULL\)\)/,
        );
      } finally {
        await h.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
