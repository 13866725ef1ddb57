/** Bounds the server applies to form data, shared with the web app (no dependency: the browser bundle imports it). */

/**
 * The longest text the server accepts in a field whose schema sets no `maxLength` (characters):
 * without it, a 20 MB text would be kept in the append-only journal for ever. Published versions
 * written before the `unbounded-string` check (docs/diagnostics.md) rely on it; new ones say their own.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 5000;
