/**
 * The DSFR fonts, asked for once the first page has its data: until then the
 * text shows in the fallback font (Arial), so the fonts never compete with the
 * script and data a person on a slow line is waiting for, nor with the form
 * validator that follows them (`fontsAfter`).
 */
let requested = false;
/** What must come before the fonts (the form validator, lib/ajv-loader.ts): the slow line's bandwidth is theirs first. */
const before: Promise<unknown>[] = [];

export function fontsAfter(p: Promise<unknown>): void {
  before.push(p);
}

export function loadFontsOnce(): void {
  if (requested) return;
  requested = true;
  void Promise.allSettled(before).then(appendFonts);
}

function appendFonts(): void {
  const href = document.querySelector<HTMLMetaElement>('meta[name="greffe-fonts"]')?.content;
  if (!href) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
