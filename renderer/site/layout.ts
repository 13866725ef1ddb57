/** The frame every page of a procedure version shares: header, section navigation, footer. */
import type { Procedure } from '../../spec/index.ts';
import { renderTemplate } from '../../spec/index.ts';
import { esc } from '../html.ts';

export type PageId = 'accueil' | 'resume' | 'diagrammes' | 'texte' | 'formulaires' | 'versions' | 'source';

/** Pages in navigation order, with their file names and French titles. */
export const PAGES: readonly { id: Exclude<PageId, 'source'>; file: string; title: string }[] = [
  { id: 'accueil', file: 'index.html', title: 'Accueil' },
  { id: 'resume', file: 'resume.html', title: 'Récapitulatif graphique' },
  { id: 'diagrammes', file: 'diagrammes.html', title: 'Spécification fonctionnelle' },
  { id: 'texte', file: 'texte.html', title: 'Texte de l’annexe' },
  { id: 'formulaires', file: 'formulaires.html', title: 'Formulaires' },
  { id: 'versions', file: 'versions.html', title: 'Versions' },
];

export interface PageOptions {
  readonly id: PageId;
  readonly title: string;
  readonly body: string;
  /** Path from the page to the version's root ("" or "../"). */
  readonly root?: string;
}

/** A whole HTML page; readable without JavaScript, every link relative. */
export function page(p: Procedure, o: PageOptions): string {
  const root = o.root ?? '';
  const status =
    p.status === 'draft' ? '<span class="badge draft">projet</span>' : '<span class="badge">publiée</span>';
  const nav = PAGES.map(
    (x) =>
      `<li><a href="${root}${x.file}"${x.id === o.id ? ' aria-current="page"' : ''}>${esc(x.title)}</a></li>`,
  ).join('');
  const title = renderTemplate(p.title, p);
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} — ${esc(p.shortTitle ?? title)} ${esc(p.version)}</title>
<link rel="stylesheet" href="${root}style.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site">
<p class="brand">Annexe au Code de procédure civile</p>
<p class="procedure">${esc(title)} — version ${esc(p.version)} ${status}</p>
<nav class="sections" aria-label="Parties de l’annexe"><ul>${nav}</ul></nav>
</header>
<main id="contenu">
${o.body}
</main>
<footer class="site">
<p>Page produite par greffe à partir de la spécification « ${esc(p.id)} », version ${esc(p.version)}. Le récapitulatif, les diagrammes, le texte et la plateforme proviennent de la même source : ils ne peuvent pas se contredire.</p>
</footer>
</body>
</html>
`;
}
