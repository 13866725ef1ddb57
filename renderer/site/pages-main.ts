/** The home page, the graphical summary page and the legal text page of a procedure version. */
import type { Procedure } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import type { Diagram } from '../diagrams/types.ts';
import { findCascades } from '../cascade.ts';
import { formatDateFr, ofDefinite } from '../french.ts';
import { esc } from '../html.ts';
import type { Readability } from '../legal/readability.ts';
import type { LegalText } from '../legal/types.ts';
import { articleNumberFr } from '../legal/typography.ts';
import type { SummaryModel } from '../summary/summary-model.ts';
import { articlesHtml } from './legal-html.ts';
import { page } from './layout.ts';

const fr = (n: number, digits = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

export function figuresHtml(r: Readability): string {
  return `<section class="figures" aria-labelledby="lisibilite"><h2 id="lisibilite">Lisibilité du texte</h2><dl>
<dt>Articles</dt><dd>${r.articles}</dd>
<dt>Mots</dt><dd>${fr(r.words, 0)}</dd>
<dt>Phrases</dt><dd>${fr(r.sentences, 0)}</dd>
<dt>Longueur moyenne d’une phrase</dt><dd>${fr(r.averageWords)} mots</dd>
<dt>Phrase la plus longue</dt><dd>${r.longest.words} mots (<a href="texte.html#article-${r.longest.article}">article ${r.longest.article}</a>)</dd>
</dl></section>`;
}

/** What the diagrams cover, in French: the identification cascades name the roles they search for. */
function diagramList(p: Procedure): string {
  const parts = ['la procédure entière', 'chaque phase', 'chaque acteur'];
  const cascades = findCascades(p).map((c) => ofDefinite(c.role.label));
  if (cascades.length > 0) parts.push(`l’identification ${joinFr(cascades)}`);
  return parts.join(', ');
}

export function homePage(p: Procedure, text: LegalText, r: Readability, diagrams: number): string {
  const summary = p.summary ? `<p class="lead">${esc(renderTemplate(p.summary, p))}</p>` : '';
  const body = `<h1>${esc(text.title)}</h1>
<p>Version ${esc(p.version)}${p.status === 'draft' ? ' (projet, non publiée)' : ''}, en vigueur le ${esc(formatDateFr(p.effective))}.</p>
${summary}
<p>L’annexe est publiée sous trois formes, toutes produites à partir de la même spécification :</p>
<ul class="cards">
<li><h2><a href="resume.html">Récapitulatif graphique</a></h2><p>Les phases de la procédure sur une page : qui agit, les délais, les issues possibles.</p></li>
<li><h2><a href="diagrammes.html">Spécification fonctionnelle</a></h2><p>${diagrams} diagrammes commentés : ${esc(diagramList(p))}.</p></li>
<li><h2><a href="texte.html">Texte de l’annexe</a></h2><p>${text.articles.length} articles en langage simple, aussi en <a href="annexe.pdf">PDF</a> et en <a href="annexe.md">Markdown</a>.</p></li>
</ul>
<p>Voir aussi : <a href="formulaires.html">les formulaires de la procédure</a> et <a href="versions.html">les versions de l’annexe</a>.</p>
${figuresHtml(r)}`;
  return page(p, { id: 'accueil', title: 'Accueil', body });
}

function summaryTable(m: SummaryModel): string {
  const rows = m.rows
    .map(
      (r) => `<tr><th scope="row">${r.number}. ${esc(r.label)}</th><td>${esc(r.roles.join(', ') || '—')}</td>
<td>${r.delays.map((d) => `${esc(d.label)} : <strong>${esc(d.duration)}</strong>`).join('<br>') || '—'}</td>
<td>${r.exits.map((e) => esc(e.label)).join('<br>') || '—'}</td></tr>`,
    )
    .join('\n');
  const anytime = m.anytime.length
    ? `<h2>À tout moment</h2><ul>${m.anytime.map((a) => `<li>${esc(a.label)}${a.roles ? ` (${esc(a.roles)})` : ''}</li>`).join('')}</ul>`
    : '';
  const outcomes = `<h2>Issues possibles</h2><ul>${m.outcomes
    .map((o) => `<li><strong>${esc(o.label)}</strong> : ${esc(o.states.join(' ; '))}</li>`)
    .join('')}</ul>`;
  return `<table><caption>Le récapitulatif en texte</caption>
<thead><tr><th scope="col">Phase</th><th scope="col">Qui agit</th><th scope="col">Délais</th><th scope="col">Issues directes</th></tr></thead>
<tbody>${rows}</tbody></table>${anytime}${outcomes}`;
}

export function summaryPage(p: Procedure, m: SummaryModel): string {
  const body = `<h1 class="no-print">Récapitulatif graphique</h1>
<p class="no-print">Une page pour voir la procédure d’un coup d’œil ; elle s’imprime sur une feuille A4. <a href="resume.svg">Ouvrir l’image seule (SVG)</a>.</p>
<figure class="summary-figure"><img src="resume.svg" alt="Récapitulatif graphique : ${esc(m.title)}. Son contenu est repris en texte sous l’image." width="794"></figure>
<div class="no-print">${summaryTable(m)}</div>`;
  return page(p, { id: 'resume', title: 'Récapitulatif graphique', body });
}

export function legalPage(
  p: Procedure,
  text: LegalText,
  r: Readability,
  diagrams: readonly Diagram[],
): string {
  const toc = text.articles
    .map(
      (a) =>
        `<li><a href="#article-${a.number}">Article ${articleNumberFr(a.number)} — ${esc(a.title)}</a></li>`,
    )
    .join('');
  const diagramTitles = new Map(diagrams.map((d) => [d.id, d.title]));
  const body = `<h1>${esc(text.title)}</h1>
<p>${esc(text.subtitle)}.</p>
<p class="no-print">Télécharger : <a href="annexe.pdf">PDF (format Journal officiel)</a> · <a href="annexe.md">Markdown</a>. Chaque article renvoie au diagramme et à la ligne de la spécification dont il provient.</p>
<nav class="toc no-print" aria-labelledby="sommaire"><h2 id="sommaire">Sommaire</h2><ul>${toc}</ul></nav>
${articlesHtml(text, { provenance: { procedure: p, diagramTitles } })}
${figuresHtml(r)}`;
  return page(p, { id: 'texte', title: 'Texte de l’annexe', body });
}
