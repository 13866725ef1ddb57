/**
 * The redline site between two versions: a summary of every change, the
 * legal text article by article with words removed (<del>) and added (<ins>),
 * one diagram per changed phase with the changes listed beside it, and the
 * forms' fields added, removed or changed. Static HTML with the annex's
 * stylesheet, readable without JavaScript, nothing fetched from elsewhere;
 * never colour alone: every change also says itself in words or marks.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderTemplate } from '../../spec/index.ts';
import { launchBrowser } from '../browser.ts';
import { anchor, esc } from '../html.ts';
import { articleNumberFr } from '../legal/typography.ts';
import { renderMermaidSvgs } from '../mermaid-render.ts';
import { STYLE_CSS } from '../site/style.ts';
import { type AlineaDiff, type ArticleDiff, diffLegal, type LegalDiff } from './articles-diff.ts';
import { type RedlineDiagram, redlineDiagrams, STATUS_WORD } from './diagrams.ts';
import { diffProcedures, type ItemChange, type ProcedureDiff } from './model-diff.ts';
import { articleHeading, CATEGORIES, countsFr, KIND_FR } from './summary-text.ts';
import { hasEdits, type WordPart, wordDiff } from './word-diff.ts';

export const REDLINE_CSS = `
ins { background: #e3f1e6; color: #0b3d1c; text-decoration: underline 2px; }
del { background: #fde8e8; color: #6e0a0a; text-decoration: line-through 2px; }
ins .mk, del .mk { font-weight: bold; text-decoration: none; }
.chg { display: inline-block; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.35rem; font-size: 0.85rem; font-weight: bold; }
.chg.added { color: #0b3d1c; background: #e3f1e6; }
.chg.removed { color: #6e0a0a; background: #fde8e8; }
.chg.changed { color: #4d3500; background: #fff6dc; }
.chg.same { color: #3a3a3a; background: #fff; }
article.legal.same { color: var(--muted); }
.redline-pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr); gap: 1rem; align-items: start; }
@media (max-width: 50rem) { .redline-pair { grid-template-columns: 1fr; } }
.legend { border-left: 4px solid var(--blue); background: var(--soft); padding: 0.5rem 1rem; }
td.before, td.after { white-space: pre-wrap; }
/* Fixed columns; long values (conditions written as JSON) wrap anywhere rather than widen the table past the page. */
table.changes-table { table-layout: fixed; }
table.changes-table thead th:nth-child(1) { width: 24%; }
table.changes-table thead th:nth-child(2) { width: 8.5rem; }
table.changes-table thead th:nth-child(3) { width: 15%; }
table.changes-table td.before, table.changes-table td.after, .changes li { overflow-wrap: anywhere; }
`;

export interface RedlineOptions {
  readonly browser?: Browser;
  readonly chromium?: string;
  /** A link back (from the annex's versions page), shown in the header. */
  readonly back?: { readonly href: string; readonly text: string };
}

export interface RedlineReport {
  readonly dir: string;
  readonly diff: ProcedureDiff;
  readonly legal: LegalDiff;
  readonly diagrams: readonly RedlineDiagram[];
  readonly files: number;
}

type PageId = 'index' | 'texte' | 'diagrammes' | 'formulaires';
const PAGES: readonly { id: PageId; title: string }[] = [
  { id: 'index', title: 'Résumé des modifications' },
  { id: 'texte', title: 'Texte de l’annexe' },
  { id: 'diagrammes', title: 'Diagrammes' },
  { id: 'formulaires', title: 'Formulaires' },
];

function page(diff: ProcedureDiff, id: PageId, body: string, o: RedlineOptions): string {
  const a = diff.before;
  const b = diff.after;
  const title = PAGES.find((x) => x.id === id)?.title ?? '';
  const name = renderTemplate(b.title, b);
  const nav = PAGES.map(
    (x) => `<li><a href="${x.id}.html"${x.id === id ? ' aria-current="page"' : ''}>${esc(x.title)}</a></li>`,
  ).join('');
  const back = o.back ? `<li><a href="${esc(o.back.href)}">${esc(o.back.text)}</a></li>` : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(b.shortTitle ?? name)} ${esc(a.version)} → ${esc(b.version)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site">
<p class="brand">Annexe au Code de procédure civile — modifications</p>
<p class="procedure">${esc(name)} — de la version ${esc(a.version)} à la version ${esc(b.version)}</p>
<nav class="sections" aria-label="Parties des modifications"><ul>${nav}${back}</ul></nav>
</header>
<main id="contenu">
${body}
</main>
<footer class="site">
<p>Page produite par greffe en comparant les spécifications « ${esc(a.id)} » ${esc(a.version)} et « ${esc(b.id)} » ${esc(b.version)} ; le texte comparé est le texte de l’annexe généré à partir de chacune.</p>
</footer>
</body>
</html>
`;
}

