/**
 * The store's hot queries answer and write exactly as drizzle's own prepared
 * queries do: each one is run both ways on a real file holding a case that
 * went through the engine, and the results (or the database after a write)
 * are compared.
 */
import { eq, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraft } from '../service/drafts.ts';
import { fireEvent } from '../service/fire-event.ts';
import { openCaseFor } from '../service/open-case.ts';
import { fastPrepared } from './fast-prepared.ts';
import type { Store } from './open.ts';
import { prepareQueries, preparedQueries, type Queries } from './queries.ts';
import { SqliteCaseStore } from './sqlite-store.ts';
import { testPgUrl } from './pg-testing.ts';
import { type LocalRuntime, localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';

const caller = MEDIATRICE;
type Prepared = {
  run(v: object): unknown;
  get(v: object): unknown;
  all(v: object): unknown;
  values(v: object): unknown;
};

// The hand-prepared statements are SQLite's (better-sqlite3); PostgreSQL runs drizzle's own queries.
describe.skipIf(testPgUrl() !== undefined)('fast prepared queries', () => {
  let store: Store;
  let fast: Queries;
  let plain: Queries;
  let caseId: string;
  let deadlineId: number;

  let local: LocalRuntime;
  beforeAll(async () => {
    local = await localRuntime();
    const { rt } = local;
    if (!(local.store instanceof SqliteCaseStore)) throw new Error('test propre à SQLite');
    store = SqliteCaseStore.inner(local.store);
    caseId = await openCaseFor(rt, caller, { procedure: 'mediation' });
    await fireEvent(
      rt,
      caller,
      caseId,
      { event: 'inviter_voisin', data: {}, expectedVersion: 0 },
      'cle-fast-1',
    );
    await fireEvent(
      rt,
      caller,
      caseId,
      { event: 'inviter_voisin', data: {}, expectedVersion: 1 },
      'cle-fast-2',
    );
    await saveDraft(rt, caller, caseId, { note: 'brouillon' });
    store.sqlite
      .prepare(
        "INSERT INTO documents (id, case_id, kind, filename, media_type, size, sha256, origin, uploaded_at, uploaded_by, journal_seq) VALUES ('d1', ?, 'piece', 'a.pdf', 'application/pdf', 3, 'abc', 'depot', '2027-03-01T09:00:00.000Z', 'm', 1)",
      )
      .run(caseId);
    deadlineId = (store.sqlite.prepare('SELECT max(id) AS id FROM deadlines').get() as { id: number }).id;
    fast = prepareQueries(store.db);
    plain = preparedQueries(store.db);
  });
  afterAll(() => local.close());

  const names = () => Object.keys(plain) as (keyof Queries)[];
  const readers = () => names().filter((n) => !/^(insert|move|touch|end)/.test(n));
  const writers = () => names().filter((n) => /^(insert|move|touch|end)/.test(n));

  it('reads the same rows, decoded the same, with every set of values', () => {
    const sets = [
      { id: caseId, caseId, role: 'requerant_voisin', name: 'delai_reponse', userId: 'm', key: 'cle-fast-1' },
      { id: String(deadlineId), caseId, now: '2099-01-01T00:00:00.000Z', court: 'tj' },
      { id: deadlineId, caseId, now: '2000-01-01T00:00:00.000Z', court: 'tj' },
      { id: 'inconnue', caseId: 'inconnue', now: '2027-03-01T09:00:00.000Z', court: 'autre' },
    ];
    let nonEmpty = 0;
    for (const n of readers()) {
      for (const values of sets) {
        const want = values as Record<string, unknown>;
        const missing = (plain[n] as unknown as { query: { params: { name?: string }[] } }).query.params.some(
          (p) => p.name !== undefined && !(p.name in want),
        );
        if (missing) continue;
        const [a, b] = [plain[n], fast[n]] as unknown as Prepared[];
        const all = (a as Prepared).all(values);
        expect((b as Prepared).all(values), `${n} all`).toEqual(all);
        expect((b as Prepared).get(values), `${n} get`).toEqual((a as Prepared).get(values));
        expect((b as Prepared).values(values), `${n} values`).toEqual((a as Prepared).values(values));
        if ((all as unknown[]).length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(12); // the comparison saw real rows
  });

  it('writes the same rows', () => {
    const values = {
      caseId,
      seq: 9,
      kind: 'transition',
      event: 'inviter_voisin',
      transitionIndex: 0,
      fromState: 'ouverte',
      toState: 'ouverte',
      actorId: 'm',
      actorRole: 'mediateur',
      at: '2027-03-02T09:00:00.000Z',
      data: '{}',
      dataSha256: 'x',
      documents: '[]',
      visibleTo: '[]',
      specId: 'mediation',
      specVersion: '1.0.0',
      caseVersion: 9,
      prevHash: 'p',
      hash: 'h',
      id: caseId,
      state: 'close_echec',
      version: 3,
      facts: '{"a":1}',
      closedAt: null,
      expectedVersion: 2,
      deadline: 'delai_reponse',
      party: 'requerant_voisin',
      court: 'tj-exemple',
      duration: 'P15D',
      startedAt: '2027-03-02T09:00:00.000Z',
      startDate: '2027-03-02',
      due: '2027-03-17',
      dueAt: '2027-03-17T23:00:00.000Z',
      explanation: 'e',
      startedSeq: 9,
      status: 'stopped',
      connector: 'courriel',
      recipientRole: 'mediateur',
      recipientUser: 'm',
      payload: '{}',
      dedupeKey: 'k-fast',
      availableAt: '2027-03-02T09:00:00.000Z',
      deadlineId: null,
      createdAt: '2027-03-02T09:00:00.000Z',
      userId: 'm',
      key: 'cle-fast-3',
      requestSha256: 'r',
      response: '{}',
      role: 'requerant_voisin',
      name: 'Voisin',
      codeHash: 'c',
    };
    const tables = (
      store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    const dump = () => tables.map((t) => store.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all());
    /** The database after `write`, then undone. */
    const written = (write: () => unknown) => {
      store.sqlite.exec('SAVEPOINT compare');
      try {
        const out = write();
        return { out, rows: dump() };
      } finally {
        store.sqlite.exec('ROLLBACK TO compare; RELEASE compare');
      }
    };
    const before = dump();
    for (const n of writers()) {
      for (const v of [values, { ...values, id: deadlineId }]) {
        const a = written(() => (plain[n] as unknown as Prepared).run(v));
        const b = written(() => (fast[n] as unknown as Prepared).run(v));
        expect(b.rows, n).toEqual(a.rows);
        expect(b.out, n).toEqual(a.out);
      }
      expect(dump()).toEqual(before);
    }
  });

  it('encodes and decodes typed columns (json, boolean) as drizzle does', () => {
    store.sqlite.exec('CREATE TABLE typed (id INTEGER PRIMARY KEY, flag INTEGER, meta TEXT)');
    const typed = sqliteTable('typed', {
      id: integer('id').primaryKey(),
      flag: integer('flag', { mode: 'boolean' }),
      meta: text('meta', { mode: 'json' }),
    });
    const insert = () =>
      store.db
        .insert(typed)
        .values({ id: sql.placeholder('id'), flag: sql.placeholder('flag'), meta: sql.placeholder('meta') })
        .prepare();
    const select = () =>
      store.db
        .select()
        .from(typed)
        .where(eq(typed.id, sql.placeholder('id')))
        .prepare();
    insert().run({ id: 1, flag: true, meta: { a: [1, 2] } });
    fastPrepared(insert()).run({ id: 2, flag: true, meta: { a: [1, 2] } });
    const raw = store.sqlite.prepare('SELECT flag, meta FROM typed ORDER BY id').all();
    expect(raw).toEqual([
      { flag: 1, meta: '{"a":[1,2]}' },
      { flag: 1, meta: '{"a":[1,2]}' },
    ]);
    expect(fastPrepared(select()).get({ id: 2 })).toEqual({ id: 2, flag: true, meta: { a: [1, 2] } });
    expect(select().get({ id: 1 })).toEqual({ id: 1, flag: true, meta: { a: [1, 2] } }); // drizzle's own
  });

  it('refuses a missing value as drizzle does', () => {
    expect(() => (fast.caseById as unknown as Prepared).get({})).toThrow(/No value for placeholder "id"/);
  });
});
