/** The site's entry page: the procedures and versions this build published. */
import type { Procedure } from '../../spec/index.ts';
import { renderTemplate } from '../../spec/index.ts';
import { compareVersions } from '../../spec/index.ts';
import { formatDateFr } from '../french.ts';
import { esc } from '../html.ts';

export function rootPage(procedures: readonly Procedure[]): string {
  const byId = new Map<string, Procedure[]>();
  for (const p of procedures) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  const sections = [...byId]
    .map(([id, versions]) => {
      const sorted = [...versions].sort((a, b) => compareVersions(b.version, a.version));
      const latest = sorted.find((v) => v.status === 'published') ?? sorted[0];
      const items = sorted
        .map(
          (v) =>
            `<li><a href="${esc(v.id)}/${esc(v.version)}/index.html">Version ${esc(v.version)}</a> — ${v.status === 'published' ? 'publiée' : 'projet'}, en vigueur le ${esc(formatDateFr(v.effective))}${v === latest ? ' (version à consulter)' : ''}</li>`,
        )
        .join('');
      const title = latest ? renderTemplate(latest.title, latest) : id;
      return `<section aria-labelledby="p-${esc(id)}"><h2 id="p-${esc(id)}">${esc(title)}</h2><ul>${items}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Annexes au Code de procédure civile</title><link rel="stylesheet" href="style.css"></head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site"><p class="brand">Annexe au Code de procédure civile</p><p class="procedure">Procédures publiées par greffe</p></header>
<main id="contenu">
<h1>Annexes au Code de procédure civile</h1>
<p>Chaque procédure est publiée sous trois formes produites de la même spécification : un récapitulatif graphique, une spécification fonctionnelle commentée et le texte de l’annexe.</p>
${sections}
</main>
</body>
</html>
`;
}