const LEGEND = `<p class="legend">Les mots supprimés sont barrés et encadrés de <del><span class="mk">[−</span> … <span class="mk">]</span></del> ; les mots ajoutés sont soulignés et encadrés de <ins><span class="mk">[+</span> … <span class="mk">]</span></ins>. Chaque élément porte aussi la mention « ajouté », « supprimé » ou « modifié ».</p>`;

const delHtml = (s: string) => `<del><span class="mk">[−</span>${esc(s)}<span class="mk">]</span></del>`;
const insHtml = (s: string) => `<ins><span class="mk">[+</span>${esc(s)}<span class="mk">]</span></ins>`;

export const wordsHtml = (parts: readonly WordPart[]): string =>
  parts
    .map((p) => (p.op === 'del' ? delHtml(p.text) : p.op === 'add' ? insHtml(p.text) : esc(p.text)))
    .join('');

/** A property's old and new values: the old with its removed words marked, the new with its added words marked. */
function beforeAfter(before: string | undefined, after: string | undefined): [string, string] {
  if (before === undefined || after === undefined)
    return [
      before !== undefined ? delHtml(before) : '(absent)',
      after !== undefined ? insHtml(after) : '(absent)',
    ];
  const parts = wordDiff(before, after);
  return [wordsHtml(parts.filter((p) => p.op !== 'add')), wordsHtml(parts.filter((p) => p.op !== 'del'))];
}

const badge = (kind: ItemChange['kind'] | 'same', word?: string) =>
  `<span class="chg ${kind}">${esc(word ?? (kind === 'same' ? 'inchangé' : STATUS_WORD[kind]))}</span>`;

