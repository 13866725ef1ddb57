/** GET /api/docs: the API reference as one plain HTML page (inline style, no outside asset), built from the OpenAPI document. */
import type { Procedure } from '../../spec/index.ts';
import { ERROR_CODES } from './error-codes.ts';
import { esc } from './server-page.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function typeOf(s: Json): string {
  if (Array.isArray(s.enum)) return `un de : ${s.enum.map((x) => esc(x)).join(', ')}`;
  if (Array.isArray(s.oneOf)) return `un de : ${s.oneOf.map((o) => esc(obj(o).const)).join(', ')}`;
  if (s.type === 'array') return `liste de ${typeOf(obj(s.items))}`;
  return esc(Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'valeur'));
}

function fieldsTable(schema: Json): string {
  const props = obj(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  if (Object.keys(props).length === 0) return '<p>Aucune donnée : <code>data: {}</code>.</p>';
  const rows = Object.entries(props).map(([k, v]) => {
    const s = obj(v);
    return `<tr><td><code>${esc(k)}</code>${required.has(k) ? ' *' : ''}</td><td>${typeOf(s)}</td><td>${esc(s.title)}${s.description ? ` — ${esc(s.description)}` : ''}</td></tr>`;
  });
  return `<table><thead><tr><th>Champ</th><th>Type</th><th>Libellé</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function procedureSection(p: Procedure): string {
  const events = new Map<string, Procedure['transitions'][number]>();
  for (const t of p.transitions) if (!t.automatic && !events.has(t.event)) events.set(t.event, t);
  const items = [...events.values()].map((t) => {
    const roles = [...new Set(p.transitions.filter((x) => x.event === t.event).flatMap((x) => x.roles))];
    const form = t.form ? p.forms[t.form] : undefined;
    return `<section><h4><code>${esc(t.event)}</code> — ${esc(t.label)}</h4>
<p>Rôles : ${roles.map((r) => esc(p.roles[r]?.label ?? r)).join(', ')}${form ? ` · formulaire <code>${esc(form.id)}</code>` : ''}</p>
${fieldsTable(form ? (form.schema as Json) : {})}</section>`;
  });
  return `<h3>${esc(p.id)} ${esc(p.version)} (${esc(p.status)})</h3>${items.join('\n')}`;
}

export function docsPage(openapi: Json, procedures: readonly Procedure[]): string {
  const paths = Object.entries(obj(openapi.paths)).flatMap(([path, ops]) =>
    Object.entries(obj(ops)).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(obj(op).summary)}</td></tr>`,
    ),
  );
  const errors = Object.entries(ERROR_CODES).map(
    ([code, e]) => `<tr><td><code>${code}</code></td><td>${e.status}</td><td>${esc(e.fr)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>greffe — référence de l’API</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#161616}
h1,h2,h3{line-height:1.2}code{font-family:ui-monospace,monospace;font-size:.95em;background:#f2f2f2;padding:0 .2em}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}section{margin-left:1rem}a{color:#000091}
</style></head><body>
<h1>greffe — référence de l’API</h1>
<p>${esc(obj(openapi.info).description)}</p>
<p>Document OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<h2>Authentification</h2>
<p>Cookie de session <code>greffe_session</code> (HttpOnly, SameSite=Lax) ou en-tête <code>Authorization: Bearer &lt;jeton&gt;</code>. Sans session valide : 401 <code>UNAUTHENTICATED</code>.</p>
<h2>Erreurs</h2>
<p>Toute erreur a la forme <code>{ "error": { "code", "message", "details" } }</code> ; le message est en français, le code est stable.</p>
<table><thead><tr><th>Code</th><th>Statut</th><th>Signification</th></tr></thead><tbody>${errors.join('')}</tbody></table>
<h2>Points d’accès</h2>
<table><thead><tr><th>Méthode</th><th>Chemin</th><th>Rôle</th></tr></thead><tbody>${paths.join('')}</tbody></table>
<h2>Événements par procédure</h2>
<p>Corps de <code>POST /api/cases/{id}/events</code> : <code>{ "event", "data", "expectedVersion" }</code> avec l’en-tête <code>Idempotency-Key</code>. <code>data</code> suit le schéma du formulaire (* : obligatoire). Réponse : <code>{ "id", "caseVersion", "state", "event": { "seq", "event", "at", "hash" }, "view" }</code> ; la vue de l’affaire se lit ensuite à l’adresse <code>view</code>. Rejouer la même clé renvoie la même réponse, sans second événement.</p>
${procedures.map(procedureSection).join('\n')}
</body></html>`;
}
