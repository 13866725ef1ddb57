/**
 * The eligibility questionnaire without JavaScript (issue 15, progressive
 * enhancement as GOV.UK services require): `GET /procedures/:id/:version/eligibilite`
 * answers the web app's page with the questionnaire already in it, as a plain
 * HTML form that posts to the same address; the answer is computed by the
 * same evaluator as `POST /api/procedures/:id/eligibility` (rules/decisions.ts,
 * partial: the facts still missing are asked next, the answers given kept).
 * With JavaScript, the web app replaces this markup with its own page,
 * carrying over what was typed (forms/web/src/lib/server-form.ts reads the
 * form marked `data-greffe-serveur`; `data-greffe-evalue` when the server has
 * answered it, for the app to show the same answer).
 * An eligible citizen is sent on to `GET /procedures/:id/:version/deposer`
 * with his answers in the address: that page (the web app's, which creates the
 * case after sign-in) says, when the script cannot run, what the next steps
 * need and the other way to go.
 * The questions are the filing form's, in its words (its `oneOf` labels,
 * `${parametre}` texts filled), as the web app asks them.
 */
import type { Context, Hono } from 'hono';
import { plainBasis } from '../../forms/plain-basis.ts';
import { answersFromEntries } from '../../forms/posted-answers.ts';
import { evaluateEligibility, type Reason } from '../../rules/index.ts';
import { type Procedure, renderTemplate } from '../../spec/index.ts';
import type { Runtime } from '../service/context.ts';
import { COURT_FINDER_PATH, courtFinderForm } from './court-finder-page.ts';
import { eligibilityView, formView } from './procedure-view.ts';
import { esc, serverPage } from './server-page.ts';

interface FieldSchema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly { readonly const?: unknown; readonly title?: string }[];
  readonly items?: FieldSchema;
}

const types = (s: FieldSchema): readonly string[] =>
  Array.isArray(s.type) ? s.type : s.type ? [s.type as string] : [];

/** The options of a choice: the schema's `oneOf` labels, or its enumeration as is. */
const choices = (s: FieldSchema | undefined): { value: string; label: string }[] =>
  s?.oneOf?.map((o) => ({ value: String(o.const), label: o.title ?? String(o.const) })) ??
  s?.enum?.map((v) => ({ value: String(v), label: String(v) })) ??
  [];

type Answers = Record<string, unknown>;

function control(name: string, s: FieldSchema, value: unknown, required: boolean): string {
  const t = types(s);
  const id = `q-${name}`;
  const hint = s.description ? `<span class="fr-hint-text">${esc(s.description)}</span>` : '';
  const label = `${esc(s.title ?? name)}${required ? '' : ' (facultatif)'}`;
  const group = (
    kind: 'radio' | 'checkbox',
    options: { value: string; label: string }[],
    on: (v: string) => boolean,
  ) =>
    `<fieldset class="fr-fieldset" id="${id}" aria-labelledby="${id}-legend">
<legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="${id}-legend">${label}${hint}</legend>
${options
  .map(
    (
      o,
      i,
    ) => `<div class="fr-fieldset__element"><div class="fr-${kind === 'radio' ? 'radio' : 'checkbox'}-group">
<input type="${kind}" id="${id}-${i}" name="${esc(name)}" value="${esc(o.value)}"${on(o.value) ? ' checked' : ''}>
<label class="fr-label" for="${id}-${i}">${esc(o.label)}</label></div></div>`,
  )
  .join('\n')}
</fieldset>`;
  if (t.includes('array')) {
    const chosen = Array.isArray(value) ? value.map(String) : [];
    return group('checkbox', choices(s.items), (v) => chosen.includes(v));
  }
  if (t.includes('boolean'))
    return group(
      'radio',
      [
        { value: 'true', label: 'Oui' },
        { value: 'false', label: 'Non' },
      ],
      (v) => String(value) === v,
    );
  if (choices(s).length > 0) return group('radio', choices(s), (v) => String(value) === v);
  const numeric = t.includes('number') || t.includes('integer');
  const shown = value === undefined || value === null ? '' : String(value).replace('.', numeric ? ',' : '.');
  return `<div class="fr-input-group">
<label class="fr-label" for="${id}">${label}${hint}</label>
<input class="fr-input" id="${id}" name="${esc(name)}" value="${esc(shown)}"${numeric ? ' inputmode="decimal" autocomplete="off"' : ''}>
</div>`;
}

/** Answers kept across the questions asked next (hidden fields). */
function hidden(answers: Answers, except: readonly string[]): string {
  return Object.entries(answers)
    .filter(([k]) => !except.includes(k))
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v === null ? '' : v]).map(
        (x) => `<input type="hidden" name="${esc(k)}" value="${esc(x)}">`,
      ),
    )
    .join('\n');
}

/** Where an eligible citizen goes next: the web app's "Commencer ma demande", his answers carried along. */
const startHref = (p: Procedure, answers: Answers): string =>
  `/procedures/${encodeURIComponent(p.id)}/${encodeURIComponent(p.version)}/deposer?reponses=${encodeURIComponent(JSON.stringify(answers))}`;