/** A table of changes: item, change, property, before, after. */
function changesTable(caption: string, changes: readonly ItemChange[], noun = 'Élément'): string {
  const rows = changes
    .map((c) => {
      const props = c.kind === 'changed' ? c.properties : [];
      const head = `<th scope="row"${props.length > 1 ? ` rowspan="${props.length}"` : ''}>${esc(c.label)} <span class="help">(${esc(c.id)})</span></th><td${props.length > 1 ? ` rowspan="${props.length}"` : ''}>${badge(c.kind)}</td>`;
      if (!props.length) {
        const what =
          c.kind === 'added'
            ? c.properties.map((p) => `${p.property} : ${p.after}`).join(' ; ')
            : c.properties.map((p) => `${p.property} : ${p.before}`).join(' ; ');
        return `<tr>${head}<td>—</td><td class="before">${c.kind === 'removed' ? delHtml(what) : '—'}</td><td class="after">${c.kind === 'added' ? insHtml(what) : '—'}</td></tr>`;
      }
      return props
        .map(
          (p, i) =>
            `<tr>${i === 0 ? head : ''}<td>${esc(p.property)}</td>${beforeAfter(p.before, p.after)
              .map((x, k) => `<td class="${k ? 'after' : 'before'}">${x}</td>`)
              .join('')}</tr>`,
        )
        .join('\n');
    })
    .join('\n');
  return `<table class="changes-table"><caption>${esc(caption)}</caption>
<thead><tr><th scope="col">${esc(noun)}</th><th scope="col">Changement</th><th scope="col">Propriété</th><th scope="col">Avant</th><th scope="col">Après</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function indexPage(
  diff: ProcedureDiff,
  legal: LegalDiff,
  diagrams: readonly RedlineDiagram[],
  o: RedlineOptions,
): string {
  const changedArticles = legal.articles.filter((x) => x.kind !== 'same');
  const rows = [
    ...CATEGORIES.map((c) => ({ title: c.title, text: countsFr(diff[c.key]), href: `#${c.key}` })),
    { title: 'Formulaires', text: countsFr(diff.forms), href: 'formulaires.html' },
    {
      title: 'Articles du texte',
      text: countsFr(changedArticles.map((x) => ({ kind: x.kind === 'same' ? 'changed' : x.kind }))),
      href: 'texte.html',
    },
  ];
  const table = `<table><caption>Nombre de modifications par partie de la spécification</caption>
<thead><tr><th scope="col">Partie</th><th scope="col">Modifications</th></tr></thead>
<tbody>${rows.map((r) => `<tr><th scope="row">${r.text ? `<a href="${r.href}">${esc(r.title)}</a>` : esc(r.title)}</th><td>${esc(r.text || 'aucune')}</td></tr>`).join('')}</tbody></table>`;
  const sections = CATEGORIES.filter((c) => diff[c.key].length)
    .map(
      (c) =>
        `<section id="${c.key}" aria-labelledby="${c.key}-titre"><h2 id="${c.key}-titre">${esc(c.title)}</h2>\n${changesTable(`${c.title} : ${countsFr(diff[c.key])}`, diff[c.key])}</section>`,
    )
    .join('\n');
  const body = `<h1>Résumé des modifications</h1>
<p class="lead">De la version ${esc(diff.before.version)} à la version ${esc(diff.after.version)} : ${changedArticles.length} article(s) du texte, ${diagrams.length} diagramme(s) de phase et ${diff.forms.length} formulaire(s) concernés.</p>
${LEGEND}
${table}
${sections}`;
  return page(diff, 'index', body, o);
}

function alineaHtml(x: AlineaDiff): string {
  if (x.op === 'edit') return `<p>${wordsHtml(x.parts)}</p>`;
  if (x.op === 'add') return `<p>${badge('added', 'alinéa ajouté')} ${insHtml(x.text)}</p>`;
  if (x.op === 'del') return `<p>${badge('removed', 'alinéa supprimé')} ${delHtml(x.text)}</p>`;
  return `<p>${esc(x.text)}</p>`;
}

function articleHtml(a: ArticleDiff, i: number): string {
  const id = `article-${i + 1}`;
  const kind = a.kind;
  const word = {
    added: 'article ajouté',
    removed: 'article supprimé',
    changed: 'article modifié',
    same: 'inchangé',
  }[kind];
  const number = articleNumberFr((a.after ?? a.before)?.number ?? 0);
  const title =
    hasEdits(a.title) && kind === 'changed' ? wordsHtml(a.title) : esc((a.after ?? a.before)?.title ?? '');
  const renumbered =
    a.before && a.after && a.before.number !== a.after.number
      ? ` <span class="help">(article ${articleNumberFr(a.before.number)} de la version ${'précédente'})</span>`
      : '';
  return `<article class="legal ${kind}" id="${id}" aria-labelledby="${id}-titre">
<h2 id="${id}-titre">Article ${number} — ${title} ${badge(kind, word)}${renumbered}</h2>
${a.alineas.map(alineaHtml).join('\n')}
</article>`;
}

