/** The forms catalogue: every form of the procedure, where it is used, its fields, help texts, conditions and glossary. */
import type { Form, Procedure } from '../../spec/index.ts';
import { joinFr, renderTemplate } from '../../spec/index.ts';
import { anchor, esc } from '../html.ts';
import { roleLabels } from '../view.ts';
import { type FieldRow, formFields } from './form-fields.ts';
import { page } from './layout.ts';
import { specLink } from './source-pages.ts';

function fieldsTable(form: Form, rows: readonly FieldRow[]): string {
  let section: string | undefined;
  const body = rows
    .map((r) => {
      const head =
        r.section && r.section !== section
          ? `<tr><th class="section" colspan="4" scope="colgroup">${esc(r.section)}</th></tr>\n`
          : '';
      section = r.section ?? section;
      const depth = r.path.split('.').length - 1;
      const help = r.description ? `<br><span class="help">${esc(r.description)}</span>` : '';
      return `${head}<tr><th scope="row"${depth ? ` style="padding-left:${0.5 + depth * 1.25}rem"` : ''}>${esc(r.title)}${help}</th>
<td>${esc(r.answer)}</td><td>${esc(r.required)}</td><td>${r.shown.length ? esc(r.shown.join(' ; ')) : 'toujours'}</td></tr>`;
    })
    .join('\n');
  return `<table><caption>Champs du formulaire « ${esc(form.title)} »</caption>
<thead><tr><th scope="col">Question et aide</th><th scope="col">Réponse attendue</th><th scope="col">Obligatoire</th><th scope="col">Affichage</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

function formSection(p: Procedure, form: Form): string {
  const t = (s: string) => esc(renderTemplate(s, p));
  const uses = p.transitions.filter((x) => x.form === form.id);
  const usedBy = uses.length
    ? `<p>Utilisé pour : ${uses
        .map(
          (x) =>
            `« ${esc(x.label)} »${x.roles.length ? ` (${esc(joinFr(roleLabels(p, x.roles), 'ou'))})` : ''}`,
        )
        .join(' ; ')}.</p>`
    : '<p>Ce formulaire n’est utilisé par aucun acte de la procédure.</p>';
  const glossary = Object.entries(form.glossary);
  const link = specLink(p, form.loc);
  const id = `formulaire-${anchor(form.id)}`;
  return `<section id="${id}" aria-labelledby="${id}-titre">
<h2 id="${id}-titre">${t(form.title)}</h2>
${form.description ? `<p>${t(form.description)}</p>` : ''}
${form.help ? `<p><strong>Aide affichée :</strong> ${t(form.help)}</p>` : ''}
${usedBy}
${fieldsTable(form, formFields(p, form))}
${glossary.length ? `<h3>Lexique</h3><dl>${glossary.map(([w, d]) => `<dt>${esc(w)}</dt><dd>${t(d)}</dd>`).join('')}</dl>` : ''}
<p class="provenance">Spécification : <a href="${link.href}">${esc(link.text)}</a>${form.basis ? ` ; fondement : ${esc(form.basis)}` : ''}${form.source ? ` ; source : ${esc(form.source)}` : ''}</p>
</section>`;
}

export function formsPage(p: Procedure): string {
  const forms = Object.values(p.forms).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  const toc = forms
    .map((f) => `<li><a href="#formulaire-${anchor(f.id)}">${esc(renderTemplate(f.title, p))}</a></li>`)
    .join('');
  const body = `<h1>Formulaires de la procédure</h1>
<p>Les ${forms.length} formulaires que remplissent les parties et la juridiction, avec leurs questions, leurs textes d’aide et les conditions d’affichage. Ce sont les mêmes définitions que celles de la plateforme : le formulaire affiché et sa vérification proviennent de ce schéma.</p>
<nav class="toc" aria-labelledby="liste-formulaires"><h2 id="liste-formulaires">Liste des formulaires</h2><ul>${toc}</ul></nav>
${forms.map((f) => formSection(p, f)).join('\n')}`;
  return page(p, { id: 'formulaires', title: 'Formulaires', body });
}
