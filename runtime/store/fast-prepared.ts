/**
 * drizzle's prepared queries with their per-call bookkeeping done once.
 *
 * Each call of a drizzle prepared query (0.45) walks its parameter list with
 * `is()` entity checks to fill the placeholders, and each result row through
 * `mapResultRow`, which checks every field's kind again to find its decoder.
 * On an event's ~20 statements that was ~8 % of the engine's CPU
 * (bench/runtime.bench.ts, --cpu-prof: `is`, `fillPlaceholders`,
 * `mapResultRow`). Here the parameter getters and the column decoders are
 * worked out once per query, with drizzle's own rules; the statement, its SQL
 * and the values it returns are drizzle's (test: fast-prepared.test.ts runs
 * every hot query both ways and compares). drizzle's query logger is not
 * called on this path (the store configures none).
 */
import { Column, is, Placeholder, SQL, Subquery } from 'drizzle-orm';
import { Param } from 'drizzle-orm/sql/sql';
import type { Statement } from 'better-sqlite3';

/** The parts of drizzle's better-sqlite3 PreparedQuery read here (drizzle-orm/better-sqlite3/session.js). */
interface DrizzlePrepared {
  stmt: Statement;
  query: { sql: string; params: unknown[] };
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
  joinsNotNullableMap?: unknown;
  run(values?: Record<string, unknown>): unknown;
  all(values?: Record<string, unknown>): unknown;
  get(values?: Record<string, unknown>): unknown;
  values(values?: Record<string, unknown>): unknown;
}

type Getter = (values: Record<string, unknown>) => unknown;
interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

function placeholderValue(name: string): Getter {
  return (values) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    return values[name];
  };
}

/** drizzle's `fillPlaceholders`, decided once per parameter. */
function getterOf(p: unknown): Getter {
  if (is(p, Placeholder)) return placeholderValue(p.name);
  if (is(p, Param) && is(p.value, Placeholder)) {
    const get = placeholderValue(p.value.name);
    const encoder = p.encoder as { mapToDriverValue(v: unknown): unknown };
    return (values) => encoder.mapToDriverValue(get(values));
  }
  return () => p;
}

/** drizzle's decoder choice in `mapResultRow` for a selected field. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, Subquery)) return (field as unknown as { _: { sql: { decoder: Decoder } } })._.sql.decoder;
  return (field as { sql: { decoder: Decoder } }).sql.decoder; // SQL.Aliased
}

/**
 * Makes `query`'s run/get/all/values skip drizzle's per-call checks; returns it.
 * Queries whose rows drizzle maps in nested objects (joins selected by
 * table) keep drizzle's row mapping and only get the faster parameters.
 */
export function fastPrepared<T>(query: T): T {
  const pq = query as unknown as DrizzlePrepared;
  const getters = pq.query.params.map(getterOf);
  const params = (values: Record<string, unknown> = {}) => {
    const out = new Array<unknown>(getters.length);
    for (let i = 0; i < getters.length; i++) out[i] = (getters[i] as Getter)(values);
    return out;
  };
  const { stmt } = pq;
  pq.run = (values) => stmt.run(...params(values));
  pq.values = (values) => stmt.raw(true).all(...params(values));
  const fields = pq.fields;
  if (!fields && !pq.customResultMapper) {
    pq.get = (values) => stmt.raw(false).get(...params(values));
    pq.all = (values) => stmt.raw(false).all(...params(values));
    return query;
  }
  const flat = fields && !pq.customResultMapper && fields.every((f) => f.path.length === 1);
  if (!flat) return query;
  const names = fields.map((f) => f.path[0] as string);
  const decoders = fields.map((f) => decoderOf(f.field));
  const toObject = (row: unknown[]) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const raw = row[i];
      o[names[i] as string] = raw === null ? null : (decoders[i] as Decoder).mapFromDriverValue(raw);
    }
    return o;
  };
  pq.get = (values) => {
    const row = stmt.raw(true).get(...params(values)) as unknown[] | undefined;
    return row ? toObject(row) : undefined;
  };
  pq.all = (values) => (stmt.raw(true).all(...params(values)) as unknown[][]).map(toObject);
  return query;
}

/** `fastPrepared` on every query of a set. */
export function fastAll<T extends Record<string, unknown>>(queries: T): T {
  for (const q of Object.values(queries)) fastPrepared(q);
  return queries;
}
