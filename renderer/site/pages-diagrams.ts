/** The functional specification page: every diagram with its comment, its pre-rendered SVG and its mermaid source. */
import type { Procedure } from '../../spec/index.ts';
import type { Diagram, DiagramKind } from '../diagrams/types.ts';
import { anchor, esc } from '../html.ts';
import { page } from './layout.ts';

const GROUPS: readonly { kind: DiagramKind; title: string; intro: string }[] = [
  {
    kind: 'overview',
    title: 'Vue d’ensemble',
    intro:
      'Les phases de la procédure et les actes qui font passer une affaire de l’une à l’autre ; le détail de chaque phase suit.',
  },
  {
    kind: 'procedure',
    title: 'La procédure entière',
    intro:
      'Tous les états d’une affaire et les actes qui la font avancer, sur un seul diagramme : à ouvrir en grand ou à imprimer en A3 ; les diagrammes par phase qui suivent en donnent le détail.',
  },
  {
    kind: 'phase',
    title: 'Phase par phase',
    intro: 'Chaque phase avec ses états ; en pointillés, les états des phases voisines.',
  },
  {
    kind: 'role',
    title: 'Acteur par acteur',
    intro: 'Ce que chaque acteur fait, ce dont il est informé et ce qu’il peut consulter.',
  },
  {
    kind: 'identification',
    title: 'Identification du défendeur',
    intro: 'Les moyens employés l’un après l’autre pour appeler une partie à la procédure.',
  },
];

function diagramSection(d: Diagram): string {
  const id = anchor(d.id);
  return `<section class="diagram" id="${id}" aria-labelledby="${id}-titre">
<h3 id="${id}-titre">${esc(d.title)}</h3>
<p class="comment">${esc(d.comment)}</p>
<figure><a href="diagrammes/${id}.svg"><img src="diagrammes/${id}.svg" alt="Diagramme d’états « ${esc(d.title)} » ; le commentaire qui précède en décrit le contenu." loading="lazy"></a>
<figcaption>Diagramme pré-rendu (SVG) ; cliquer pour l’ouvrir en grand. <a href="diagrammes/${id}.mmd">Source mermaid</a>.</figcaption></figure>
<details><summary>Voir la source mermaid de « ${esc(d.title)} »</summary><pre><code>${esc(d.source)}</code></pre></details>
</section>`;
}

export function diagramsPage(p: Procedure, diagrams: readonly Diagram[]): string {
  const groups = GROUPS.map((g) => ({ ...g, items: diagrams.filter((d) => d.kind === g.kind) })).filter(
    (g) => g.items.length,
  );
  const toc = groups
    .map(
      (g) =>
        `<li>${esc(g.title)}<ul>${g.items.map((d) => `<li><a href="#${anchor(d.id)}">${esc(d.title)}</a></li>`).join('')}</ul></li>`,
    )
    .join('');
  const sections = groups
    .map((g) => `<h2>${esc(g.title)}</h2><p>${esc(g.intro)}</p>\n${g.items.map(diagramSection).join('\n')}`)
    .join('\n');
  const body = `<h1>Spécification fonctionnelle</h1>
<p>Des diagrammes simples et commentés, produits à partir de la spécification. Chacun existe en image (SVG) et en source mermaid, que l’on peut relire ou modifier avec tout éditeur mermaid.</p>
<nav class="toc" aria-labelledby="liste-diagrammes"><h2 id="liste-diagrammes">Liste des diagrammes</h2><ul>${toc}</ul></nav>
${sections}`;
  return page(p, { id: 'diagrammes', title: 'Spécification fonctionnelle', body });
}
