/**
 * What a citizen typed into a server-rendered form (the eligibility
 * questionnaire that works without JavaScript, runtime/api/eligibility-page.ts)
 * before the app's script arrived: read once, just before the app replaces the
 * server's markup, and handed to the page that takes over, so a slow line
 * loses nothing. The values are the form's raw strings; the page turns them
 * into answers with its schema (`answersFromEntries`).
 */

import { parseFrenchNumber } from '../renderers/french-number.ts';
import { CHANGE } from './router.ts';

/** The server's form: `data-greffe-serveur` on the <form>, `data-greffe-evalue` once it has answered. */
const SELECTOR = 'form[data-greffe-serveur]';

export interface ServerForm {
  /** The path the form was on: only that page takes it over. */
  readonly path: string;
  /** Field name → the values posted under it (several for checkboxes). */
  readonly entries: ReadonlyMap<string, readonly string[]>;
  /** The server had already answered these values (a result or the questions still missing shown). */
  readonly evaluated: boolean;
}

let captured: ServerForm | null = null;

/**
 * Reads the server's form, if the page has one, and reads it again on every
 * change until the app has replaced it (React mounts a task later: a key
 * pressed in between is kept too). Call it before the app mounts over `#app`.
 */
export function captureServerForm(doc: Document = document): void {
  const form = doc.querySelector<HTMLFormElement>(SELECTOR);
  if (!form) return;
  const read = () => {
    const entries = new Map<string, string[]>();
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== 'string') continue; // No file fields in these forms.
      entries.set(name, [...(entries.get(name) ?? []), value]);
    }
    captured = { path: doc.location.pathname, entries, evaluated: form.hasAttribute('data-greffe-evalue') };
  };
  read();
  form.addEventListener('input', read);
  form.addEventListener('change', read);
  // Once the citizen has moved on inside the app, a later visit starts from the app's own memory.
  const forget = () => {
    captured = null;
  };
  window.addEventListener('popstate', forget, { once: true });
  window.addEventListener(CHANGE, forget, { once: true });
}

/** The captured form when it was on `path` (and not taken over yet). */
export const serverForm = (path: string): ServerForm | null => (captured?.path === path ? captured : null);

interface FieldSchema {
  readonly type?: string | readonly string[];
}

const typesOf = (s: FieldSchema): readonly string[] =>
  Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];

/**
 * The answers the entries give, typed as the schema's properties want them
 * (the server reads its post the same way): numbers written the French way
 * (« 1 200,50 »), booleans from "true"/"false", arrays from checkboxes; an
 * empty field is not an answer. A number that does not read stays text, for
 * the form to point out.
 */
export function answersFromEntries(
  properties: Readonly<Record<string, FieldSchema>>,
  entries: ReadonlyMap<string, readonly string[]>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const raw = entries.get(name);
    if (!raw) continue;
    const t = typesOf(schema);
    if (t.includes('array')) {
      if (raw.length > 0) answers[name] = [...raw];
      continue;
    }
    const v = (raw[0] ?? '').trim();
    if (v === '') continue;
    if (t.includes('number') || t.includes('integer')) {
      const n = parseFrenchNumber(v);
      answers[name] = n !== undefined && Number.isFinite(n) ? n : v;
    } else if (t.includes('boolean')) {
      if (v === 'true' || v === 'false') answers[name] = v === 'true';
    } else answers[name] = v;
  }
  return answers;
}
