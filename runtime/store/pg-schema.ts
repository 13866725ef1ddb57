/**
 * The PostgreSQL tables, derived from the one schema description (schema.ts,
 * identity-schema.ts): same tables, columns, nullability, defaults, keys,
 * indexes (partial ones with their condition) and foreign keys. Types map as
 * text → text, integer → bigint (epoch milliseconds do not fit in 32 bits;
 * read back as JS numbers), boolean → boolean, an integer primary key → an
 * identity. drizzle-kit reads this file to write the PostgreSQL migrations
 * (drizzle.pg.config.ts); a test checks that every SQLite table has its
 * PostgreSQL twin (pg-store.test.ts).
 */
import { Column, is, SQL } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  foreignKey,
  index,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as identity from './identity-schema.ts';
import * as s from './schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: the derived tables' columns are known at run time only (row types come from schema.ts).
export type PgTableOf = PgTableWithColumns<any>;

const derived = new Map<string, PgTableOf>();

/** The PostgreSQL column of a SQLite one. */
function columnOf(c: SQLiteColumn): PgColumnBuilderBase {
  let b: PgColumnBuilderBase;
  if (c.columnType === 'SQLiteText') b = text(c.name);
  else if (c.columnType === 'SQLiteBoolean') b = boolean(c.name);
  else if (c.columnType === 'SQLiteInteger') {
    const n = bigint(c.name, { mode: 'number' });
    b = c.primary ? n.primaryKey().generatedByDefaultAsIdentity() : n;
  } else throw new Error(`Colonne ${c.name} : type ${c.columnType} sans équivalent PostgreSQL.`);
  const any = b as unknown as {
    notNull(): unknown;
    primaryKey(): unknown;
    default(v: unknown): unknown;
  };
  if (c.primary && c.columnType !== 'SQLiteInteger') any.primaryKey();
  else if (c.notNull && !c.primary) any.notNull();
  if (c.hasDefault && c.default !== undefined) any.default(c.default);
  return b;
}

/** The table derived from SQLite table `t` (its foreign keys resolved lazily by table name). */
export function pgTableOf(t: SQLiteTable): PgTableOf {
  const config = getTableConfig(t);
  const columns: Record<string, PgColumnBuilderBase> = {};
  const keyOf = new Map<string, string>();
  for (const [key, col] of Object.entries(t as unknown as Record<string, unknown>)) {
    if (is(col, Column)) {
      columns[key] = columnOf(col as SQLiteColumn);
      keyOf.set((col as SQLiteColumn).name, key);
    }
  }
  const table = pgTable(config.name, columns, (pg) => {
    const col = (c: { name: string }) => pg[keyOf.get(c.name) as string] as AnyPgColumn;
    /** An index condition, its SQLite columns swapped for these. */
    const where = (w: SQL) => new SQL(w.queryChunks.map((ch) => (is(ch, Column) ? col(ch as Column) : ch)));
    return [
      ...config.indexes.map((i) => {
        const { name, unique, columns: on, where: cond } = i.config;
        const cols = (on as Column[]).map(col) as [AnyPgColumn, ...AnyPgColumn[]];
        const built = (unique ? uniqueIndex(name) : index(name)).on(...cols);
        return cond ? built.where(where(cond)) : built;
      }),
      ...config.primaryKeys.map((pk) =>
        primaryKey({ columns: pk.columns.map(col) as [AnyPgColumn, ...AnyPgColumn[]] }),
      ),
      ...config.foreignKeys.map((fk) => {
        const r = fk.reference();
        const target = getTableConfig(r.foreignTable).name;
        return foreignKey({
          columns: r.columns.map(col) as [AnyPgColumn, ...AnyPgColumn[]],
          foreignColumns: r.foreignColumns.map((c) => {
            const other = derived.get(target);
            if (!other) throw new Error(`Table ${target} non dérivée pour PostgreSQL.`);
            const key = Object.keys(r.foreignTable).find(
              (k) => (r.foreignTable as unknown as Record<string, { name?: string }>)[k]?.name === c.name,
            );
            return other[key as string] as AnyPgColumn;
          }) as [AnyPgColumn, ...AnyPgColumn[]],
        });
      }),
    ];
  }) as PgTableOf;
  derived.set(config.name, table);
  return table;
}

export const cases = pgTableOf(s.cases);
export const users = pgTableOf(s.users);
export const participants = pgTableOf(s.participants);
export const invitations = pgTableOf(s.invitations);
export const journalEvents = pgTableOf(s.journalEvents);
export const documents = pgTableOf(s.documents);
export const deadlines = pgTableOf(s.deadlines);
export const outbox = pgTableOf(s.outbox);
export const deliveries = pgTableOf(s.deliveries);
export const sessions = pgTableOf(s.sessions);
export const idempotencyKeys = pgTableOf(s.idempotencyKeys);
export const drafts = pgTableOf(s.drafts);
export const counters = pgTableOf(s.counters);
export const logLeaves = pgTableOf(s.logLeaves);
export const checkpoints = pgTableOf(s.checkpoints);
export const caseKeys = pgTableOf(s.caseKeys);
export const noticeReads = pgTableOf(s.noticeReads);
export const receipts = pgTableOf(s.receipts);
export const providerMessages = pgTableOf(s.providerMessages);
export const authSessions = pgTableOf(identity.authSessions);
export const loginCodes = pgTableOf(identity.loginCodes);
export const disabledUsers = pgTableOf(identity.disabledUsers);
export const signatureCodes = pgTableOf(identity.signatureCodes);
export const calendarFeeds = pgTableOf(identity.calendarFeeds);

/** Every SQLite table of the description, for the parity test. */
export const SQLITE_TABLES: readonly SQLiteTable[] = [s, identity].flatMap((m) =>
  Object.values(m).filter((v): v is SQLiteTable => is(v, SQLiteTable)),
);
