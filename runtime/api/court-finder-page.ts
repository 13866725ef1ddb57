/**
 * The court finder without JavaScript (issue 15, point 7): `GET /trouver-un-tribunal?code_postal=…`
 * answers the web app's page with the tribunal judiciaire of the postcode
 * (runtime/courts), its address, and the paper route (runtime/courts/voie-papier.yaml);
 * when the postcode's communes belong to several courts, the citizen picks
 * his commune (a second GET). The ineligible answer of the questionnaire
 * without JavaScript links here through `courtFinderForm`. With JavaScript,
 * the web app's page (forms/web/src/pages/court-finder.tsx) shows the same.
 * Links are plain links: nothing outside the site is loaded by the page.
 */
import type { Context, Hono } from 'hono';
import { type CourtSearch, courtFinder } from '../courts/finder.ts';
import { type PaperStep, paperRoute } from '../courts/paper-route.ts';
import { esc, serverPage } from './server-page.ts';

export const COURT_FINDER_PATH = '/trouver-un-tribunal';
const TITLE = 'Trouver le tribunal compétent';

const link = (l: { href: string; label: string }) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`;

const step = (s: PaperStep) => `<li>${esc(s.text)}${s.link ? ` Voir ${link(s.link)}.` : ''}</li>`;

/** The postcode form (GET): in the ineligible answer, and at the top of the finder page. */
export function courtFinderForm(postcode = '', heading = true): string {
  return `<form method="get" action="${COURT_FINDER_PATH}" class="fr-mt-2w" data-testid="recherche-tribunal">
${heading ? `<h2 class="fr-h6 fr-mb-1w">${TITLE}</h2>` : ''}
<p>${esc(paperRoute().intro)} ${esc(paperRoute().whichCourt.text)}</p>
<div class="fr-input-group">
<label class="fr-label" for="code-postal-tribunal">Code postal du défendeur<span class="fr-hint-text">5 chiffres, par exemple 23000</span></label>
<input class="fr-input" id="code-postal-tribunal" name="code_postal" value="${esc(postcode)}" inputmode="numeric" autocomplete="postal-code" maxlength="6">
</div>
<button type="submit" class="fr-btn fr-btn--secondary">Trouver le tribunal</button>
</form>`;
}

/** What the search found, then the paper route. */
export function courtSearchHtml(s: CourtSearch): string {
  const body = (() => {
    switch (s.status) {
      case 'invalide':
        return `<p class="fr-error-text">Indiquez un code postal de 5 chiffres.</p>`;
      case 'inconnu':
        return `<p>Le code postal ${esc(s.postcode)} n’est pas encore couvert par nos données sur les tribunaux. Trouvez le tribunal judiciaire de la commune du défendeur sur ${link(paperRoute().directory)}.</p>`;
      case 'choisir':
        return `<form method="get" action="${COURT_FINDER_PATH}">
<input type="hidden" name="code_postal" value="${esc(s.postcode)}">
<fieldset class="fr-fieldset" aria-labelledby="commune-legend">
<legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="commune-legend">Les communes du code postal ${esc(s.postcode)} ne relèvent pas toutes du même tribunal : choisissez la commune du défendeur.</legend>
${s.communes
  .map(
    (c, i) =>
      `<div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="commune-${i}" name="commune" value="${esc(c.insee)}"><label class="fr-label" for="commune-${i}">${esc(c.name)}</label></div></div>`,
  )
  .join('\n')}
</fieldset>
<button type="submit" class="fr-btn">Voir le tribunal de cette commune</button>
</form>`;
      case 'trouve': {
        const c = s.court;
        if (!c) return '';
        return `<h3 class="fr-h6 fr-mb-1w">${esc(c.name)}</h3>
<address>${c.address.lines.map(esc).join('<br>')}<br>${esc(c.address.postcode)} ${esc(c.address.city)}</address>
<p class="fr-mt-1w">${c.hours ? `Horaires d’ouverture du greffe : ${esc(c.hours)}` : `Horaires d’ouverture : renseignez-vous auprès du tribunal (${link(paperRoute().directory)}).`}</p>
<p class="fr-hint-text">Communes de ce code postal : ${s.communes.map((m) => esc(m.name)).join(', ')}. Si la commune du défendeur n’y figure pas, consultez ${link(paperRoute().directory)}.</p>`;
      }
    }
  })();
  return `<div class="fr-alert fr-alert--info fr-mt-2w" data-testid="tribunal-competent">
<h2 class="fr-alert__title">${s.status === 'trouve' ? 'Le tribunal compétent' : `Code postal ${esc(s.postcode)}`}</h2>
${body}
</div>
${s.status === 'trouve' ? paperRouteHtml() : ''}`;
}

/** The paper route: which form, where to file it. */
export function paperRouteHtml(): string {
  return `<section class="fr-mt-3w" data-testid="voie-papier">
<h2 class="fr-h5">Saisir ce tribunal sur papier</h2>
<ul>${paperRoute().steps.map(step).join('')}</ul>
</section>`;
}

/** Mounts GET /trouver-un-tribunal on the web app, in the shell `index.html`. */
export function mountCourtFinderPage(app: Hono, shell: () => string): void {
  app.get(COURT_FINDER_PATH, (c: Context) => {
    const postcode = c.req.query('code_postal');
    const commune = c.req.query('commune');
    const found =
      postcode === undefined ? '' : courtSearchHtml(courtFinder().find(postcode, commune || undefined));
    c.header('cache-control', 'no-store');
    return c.html(serverPage(shell(), TITLE, `${courtFinderForm(postcode ?? '', false)}${found}`));
  });
}
