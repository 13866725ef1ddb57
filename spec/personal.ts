/**
 * Which values of a case are personal data, read from the procedure's forms
 * (issue 17, crypto-shredding): the runtime encrypts them with the case's key
 * and erases them by destroying it at the end of the retention (`retention:`).
 *
 * The rule, the same one the connectors use to find a party's contact
 * (runtime/connectors/contacts.ts): a free-text field (`type: string`, no
 * list of values) is personal when its schema says `format: email`, or its
 * title names a telephone, an address, a first name or a surname (« Nom »,
 * « Nom de famille », « Nom d'usage » — not « Nom de la banque »). A legal
 * person's name (« Dénomination »), a SIREN, dates, amounts and the
 * statements of the case (motifs, observations…) are not: they are what the
 * case is about and stay readable for the archives. A fact is personal where
 * the field it is recorded `from:` is. The journal items the runtime writes
 * itself name a person in `participant.name` (opening) and `name` (joining).
 */
import type { Procedure } from './model.ts';

/** Where the personal values are in a JSON value: `true` the value itself; else by key (`[]`: each item of an array). */
export type PersonalMask = true | { readonly [key: string]: PersonalMask };

type Schema = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const PERSONAL_TITLE = [
  /t[ée]l[ée]phone/i,
  /adresse/i,
  /^pr[ée]noms?\b/i,
  /^nom(\s+de\s+famille|\s+d['’]usage|\s+de\s+naissance)?$/i,
];

/** Whether one field's schema holds personal data (the rule above). */
export function isPersonalField(s: unknown): boolean {
  if (!isObj(s) || s.type !== 'string' || 'enum' in s || 'oneOf' in s || 'const' in s) return false;
  if (s.format === 'email') return true;
  const title = typeof s.title === 'string' ? s.title.trim() : '';
  return PERSONAL_TITLE.some((r) => r.test(title));
}

/** The personal values of data valid against `schema`; undefined when there are none. */
export function personalMaskOf(schema: unknown): PersonalMask | undefined {
  if (isPersonalField(schema)) return true;
  if (!isObj(schema)) return undefined;
  const out: Record<string, PersonalMask> = {};
  if (isObj(schema.properties)) {
    for (const [k, s] of Object.entries(schema.properties)) {
      const m = personalMaskOf(s);
      if (m) out[k] = m;
    }
  }
  if (isObj(schema.items)) {
    const m = personalMaskOf(schema.items);
    if (m) out['[]'] = m;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The part of `mask` at form field path `path` (`a.b` or `/a/b`, as `record: from:` writes it). */
function maskAt(mask: PersonalMask | undefined, path: string): PersonalMask | undefined {
  let m = mask;
  for (const k of path.startsWith('/') ? path.slice(1).split('/') : path.split('.')) {
    if (m === undefined || m === true) return m;
    m = m[k];
  }
  return m;
}

export interface ProcedurePersonal {
  /** The personal values of the data filed with transition `index`. */
  readonly transition: ReadonlyMap<number, PersonalMask>;
  /** The personal facts, with where their personal values are. */
  readonly facts: ReadonlyMap<string, PersonalMask>;
}

const cache = new WeakMap<Procedure, ProcedurePersonal>();

/** The personal values of a procedure version's filings and facts (computed once per loaded procedure). */
export function procedurePersonal(p: Procedure): ProcedurePersonal {
  const known = cache.get(p);
  if (known) return known;
  const transition = new Map<number, PersonalMask>();
  const facts = new Map<string, PersonalMask>();
  for (const [i, t] of p.transitions.entries()) {
    const form = t.form !== undefined ? p.forms[t.form] : undefined;
    const mask = form ? personalMaskOf(form.schema) : undefined;
    if (!mask) continue;
    transition.set(i, mask);
    for (const e of t.effects) {
      if (e.kind !== 'record' || 'value' in e) continue;
      const m = maskAt(mask, e.from);
      if (m) facts.set(e.fact, m);
    }
  }
  const out = { transition, facts };
  cache.set(p, out);
  return out;
}

/** The journal data the runtime writes itself: the person who opened or joined the case. */
export const OPENING_MASK: PersonalMask = { participant: { name: true } };
export const JOINING_MASK: PersonalMask = { name: true };
