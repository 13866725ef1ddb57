/**
 * Valid data for a procedure's forms, for tests that fire every event: the
 * data the drafters' journeys fire each event with, a sample built from the
 * form's JSON Schema, and every variant of them that changes one top-level
 * answer with a finite set of values (enum, oneOf, boolean) — so that a
 * `when:` or a guard reading an answer meets each of its values. Only data the
 * form accepts is kept.
 */
import { validateFormData } from '../../forms/index.ts';
import type { Procedure } from '../../spec/index.ts';

/** The date every sample date field holds. */
export const SAMPLE_DATE = '2027-03-01';

type Schema = Readonly<Record<string, unknown>>;
type Data = Record<string, unknown>;

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strings tried against a `pattern` (identifiers, phone numbers, IBAN, postcodes). */
const PATTERN_CANDIDATES = [
  '123456789',
  '12345678901234',
  '+33 6 12 34 56 78',
  '0612345678',
  'FR7630006000011234567890189',
  '75001',
  'ABC-123',
];

/** The finite values an answer may take, or undefined. */
function domain(s: Schema): unknown[] | undefined {
  if ('const' in s) return [s.const];
  if (Array.isArray(s.enum)) return s.enum;
  if (Array.isArray(s.oneOf) && s.oneOf.every((o) => isObj(o) && 'const' in o))
    return s.oneOf.map((o) => (o as Schema).const);
  if (s.type === 'boolean') return [true, false];
  return undefined;
}

function sampleString(s: Schema): string {
  if (s.format === 'date') return SAMPLE_DATE;
  if (s.format === 'date-time') return '2027-03-01T10:00:00Z';
  if (s.format === 'email') return 'partie@exemple.fr';
  if (s.format === 'uri') return 'https://exemple.fr/';
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern);
    const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (hit) return hit;
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 1;
  const text = 'Texte de démonstration, rédigé pour les essais. '.repeat(Math.ceil(min / 40) + 1);
  return text.slice(0, Math.max(min, 30, Math.min(min, typeof s.maxLength === 'number' ? s.maxLength : 30)));
}

/** One value for `s`: its first allowed value, or a plausible one of its type. */
export function sampleOf(s: Schema): unknown {
  const values = domain(s);
  if (values) return s.type === 'boolean' && typeof s.default === 'boolean' ? s.default : values[0];
  switch (s.type) {
    case 'number':
    case 'integer':
      return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
    case 'string':
      return sampleString(s);
    case 'array': {
      const items = isObj(s.items) ? s.items : {};
      const n = Math.max(typeof s.minItems === 'number' ? s.minItems : 1, 1);
      const distinct = domain(items);
      return distinct ? distinct.slice(0, n) : Array.from({ length: n }, () => sampleOf(items));
    }
    case 'object': {
      const props = isObj(s.properties) ? s.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sampleOf(isObj(v) ? v : {})]));
    }
    default:
      return null;
  }
}

/** Every datum of `bases` with one top-level answer of finite domain changed to each of its values. */
function variants(schema: Schema, bases: readonly Data[]): Data[] {
  const props = isObj(schema.properties) ? schema.properties : {};
  const out: Data[] = [...bases];
  for (const base of bases) {
    for (const [k, s] of Object.entries(props)) {
      for (const v of (isObj(s) && domain(s)) || []) if (base[k] !== v) out.push({ ...base, [k]: v });
    }
  }
  return out;
}

/** Valid data to fire each event of `p` with ([{}] for an event without a form). */
export function formSamples(p: Procedure): Map<string, Data[]> {
  const fromJourneys = new Map<string, Data[]>();
  for (const f of p.tests)
    for (const j of f.journeys)
      for (const s of j.steps)
        if (s.event && s.data)
          fromJourneys.set(s.event, [...(fromJourneys.get(s.event) ?? []), { ...s.data }]);
  const out = new Map<string, Data[]>();
  for (const t of p.transitions) {
    if (out.has(t.event)) continue;
    const form = t.form ? p.forms[t.form] : undefined;
    if (!form) {
      out.set(t.event, [{}]);
      continue;
    }
    const built = sampleOf(form.schema as Schema) as Data;
    const bases = [...(fromJourneys.get(t.event) ?? []), built];
    const seen = new Set<string>();
    const valid = variants(form.schema as Schema, bases).filter((d) => {
      const key = JSON.stringify(d);
      if (seen.has(key)) return false;
      seen.add(key);
      return validateFormData(form, d).valid;
    });
    out.set(t.event, valid);
  }
  return out;
}
