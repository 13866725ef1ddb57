/**
 * The preview's own HTML: the bar and the diagnostics panel added to every
 * annex page, the index of versions, and the forms page. French, readable
 * without JavaScript; the only script is the live-reload client (and the
 * forms bundle on the forms page).
 */
import { esc } from '../../renderer/html.ts';
import { consequencesLine, type Diagnostic, foldDiagnostics } from '../../spec/index.ts';
import type { SampleUserRef } from './app-host.ts';
import type { PreviewState, VersionBuild } from './preview-state.ts';

export const LIVE_PATH = '/__greffe/live.js';
export const EVENTS_PATH = '/__greffe/evenements';

/** The live-reload client: reloads the page when the served generation is newer than its own. */
export const LIVE_JS = `(() => {
  const meta = document.querySelector('meta[name="greffe-generation"]');
  const mine = meta ? meta.content : '';
  const key = 'greffe-dev-scroll:' + location.pathname;
  const y = sessionStorage.getItem(key);
  if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }
  const events = new EventSource('${EVENTS_PATH}');
  events.addEventListener('generation', (e) => {
    if (e.data !== mine) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }
  });
})();
`;

const time = (d: Date) =>
  d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const SEVERITY: Record<Diagnostic['severity'], string> = { error: 'erreur', warning: 'avertissement' };

function diagnosticItem(d: Diagnostic, consequences: readonly Diagnostic[] = []): string {
  // What follows from this root cause is folded under it, as `greffe validate` prints it (docs/diagnostics.md).
  const folded = consequences.length
    ? `<details><summary>… ${esc(consequencesLine(consequences))}</summary><ul>${consequences.map((c) => diagnosticItem(c)).join('\n')}</ul></details>`
    : '';
  return `<li class="greffe-diagnostic greffe-${d.severity}"><code class="greffe-where">${esc(`${d.file}:${d.line}:${d.column}`)}</code> <strong>${SEVERITY[d.severity]}</strong> <code>${esc(d.code)}</code> ${esc(d.message)}<br><span class="greffe-hint">→ ${esc(d.hint)}</span>${folded}</li>`;
}

const PANEL_CSS = `<style>
.greffe-dev-bar { background: #fff6dc; border-bottom: 2px solid #6b4a00; color: #161616; padding: 0.4rem 1.5rem; font: 0.95rem/1.5 "Liberation Sans", Arial, sans-serif; }
.greffe-dev-bar a { color: #000091; margin-right: 1rem; }
.greffe-dev-panel { border: 2px solid #ce0500; background: #fff; color: #161616; margin: 1rem 1.5rem; padding: 0.5rem 1rem; font: 0.95rem/1.5 "Liberation Sans", Arial, sans-serif; }
.greffe-dev-panel.greffe-warnings-only { border-color: #6b4a00; }
.greffe-dev-panel h2 { font-size: 1.1rem; margin: 0.25rem 0; }
.greffe-dev-panel ul { padding-left: 1.2rem; }
.greffe-dev-panel li { margin: 0.3rem 0; }
.greffe-error strong { color: #ce0500; }
.greffe-warning strong { color: #6b4a00; }
.greffe-hint { color: #3a3a3a; }
.greffe-samples ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; }
.greffe-samples button { font: inherit; color: #fff; background: #000091; border: 0; padding: 0.4rem 0.9rem; cursor: pointer; }
.greffe-samples button:focus-visible { outline: 3px solid #000091; outline-offset: 2px; }
</style>`;

/** The diagnostics of one version, or nothing when there are none. */
export function diagnosticsPanel(v: VersionBuild): string {
  if (v.diagnostics.length === 0) return '';
  const folded = foldDiagnostics(v.diagnostics);
  const errors = folded.filter((f) => f.root.severity === 'error').length;
  const warnings = folded.length - errors;
  const title =
    errors > 0
      ? `${errors} erreur${errors > 1 ? 's' : ''} dans ${esc(v.key)}${warnings ? `, ${warnings} avertissement${warnings > 1 ? 's' : ''}` : ''}`
      : `${warnings} avertissement${warnings > 1 ? 's' : ''} dans ${esc(v.key)}`;
  const kept = v.stale
    ? `<p>La dernière version qui se chargeait reste affichée${v.builtAt ? ` (enregistrement de ${time(v.builtAt)})` : ''} ; corrigez puis enregistrez.</p>`
    : errors > 0 && !v.content
      ? '<p>Cette version ne s’est encore jamais chargée : corrigez puis enregistrez.</p>'
      : '';
  return `<section id="greffe-diagnostics" class="greffe-dev-panel${errors ? '' : ' greffe-warnings-only'}" aria-labelledby="greffe-diagnostics-titre">
<h2 id="greffe-diagnostics-titre">${title}</h2>
${kept}<ul>${folded.map((f) => diagnosticItem(f.root, f.consequences)).join('\n')}</ul>
</section>`;
}