function result(
  p: Procedure,
  r: { eligible: boolean; reasons: readonly Reason[] },
  answers: Answers,
): string {
  const alternative = eligibilityView(p)?.alternative;
  return `<div class="${r.eligible ? 'fr-alert fr-alert--success' : 'fr-alert fr-alert--warning'} fr-mb-4w" data-testid="resultat-eligibilite">
<h2 class="fr-alert__title">${r.eligible ? 'Oui : votre demande peut être traitée en ligne' : 'Non : votre demande ne peut pas être traitée en ligne'}</h2>
<ul class="greffe-reasons">${r.reasons.map((x) => `<li>${esc(x.text)}${x.basis ? `<span class="fr-hint-text">Fondement : ${esc(plainBasis(x.basis))}</span>` : ''}</li>`).join('')}</ul>
${!r.eligible && alternative ? `<p><strong>Où vous adresser : </strong>${esc(alternative)}</p>` : ''}
${
  r.eligible
    ? `<p>Étape suivante : vous vous identifiez, puis vous remplissez le formulaire de demande, où vos réponses seront reprises.</p>
<ul class="fr-btns-group fr-btns-group--inline-md"><li><a class="fr-btn" href="${esc(startHref(p, answers))}">Commencer ma demande</a></li></ul>`
    : ''
}
</div>${r.eligible ? '' : courtFinderForm()}`;
}

/**
 * Mounts GET and POST /procedures/:id/:version/eligibilite, and GET …/deposer, on the web app, in the
 * shell `index.html`.
 */
export function mountEligibilityPage(app: Hono, rt: Runtime, shell: () => string): void {
  const TITLE = 'Votre demande peut-elle être traitée en ligne ?';
  const render = (
    c: Context,
    p: Procedure,
    answers: Answers,
    asked: readonly string[] | null,
    body = '',
    evaluated = false,
  ) => {
    const view = eligibilityView(p);
    const formId = view?.form;
    const form = formId ? p.forms[formId] : undefined;
    if (!view || !form) return undefined;
    const schema = formView(p, form).schema as {
      properties?: Record<string, FieldSchema>;
      required?: string[];
    };
    const props = schema.properties ?? {};
    const facts = (asked ?? view.facts).filter((f) => f in props);
    const fields = facts
      .map((f) => control(f, props[f] as FieldSchema, answers[f], schema.required?.includes(f) ?? false))
      .join('\n');
    const intro = asked
      ? `<p class="fr-text--bold" data-testid="questions-manquantes">Pour conclure, répondez encore à ${facts.length > 1 ? 'ces questions' : 'cette question'}.</p>`
      : `<p>Répondez à ${facts.length} questions pour savoir tout de suite si la procédure « ${esc(renderTemplate(p.title, p))} » s’applique à votre demande.</p>`;
    const html = serverPage(
      shell(),
      TITLE,
      `${body}${intro}
<form method="post" action="/procedures/${encodeURIComponent(p.id)}/${encodeURIComponent(p.version)}/eligibilite" novalidate data-greffe-serveur${evaluated || asked ? ' data-greffe-evalue' : ''}>
${asked ? hidden(answers, facts) : ''}
${fields}
<button type="submit" class="fr-btn">Vérifier</button>
</form>`,
    );
    c.header('cache-control', 'no-store');
    return c.html(html);
  };
  const find = (c: Context) => rt.catalog.get(c.req.param('id') ?? '', c.req.param('version') ?? '');
  app.get('/procedures/:id/:version/eligibilite', (c, next) => {
    const p = find(c);
    return (p && render(c, p, {}, null)) ?? next();
  });
  app.post('/procedures/:id/:version/eligibilite', async (c, next) => {
    const p = find(c);
    const view = p ? eligibilityView(p) : null;
    const form = p && view?.form ? p.forms[view.form] : undefined;
    if (!p || !form) return next();
    const props = (formView(p, form).schema as { properties?: Record<string, FieldSchema> }).properties ?? {};
    const posted = await c.req.parseBody({ all: true });
    const entries = new Map<string, string[]>();
    for (const [k, raw] of Object.entries(posted))
      entries.set(
        k,
        (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string'),
      );
    const answers: Answers = answersFromEntries(props, entries);
    const r = evaluateEligibility(p, answers, { partial: true });
    if ('valid' in r && r.valid === false) {
      const missing = (r.missing ?? []).filter((m) => m in props);
      const others = r.problems.filter((x) => !missing.includes(String(x.field)));
      if (missing.length > 0 && others.length === 0) return render(c, p, answers, missing);
      const errors = `<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><h2 class="fr-alert__title">Certaines réponses sont à corriger</h2><ul>${r.problems
        .map((x) => `<li>${esc(props[String(x.field)]?.title ?? x.field)} : ${esc(x.message)}</li>`)
        .join('')}</ul></div>`;
      return render(c, p, answers, null, errors);
    }
    if (!('eligible' in r)) return next();
    return render(c, p, answers, null, result(p, r, answers), true);
  });

  // "Commencer ma demande": the web app's page; its text here for when the script cannot run.
  app.get('/procedures/:id/:version/deposer', (c, next) => {
    const p = find(c);
    if (!p) return next();
    const base = `/procedures/${encodeURIComponent(p.id)}/${encodeURIComponent(p.version)}`;
    const carried = c.req.query('reponses') !== undefined;
    const html = serverPage(
      shell(),
      'Commencer ma demande',
      `<p>Pour déposer votre demande en ligne, vous vous identifiez, puis vous remplissez le formulaire de demande${carried ? ', où vos réponses au questionnaire sont reprises' : ''}.</p>
<div class="fr-callout fr-mb-4w" data-testid="sans-javascript">
<p class="fr-callout__text">Ces étapes ont besoin de JavaScript. S’il est désactivé dans votre navigateur, activez-le, puis rechargez cette page${carried ? ' : vos réponses ne sont pas perdues' : ''}.</p>
<p class="fr-callout__text">Sans JavaScript, vous pouvez saisir le tribunal selon la procédure habituelle, au greffe : <a href="${COURT_FINDER_PATH}">trouvez votre tribunal et la démarche sur papier</a>.</p>
</div>
<p><a class="fr-link" href="${base}/eligibilite">Revenir au questionnaire d’éligibilité</a></p>`,
    );
    c.header('cache-control', 'no-store');
    return c.html(html);
  });
}
