/**
 * What a citizen typed into a server-rendered form (the eligibility
 * questionnaire that works without JavaScript, runtime/api/eligibility-page.ts)
 * before the app's script arrived: read once, just before the app replaces the
 * server's markup, and handed to the page that takes over, so a slow line
 * loses nothing. The values are the form's raw strings; the page turns them
 * into answers with its schema (`answersFromEntries`, forms/posted-answers.ts,
 * the server's own reading).
 */

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

export { answersFromEntries } from '../../../posted-answers.ts';