function bar(state: PreviewState, appUrl: string | undefined, v?: VersionBuild): string {
  const others = state.versions.filter((x) => x !== v && x.diagnostics.some((d) => d.severity === 'error'));
  const links = [
    '<a href="/">Toutes les versions</a>',
    ...(v ? [`<a href="/${v.key}/formulaires-apercu.html">Formulaires rendus</a>`] : []),
    appUrl
      ? `<a href="${esc(appUrl)}/connexion">Application (utilisateurs d’exemple)</a>`
      : '<span>Application : démarrage…</span>',
  ];
  const warn = others.length
    ? ` <strong>Erreurs dans : ${others.map((x) => `<a href="/${x.key}/">${esc(x.key)}</a>`).join(', ')}</strong>`
    : '';
  return `<div class="greffe-dev-bar" role="region" aria-label="Aperçu en direct">Aperçu en direct (greffe dev) — ${links.join(' ')}${warn}</div>`;
}

/** Adds the generation, the live client, the bar and the diagnostics panel to an annex page. */
export function decorate(html: string, state: PreviewState, v: VersionBuild, appUrl?: string): string {
  return html
    .replace(
      '</head>',
      `<meta name="greffe-generation" content="${state.generation}">\n${PANEL_CSS}\n<script src="${LIVE_PATH}" defer></script>\n</head>`,
    )
    .replace(
      // After the skip link, which stays the page's first stop for the keyboard.
      /<body>\n(<a class="skip"[^\n]*\n)?/,
      (m) => `${m}${bar(state, appUrl, v)}\n${diagnosticsPanel(v)}\n`,
    );
}

function shell(state: PreviewState, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — aperçu greffe</title>
<meta name="greffe-generation" content="${state.generation}">
${head}
${PANEL_CSS}
<script src="${LIVE_PATH}" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The index: every version, its state, its diagnostics, the links to its pages and to the application. */
export function indexPage(
  state: PreviewState,
  appUrl: string | undefined,
  samples: readonly SampleUserRef[],
): string {
  const rows = state.versions
    .map((v) => {
      const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
      const status = v.content
        ? v.content.procedure.status === 'draft'
          ? 'projet'
          : 'publiée'
        : 'ne se charge pas';
      const link = v.content ? `<a href="/${v.key}/">${esc(v.key)}</a>` : esc(v.key);
      return `<li>${link} — ${status}${errors ? ` — <strong>${errors} erreur${errors > 1 ? 's' : ''}</strong>` : ''}</li>`;
    })
    .join('\n');
  const panels = state.versions.map(diagnosticsPanel).join('\n');
  const buttons = samples
    .map(
      (u) => `<li><button type="submit" name="utilisateur" value="${esc(u.id)}">${esc(u.name)}</button></li>`,
    )
    .join('\n');
  const app = appUrl
    ? `<p>L’application tourne avec ces versions, projets compris, sur <a href="${esc(appUrl)}/connexion">${esc(appUrl)}</a> (base temporaire). Ouvrez-la connecté comme un utilisateur d’exemple :</p>
<form method="post" action="/__greffe/connexion" class="greffe-samples"><ul>${buttons}</ul></form>`
    : '<p>L’application démarre…</p>';
  const body = `${bar(state, appUrl)}
<main id="contenu">
<h1>Aperçu en direct de la spécification</h1>
<p>Dossier surveillé : <code>${esc(state.root)}</code>. Chaque enregistrement revérifie la version modifiée et recharge cette page.</p>
<h2>Versions</h2>
<ul>${rows}</ul>
${app}
</main>
${panels}`;
  return shell(state, 'Aperçu en direct', body, '<link rel="stylesheet" href="/__greffe/style.css">');
}

/** A version that never loaded: its diagnostics only, reloaded like the others. */
export function brokenVersionPage(state: PreviewState, v: VersionBuild, appUrl?: string): string {
  const body = `${bar(state, appUrl, v)}
<main id="contenu"><h1>${esc(v.key)} ne se charge pas</h1></main>
${diagnosticsPanel(v)}`;
  return shell(state, v.key, body, '<link rel="stylesheet" href="/__greffe/style.css">');
}

/** The forms page: the web app's stylesheet and the forms bundle, which fetches the form views. */
export function formsPage(
  state: PreviewState,
  v: VersionBuild,
  css: readonly string[],
  appUrl?: string,
): string {
  const p = v.content?.procedure;
  const body = `${bar(state, appUrl, v)}
${diagnosticsPanel(v)}
<main id="contenu" class="fr-container">
<h1>Formulaires rendus — ${esc(v.key)}</h1>
<p>Chaque formulaire tel que l’application l’affiche (mêmes composants, mêmes vérifications)${p ? `, pour ${esc(p.id)} ${esc(p.version)}` : ''}. Les réponses sont vérifiées sur place et ne sont envoyées nulle part.</p>
<div id="formulaires" data-source="/${v.key}/formulaires-apercu.json"><p>Chargement des formulaires…</p></div>
</main>`;
  const head = [
    ...css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`),
    '<script type="module" src="/__greffe/formulaires.js"></script>',
  ].join('\n');
  return shell(state, `Formulaires ${v.key}`, body, head);
}
