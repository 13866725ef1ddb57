/**
 * The court on each deadline row (issue 17: the paged court queue reads the
 * index deadlines_court): the migration that adds the column fills it, for the
 * rows already there, with their case's court, on a SQLite file and on a
 * PostgreSQL database (under GREFFE_TEST_DB) made by the migrations before it.
 * (Rows written since carry it from the event's transaction: the paged queue's
 * own test, queue-page.test.ts, lists nothing otherwise.)
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

const CASE = (id: string, court: string) =>
  `INSERT INTO cases (id, reference, procedure_id, procedure_version, court, state, version, journal_seq, last_hash, facts, created_by, created_at, updated_at)
   VALUES ('${id}', NULL, 'p', '1', '${court}', 's', 0, 1, 'h', '{}', 'u', 'x', 'x')`;
const DEADLINE = (caseId: string, status: string, dueAt: string) =>
  `INSERT INTO deadlines (case_id, deadline, status, duration, started_at, start_date, due, due_at, explanation, started_seq)
   VALUES ('${caseId}', 'd', '${status}', 'P15D', 'x', '2027-03-01', '2027-03-16', '${dueAt}', 'x', 1)`;
const BEFORE = [
  CASE('a', 'tj-paris'),
  CASE('b', 'tj-lyon'),
  DEADLINE('a', 'running', '2027-03-16T22:59:59.999Z'),
  DEADLINE('a', 'stopped', '2027-03-10T22:59:59.999Z'),
  DEADLINE('b', 'running', '2027-03-12T22:59:59.999Z'),
];
const EXPECTED = [
  { case_id: 'a', court: 'tj-paris', status: 'running' },
  { case_id: 'a', court: 'tj-paris', status: 'stopped' },
  { case_id: 'b', court: 'tj-lyon', status: 'running' },
];

describe('the court of the deadline rows already there', () => {
  it('is filled from their case by the SQLite migration, NOT NULL, and indexed for the queue', () => {
    const dir = scratchDir('greffe-court-');
    const file = join(dir, 'g.sqlite');
    const old = new Database(file);
    migrate(drizzle({ client: old }), {
      migrationsFolder: migrationsBefore(MIGRATIONS_DIR, '0010_deadlines_court'),
    });
    for (const s of BEFORE) old.exec(s);
    old.close();
    const store = openStore(file);
    try {
      const db = store.sqlite;
      expect(db.prepare('SELECT case_id, court, status FROM deadlines ORDER BY id').all()).toEqual(EXPECTED);
      const col = (db.pragma('table_info(deadlines)') as { name: string; notnull: number }[]).find(
        (c) => c.name === 'court',
      );
      expect(col?.notnull).toBe(1);
      // The migration rebuilds the table: its other indexes are back, and the queue's scan uses the new one.
      const indexes = (db.pragma('index_list(deadlines)') as { name: string; partial: number }[])
        .filter((i) => i.partial === 1)
        .map((i) => i.name)
        .sort();
      expect(indexes).toEqual(['deadlines_court', 'deadlines_due', 'deadlines_running']);
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM deadlines WHERE status = 'running' AND court = ? AND due_at > ? ORDER BY due_at, id LIMIT 50`,
        )
        .all('tj-paris', '') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX deadlines_court /);
    } finally {
      store.close();
    }
  });

  it.skipIf(!testPgUrl())('is filled from their case by the PostgreSQL migration, NOT NULL', async () => {
    const fresh = await freshDatabase();
    try {
      await withPg(fresh.url, async (c) => {
        await pgMigrate(pgDrizzle({ client: c }), {
          migrationsFolder: migrationsBefore(PG_MIGRATIONS_DIR, '0005_deadlines_court'),
        });
        for (const s of BEFORE) await c.query(s);
      });
      const h = await openPg(fresh.url);
      try {
        const rows = await h.pool.query('SELECT case_id, court, status FROM deadlines ORDER BY id');
        expect(rows.rows).toEqual(EXPECTED);
        const col = await h.pool.query(
          `SELECT is_nullable FROM information_schema.columns WHERE table_name = 'deadlines' AND column_name = 'court'`,
        );
        expect(col.rows).toEqual([{ is_nullable: 'NO' }]);
        const index = await h.pool.query(
          `SELECT indexdef FROM pg_indexes WHERE tablename = 'deadlines' AND indexname = 'deadlines_court'`,
        );
        expect(index.rows[0]?.indexdef).toMatch(/\(court, due_at, id\) WHERE \(status = 'running'::text\)/);
      } finally {
        await h.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
