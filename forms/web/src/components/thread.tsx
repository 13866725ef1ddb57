/**
 * A confidential exchange as a conversation (issue 15, point 5): the messages
 * the server lets the reader see (runtime/service/thread.ts), oldest first,
 * each with its author and its attachments; below, the box to write the next
 * one. Attachments are picked among the case's documents (checkboxes), never
 * typed; a file not yet in the case is deposited first (the upload panel).
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import type { CaseView, DocumentInfo, FormView, ProcedureView, Thread } from '../lib/api-schema.gen.ts';
import { formatInstant } from '../lib/format.ts';
import { loadForm, roleLabel } from '../lib/procedures.ts';
import { useAsync } from '../lib/use-async.ts';
import { DataList, type DataShape } from './data-list.tsx';

interface FieldSchema {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly maxLength?: number;
  readonly items?: { readonly type?: string; readonly enum?: unknown; readonly oneOf?: unknown };
}

/** The writing box's fields: texts, and lists of documents; any other kind of field: no box (the action page). */
type Field =
  | { kind: 'text'; name: string; schema: FieldSchema; required: boolean }
  | { kind: 'documents'; name: string; schema: FieldSchema; required: boolean };

function fieldsOf(form: FormView): Field[] | undefined {
  const schema = form.schema as { properties?: Record<string, FieldSchema>; required?: string[] };
  const out: Field[] = [];
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) ?? false;
    if (s.type === 'string') out.push({ kind: 'text', name, schema: s, required });
    else if (s.type === 'array' && s.items?.type === 'string' && !s.items.enum && !s.items.oneOf)
      out.push({ kind: 'documents', name, schema: s, required });
    else return undefined;
  }
  return out;
}

