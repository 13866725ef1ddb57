/**
 * The pages the server renders itself, in the web app's shell (`index.html`): the eligibility
 * questionnaire and the court finder, which work without JavaScript, and the annex pages.
 */

/** Escapes text for HTML content and attribute values. */
export const esc = (s: unknown): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * `body` under a plain header and the page's `<h1>`, in place of the shell's app mount point; the
 * shell's « needs JavaScript » notice is dropped, since this page works without it.
 */
export function serverPage(shell: string, title: string, body: string): string {
  const main = `<div id="app"><header role="banner" class="fr-header"><div class="fr-container"><p class="fr-h5 fr-my-2w">Greffe en ligne</p></div></header>
<main id="contenu" class="fr-container greffe-main" tabindex="-1">
<h1>${esc(title)}</h1>
${body}
</main></div>`;
  return shell
    .replace(/<div id="app">[\s\S]*?<\/div>/, main)
    .replace(/<noscript>[\s\S]*?<\/noscript>/, '')
    .replace(/<title>[^<]*<\/title>/, `<title>${esc(title)} — Greffe en ligne</title>`);
}
