/**
 * The DSFR fonts, asked for once the first page has its data: until then the
 * text shows in the fallback font (Arial), so the fonts never compete with the
 * script and data a person on a slow line is waiting for.
 */
let requested = false;

export function loadFontsOnce(): void {
  if (requested) return;
  requested = true;
  const href = document.querySelector<HTMLMetaElement>('meta[name="greffe-fonts"]')?.content;
  if (!href) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