export function ThreadSection({
  thread,
  view,
  procedure,
  shapeOf,
  onSent,
}: {
  thread: Thread;
  view: CaseView;
  procedure: ProcedureView;
  shapeOf: (event: string) => DataShape;
  onSent: () => void;
}) {
  return (
    <section className="greffe-section" aria-labelledby="echanges" id="echanges">
      <h2 id="echanges">Échanges — {thread.label}</h2>
      <p className="fr-text--sm">
        Seuls lisent ces échanges : {thread.audience.join(', ')}. Ils ne sont pas communiqués aux autres
        intervenants.
      </p>
      {thread.messages.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        <ol className="greffe-thread" aria-label="Messages">
          {thread.messages.map((m) => (
            <li
              key={m.seq}
              className={m.mine ? 'greffe-thread__mine' : undefined}
              data-testid="message-echange"
            >
              <p className="greffe-thread__head">
                <strong>{m.mine ? 'Vous' : roleLabel(procedure, m.authorRole)}</strong>
                <span className="fr-hint-text">{formatInstant(m.at)}</span>
              </p>
              <MessageBody data={m.data} shape={shapeOf(m.event)} mine={m.mine} />
              {m.attachments.length > 0 && (
                <ul className="greffe-thread__files" aria-label="Pièces jointes">
                  {m.attachments.map((d) => (
                    <li key={d.id}>
                      <a href={api.documentUrl(view.id, d.id)} download={d.filename || undefined}>
                        {d.label}
                        {d.filename ? ` — ${d.filename}` : ''}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {thread.compose[0] && (
        <Composer
          event={thread.compose[0]}
          view={view}
          procedure={procedure}
          documents={view.documents}
          onSent={onSent}
        />
      )}
    </section>
  );
}

/** A message: its texts as paragraphs, anything else as "question: answer". */
function MessageBody({
  data,
  shape,
  mine,
}: {
  data: Record<string, unknown>;
  shape: DataShape;
  mine: boolean;
}) {
  const texts = Object.entries(data).filter(
    ([k, v]) => typeof v === 'string' && shape.schema?.properties?.[k] && !shape.schema.properties[k]?.oneOf,
  );
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !texts.some(([t]) => t === k)));
  return (
    <>
      {texts.map(([k, v]) => (
        <p key={k} className="greffe-thread__text">
          {String(v)}
        </p>
      ))}
      {Object.keys(rest).length > 0 && <DataList data={rest} shape={shape} tiers={!mine} />}
    </>
  );
}

function Composer({
  event,
  view,
  procedure,
  documents,
  onSent,
}: {
  event: string;
  view: CaseView;
  procedure: ProcedureView;
  documents: readonly DocumentInfo[];
  onSent: () => void;
}) {
  const formId = view.actions.find((a) => a.event === event)?.form;
  const [state] = useAsync(
    () => (formId ? loadForm(procedure, formId) : Promise.resolve(undefined)),
    [formId],
  );
  const form = state.status === 'done' ? state.value : undefined;
  const fields = form ? fieldsOf(form) : undefined;
  if (state.status === 'loading') return <p>Chargement de la zone de message…</p>;
  if (!form || !fields) return null;
  return <ComposerForm event={event} view={view} fields={fields} documents={documents} onSent={onSent} />;
}

function ComposerForm({
  event,
  view,
  fields,
  documents,
  onSent,
}: {
  event: string;
  view: CaseView;
  fields: readonly Field[];
  documents: readonly DocumentInfo[];
  onSent: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(api.newKey());
  const alert = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (error) alert.current?.focus();
  }, [error]);
  const send = async () => {
    const missing = fields.find(
      (f) => f.required && (f.kind === 'text' ? !String(values[f.name] ?? '').trim() : !values[f.name]),
    );
    if (missing) {
      setError(`Écrivez votre message avant de l’envoyer (« ${missing.schema.title ?? missing.name} »).`);
      return;
    }
    setBusy(true);
    setError(null);
    const data = Object.fromEntries(
      Object.entries(values).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : String(v ?? '').trim())),
    );
    try {
      await api.fire(view.id, event, data, view.caseVersion, key.current);
      key.current = api.newKey();
      setValues({});
      onSent();
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = api.newKey();
      // Someone wrote meanwhile: the case is read again (its new version), the message kept.
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') onSent();
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="greffe-thread__compose"
      aria-labelledby={`${id}-t`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 id={`${id}-t`} className="fr-h6">
        Écrire un message
      </h3>
      {error && (
        <div
          className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w"
          ref={alert}
          tabIndex={-1}
          role="alert"
        >
          <p>{error}</p>
        </div>
      )}
      {fields.map((f) =>
        f.kind === 'text' ? (
          <div className="fr-input-group" key={f.name}>
            <label className="fr-label" htmlFor={`${id}-${f.name}`}>
              {f.schema.title ?? f.name}
              {f.schema.maxLength && (
                <span className="fr-hint-text">{f.schema.maxLength} caractères au plus.</span>
              )}
            </label>
            <textarea
              className="fr-input"
              id={`${id}-${f.name}`}
              rows={4}
              maxLength={f.schema.maxLength}
              required={f.required}
              value={String(values[f.name] ?? '')}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          </div>
        ) : (
          <fieldset className="fr-fieldset" key={f.name} aria-labelledby={`${id}-${f.name}-legend`}>
            <legend
              className="fr-fieldset__legend fr-fieldset__legend--regular"
              id={`${id}-${f.name}-legend`}
            >
              Joindre des documents de l’affaire
              <span className="fr-hint-text">
                Choisissez parmi les documents du dossier. Pour joindre un nouveau fichier, déposez-le d’abord
                dans l’affaire (« Déposer une pièce »).
              </span>
            </legend>
            {documents.length === 0 ? (
              <p className="fr-fieldset__element">Aucun document dans l’affaire pour le moment.</p>
            ) : (
              documents.map((d) => {
                const chosen = (values[f.name] as string[] | undefined) ?? [];
                return (
                  <div className="fr-fieldset__element" key={d.id}>
                    <div className="fr-checkbox-group">
                      <input
                        type="checkbox"
                        id={`${id}-${f.name}-${d.id}`}
                        checked={chosen.includes(d.id)}
                        onChange={(e) =>
                          setValues((v) => ({
                            ...v,
                            [f.name]: e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id),
                          }))
                        }
                      />
                      <label className="fr-label" htmlFor={`${id}-${f.name}-${d.id}`}>
                        {d.label}
                        {d.filename ? ` — ${d.filename}` : ''}
                        <span className="fr-hint-text">Déposé le {formatInstant(d.uploadedAt)}</span>
                      </label>
                    </div>
                  </div>
                );
              })
            )}
          </fieldset>
        ),
      )}
      <button type="submit" className="fr-btn" disabled={busy}>
        Envoyer le message
      </button>
    </form>
  );
}
