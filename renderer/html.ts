/** Escaping for HTML and SVG text and attributes. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML/XML element or a double-quoted attribute. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

/** A URL-safe anchor from an id ("phase-instruction"). */
export const anchor = (s: string): string => s.replace(/[^a-zA-Z0-9_-]/g, '-');