function textPage(diff: ProcedureDiff, legal: LegalDiff, o: RedlineOptions): string {
  const changed = legal.articles.map((a, i) => ({ a, i })).filter((x) => x.a.kind !== 'same');
  const toc = changed.length
    ? `<nav class="toc" aria-labelledby="articles-modifies"><h2 id="articles-modifies">Articles modifiés</h2><ul>${changed
        .map(
          (x) =>
            `<li><a href="#article-${x.i + 1}">${esc(articleHeading(x.a))}</a> — ${esc({ added: 'ajouté', removed: 'supprimé', changed: 'modifié', same: '' }[x.a.kind])}</li>`,
        )
        .join('')}</ul></nav>`
    : '<p>Aucun article n’a changé.</p>';
  const heading = [
    hasEdits(legal.title) ? `<p>Titre : ${wordsHtml(legal.title)}</p>` : '',
    hasEdits(legal.subtitle) ? `<p>Sous-titre : ${wordsHtml(legal.subtitle)}</p>` : '',
  ].join('');
  const body = `<h1>Texte de l’annexe : modifications</h1>
<p>Le texte généré par chaque version, comparé article par article ; les articles inchangés sont reproduits en gris.</p>
${LEGEND}
${heading}
${toc}
${legal.articles.map(articleHtml).join('\n')}`;
  return page(diff, 'texte', body, o);
}

function phaseChangesList(diff: ProcedureDiff, d: RedlineDiagram): string {
  const ids = new Set(d.states.filter((s) => !s.outside).map((s) => s.id));
  const states = diff.states.filter((c) => ids.has(c.id));
  const acts = new Set(d.edges.filter((e) => e.status !== 'same').map((e) => e.act));
  const transitions = diff.transitions.filter((c) => acts.has(c.id));
  const item = (c: ItemChange) => {
    const details =
      c.kind === 'changed'
        ? `<ul>${c.properties.map((p) => `<li>${esc(p.property)} : ${beforeAfter(p.before, p.after).join(' → ')}</li>`).join('')}</ul>`
        : '';
    return `<li>${badge(c.kind)} « ${esc(c.label)} »${details}</li>`;
  };
  return `<div class="changes"><h3>États</h3>${states.length ? `<ul>${states.map(item).join('')}</ul>` : '<p>Aucun état changé.</p>'}
<h3>Actes</h3>${transitions.length ? `<ul>${transitions.map(item).join('')}</ul>` : '<p>Aucun acte changé.</p>'}</div>`;
}

function diagramsPage(diff: ProcedureDiff, diagrams: readonly RedlineDiagram[], o: RedlineOptions): string {
  const drawn = new Set(
    diagrams.flatMap((d) => d.edges.filter((e) => e.status !== 'same').map((e) => e.act)),
  );
  const undrawn = diff.transitions.filter((c) => !drawn.has(c.id));
  const sections = diagrams
    .map((d) => {
      const id = anchor(d.id);
      return `<section class="diagram" id="${id}" aria-labelledby="${id}-titre">
<h2 id="${id}-titre">${esc(d.title)}</h2>
<div class="redline-pair">
<figure><a href="diagrammes/${id}.svg"><img src="diagrammes/${id}.svg" alt="Diagramme des modifications, ${esc(d.title)} ; la liste à côté en décrit les changements."></a>
<figcaption>En vert et flèche épaisse : ajouté ; en rouge, cadre ou flèche en pointillés : supprimé ; en ocre : modifié. Chaque libellé le dit aussi. <a href="diagrammes/${id}.mmd">Source mermaid</a>.</figcaption></figure>
${phaseChangesList(diff, d)}
</div>
</section>`;
    })
    .join('\n');
  const others = undrawn.length
    ? `<h2>Actes sans flèche sur les diagrammes</h2><p>Actes qui ne déplacent pas l’affaire (demandes, refus) ou possibles depuis tout état en cours.</p>${changesTable('Autres actes modifiés', undrawn, 'Acte')}`
    : '';
  const body = `<h1>Diagrammes : modifications</h1>
<p>Un diagramme par phase dont un état ou un acte a changé ; les deux versions y sont dessinées ensemble, et la liste à côté de chaque diagramme dit en toutes lettres ce qui a été ajouté, supprimé ou modifié.</p>
${diagrams.length ? sections : '<p>Aucun état ni aucun acte n’a changé.</p>'}
${others}`;
  return page(diff, 'diagrammes', body, o);
}

