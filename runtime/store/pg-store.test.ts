/**
 * The PostgreSQL store on a real server (GREFFE_TEST_DB; skipped without it,
 * run by .ci/run): its tables are the one schema description's, an event is
 * written whole or not at all, exactly one of two concurrent events at the
 * same version wins, and the transparency log takes every journal item once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { rulesGuards } from '../engine/guards.ts';
import { transition } from '../engine/transition.ts';
import { openCaseFor } from '../service/open-case.ts';
import { countsOf } from '../../test/helpers/db.ts';
import { type LocalRuntime, localRuntime, MEDIATION, MEDIATRICE } from '../../test/helpers/runtime.ts';
import { auditDatabase } from '../audit/verify.ts';
import { type Accepted, VersionConflict } from './case-store.ts';
import { openAuditSource } from './open-any.ts';
import { testPgUrl, withPg } from './pg-testing.ts';
import { withSqliteFile } from './sqlite-inspect.ts';
import { openSqliteStore } from './sqlite-store.ts';

const p = loadProcedure(MEDIATION).procedure as Procedure;
let local: LocalRuntime;
let dir: string;

beforeAll(async () => {
  if (!testPgUrl()) return;
  local = await localRuntime();
  dir = mkdtempSync(join(tmpdir(), 'greffe-pg-'));
});
afterAll(async () => {
  await local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function accepted(caseId: string, event: string): Promise<Accepted> {
  const c = await local.store.getCase(caseId);
  if (!c) throw new Error('no case');
  const d = await transition(
    p,
    await local.store.caseSnapshot(c),
    { event, data: {}, expectedVersion: c.version, actor: { kind: 'user', id: 'm', roles: ['mediateur'] } },
    local.clock.now(),
    rulesGuards(p),
  );
  if (!d.ok) throw new Error(d.error.code);
  return d;
}

describe.skipIf(!testPgUrl())('the PostgreSQL store', () => {
  it('has the tables, columns, nullability and indexes of the SQLite store (one schema description)', async () => {
    const file = join(dir, 'twin.sqlite');
    await openSqliteStore(file).close();
    type Col = { table: string; column: string; notNull: boolean };
    const sqlite = withSqliteFile(file, (db) => {
      const tables = (
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      const cols = tables.flatMap((table) =>
        (
          db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; pk: number }[]
        ).map((c) => ({ table, column: c.name, notNull: c.notnull === 1 || c.pk > 0 })),
      );
      const indexes = (
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      return { cols, indexes };
    });
    const pg = await withPg(local.pgUrl as string, async (c) => {
      const cols = (
        await c.query(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns
            WHERE table_schema = 'public'`,
        )
      ).rows.map((r: { table_name: string; column_name: string; is_nullable: string }) => ({
        table: r.table_name,
        column: r.column_name,
        notNull: r.is_nullable === 'NO',
      }));
      const indexes = (
        await c.query(
          "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_pk'",
        )
      ).rows.map((r: { indexname: string }) => r.indexname);
      return { cols, indexes };
    });
    const key = (c: Col) => `${c.table}.${c.column}`;
    const sort = (cs: Col[]) => [...cs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(pg.cols)).toEqual(sort(sqlite.cols));
    expect(pg.indexes.sort()).toEqual(sqlite.indexes.sort());
  });

  it('writes an event whole or not at all, and lets one of two concurrent events at the same version win', async () => {
    const { rt, store } = local;
    const id = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
    const before = await countsOf({ dbFile: local.file, pgUrl: local.pgUrl });
    const d = await accepted(id, 'inviter_voisin');
    for (const failAfter of ['journal', 'effects', 'case'] as const) {
      await expect(
        store.commitEvent({ procedure: p, caseId: id, decision: d, actorId: 'm', failAfter }),
      ).rejects.toThrow(/échec simulé/);
      expect(await countsOf({ dbFile: local.file, pgUrl: local.pgUrl })).toEqual(before);
    }
    const both = await Promise.allSettled([
      store.commitEvent({ procedure: p, caseId: id, decision: d, actorId: 'm' }),
      store.commitEvent({ procedure: p, caseId: id, decision: d, actorId: 'm' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(VersionConflict);
    expect((await store.getCase(id))?.version).toBe(1);
    // `greffe audit verify` on the PostgreSQL database (read-only session): nothing to report.
    const opened = await openAuditSource(local.pgUrl as string, dirname(local.store.documentsDir));
    if (!opened.ok) throw new Error(opened.reason);
    try {
      const report = await auditDatabase(opened.source, { procedures: [p] });
      expect(report.findings).toEqual([]);
      expect(report.events).toBe((await countsOf({ dbFile: local.file, pgUrl: local.pgUrl })).journal_events);
    } finally {
      await opened.source.close();
    }
    // …and it names the case once its projection is edited behind the journal's back.
    await withPg(local.pgUrl as string, (c) =>
      c.query("UPDATE cases SET state = 'close_accord' WHERE id = $1", [id]),
    );
    const again = await openAuditSource(local.pgUrl as string, dirname(local.store.documentsDir));
    if (!again.ok) throw new Error(again.reason);
    try {
      const report = await auditDatabase(again.source, { procedures: [p] });
      expect(report.findings.map((f) => f.caseId)).toContain(id);
    } finally {
      await again.source.close();
    }
  });

  it('journals a receipt once per key (concurrent records too), and retries a dead letter', async () => {
    const { rt, store } = local;
    const id = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
    const before = await store.getCase(id);
    const receipt = {
      key: `poste:${id}`,
      caseId: id,
      event: 'acte.emis',
      label: 'Acte émis',
      data: { n: 1 },
      actorId: 'systeme',
      visibleTo: [],
      at: new Date().toISOString(),
      document: {
        id: `acte-${id}`,
        kind: 'acte',
        filename: 'a.pdf',
        mediaType: 'application/pdf',
        size: 3,
        sha256: 'a'.repeat(64),
      },
    };
    const both = await Promise.all([store.recordReceipt(receipt), store.recordReceipt(receipt)]);
    expect(both.map((r) => r.recorded).sort()).toEqual([false, true]);
    expect(both[0]?.seq).toBe(both[1]?.seq);
    const after = await store.getCase(id);
    expect(after?.journalSeq).toBe((before?.journalSeq ?? 0) + 1);
    expect(after?.version).toBe(before?.version);
    // The act's PDF is the case's, not the reducer's (origin `acte`).
    expect((await store.caseSnapshot(after as NonNullable<typeof after>)).documents).toEqual([]);

    const d = await accepted(id, 'inviter_voisin');
    await store.commitEvent({ procedure: p, caseId: id, decision: d, actorId: 'm' });
    const m = (await store.claimOutbox('9999-01-01T00:00:00.000Z', 100)).find((x) => x.caseId === id);
    if (!m) throw new Error('no message');
    await store.markOutbox(m.id, {
      status: 'failed',
      attempts: 8,
      error: 'refusé',
      availableAt: m.availableAt,
    });
    const dead = await store.deadLetters();
    expect(dead.map((x) => [x.id, x.reference])).toContainEqual([m.id, after?.reference]);
    expect(await store.retryOutbox(m.id, '2020-01-01T00:00:00.000Z')).toBe(true);
    expect(await store.retryOutbox(m.id, '2020-01-01T00:00:00.000Z')).toBe(false);
    expect(await store.outboxMessage(m.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      leaseOwner: null,
    });
    expect((await store.deadLetters()).map((x) => x.id)).not.toContain(m.id);
  });

  it('lists the produced documents whose act was never issued (issued at start)', async () => {
    const { rt, store } = local;
    const id = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
    await withPg(local.pgUrl as string, async (c) => {
      for (const [doc, origin] of [
        [`${id}-a`, 'production'],
        [`${id}-b`, 'production'],
        [`${id}-b-pdf`, 'acte'],
      ])
        await c.query(
          `INSERT INTO documents (id, case_id, kind, filename, media_type, size, sha256, origin, uploaded_at,
             uploaded_by, uploaded_by_role, journal_seq)
           VALUES ($1, $2, 'ordonnance', 'o.txt', 'text/plain', 1, $3, $4, '2027-01-01T00:00:00.000Z', 'm', 'mediateur', 1)`,
          [doc, id, 'b'.repeat(64), origin],
        );
    });
    expect((await store.unissuedProductions()).filter((d) => d.caseId === id)).toEqual([
      { caseId: id, kind: 'ordonnance', uploadedByRole: 'mediateur' },
    ]);
  });

  it('refuses to edit or delete the journal, and takes every journal item into the transparency log once', async () => {
    const { store } = local;
    await withPg(local.pgUrl as string, async (c) => {
      await expect(c.query("UPDATE journal_events SET actor_id = 'intrus'")).rejects.toThrow(/ajout seul/);
      await expect(c.query('DELETE FROM journal_events')).rejects.toThrow(/ajout seul/);
    });
    const journal = (await countsOf({ dbFile: local.file, pgUrl: local.pgUrl })).journal_events;
    expect(await store.extendLog()).toBe(journal);
    expect(await store.extendLog()).toBe(journal);
    const leaves = await store.logLeaves(0, journal);
    expect(leaves.map((l) => l.idx)).toEqual(Array.from({ length: journal }, (_, i) => i));
    expect(new Set(leaves.map((l) => l.journalId)).size).toBe(journal);
  });
});