function formsPage(diff: ProcedureDiff, o: RedlineOptions): string {
  const sections = diff.forms
    .map((f) => {
      const id = `formulaire-${anchor(f.id)}`;
      const head =
        f.kind === 'changed' && f.properties.length
          ? changesTable(`Formulaire « ${f.label} »`, [f], 'Formulaire')
          : '';
      const fields = f.fields.length
        ? changesTable(`Champs du formulaire « ${f.label} » : ${countsFr(f.fields)}`, f.fields, 'Champ')
        : '';
      return `<section id="${id}" aria-labelledby="${id}-titre">
<h2 id="${id}-titre">${esc(f.label)} ${badge(f.kind, `formulaire ${STATUS_WORD[f.kind]}`)}</h2>
${head}${fields}
</section>`;
    })
    .join('\n');
  const body = `<h1>Formulaires : modifications</h1>
<p>${diff.forms.length ? `${esc(countsFr(diff.forms))} : les formulaires ajoutés ou supprimés avec tous leurs champs, les autres avec les champs ajoutés, supprimés ou modifiés.` : 'Aucun formulaire n’a changé.'}</p>
${diff.forms.length ? `<nav class="toc" aria-labelledby="liste-formulaires"><h2 id="liste-formulaires">Formulaires concernés</h2><ul>${diff.forms.map((f) => `<li><a href="#formulaire-${anchor(f.id)}">${esc(f.label)}</a> — ${esc(KIND_FR[f.kind])}</li>`).join('')}</ul></nav>` : ''}
${sections}`;
  return page(diff, 'formulaires', body, o);
}

/** The redline's pages and sources, in memory (path → content), without the diagrams' SVGs. */
export function redlineFiles(
  diff: ProcedureDiff,
  legal: LegalDiff,
  diagrams: readonly RedlineDiagram[],
  o: RedlineOptions = {},
): Map<string, string> {
  const files = new Map<string, string>();
  files.set('style.css', STYLE_CSS + REDLINE_CSS);
  files.set('index.html', indexPage(diff, legal, diagrams, o));
  files.set('texte.html', textPage(diff, legal, o));
  files.set('diagrammes.html', diagramsPage(diff, diagrams, o));
  files.set('formulaires.html', formsPage(diff, o));
  for (const d of diagrams) files.set(`diagrammes/${anchor(d.id)}.mmd`, d.source);
  return files;
}

/**
 * Compares two loaded versions and writes the redline site into `dir` (emptied first).
 * @example await writeRedline(v100, v110, 'out/modifications')
 */
export async function writeRedline(
  before: ProcedureDiff['before'],
  after: ProcedureDiff['after'],
  dir: string,
  o: RedlineOptions = {},
): Promise<RedlineReport> {
  const diff = diffProcedures(before, after);
  const legal = diffLegal(before, after);
  const diagrams = redlineDiagrams(diff);
  const files = redlineFiles(diff, legal, diagrams, o);
  // No diagram to draw, no browser to start.
  const browser = o.browser ?? (diagrams.length ? await launchBrowser(o.chromium) : undefined);
  try {
    const svgs = browser
      ? await renderMermaidSvgs(
          browser,
          diagrams.map((d) => ({ id: d.id, source: d.source })),
        )
      : [];
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'diagrammes'), { recursive: true });
    for (const [file, content] of files) writeFileSync(join(dir, file), content);
    for (const [i, s] of svgs.entries()) {
      const d = diagrams[i] as RedlineDiagram;
      const svg = s.svg.replace(/^<svg([^>]*)>/, (m) => `${m}<title>${esc(d.title)}</title>`);
      writeFileSync(join(dir, 'diagrammes', `${anchor(d.id)}.svg`), svg);
    }
    return { dir, diff, legal, diagrams, files: files.size + svgs.length };
  } finally {
    if (!o.browser) await browser?.close();
  }
}
