/**
 * Written, audio or video observations: the file goes to the case's document
 * store as soon as it is chosen (`POST /api/cases/:id/documents?kind=`), with a
 * progress bar; the form keeps the stored document's reference. A control is an
 * upload when its UI schema names a document kind: `options: { document: observations }`.
 */
import { type ControlProps, isControl, type JsonSchema, rankWith } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useRef, useState } from 'react';
import type { UploadedDocument } from '../lib/api-schema.gen.ts';
import { formatSize } from '../lib/format.ts';
import { errorLines, labelText, Messages } from './field.tsx';
import { fieldId, useFormRuntime, useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

interface Stored {
  readonly id: string;
  readonly filename: string;
  readonly size?: number;
}

interface InFlight {
  readonly key: number;
  readonly filename: string;
  readonly fraction: number;
}

const TYPE_ACCEPT: Record<string, string> = {
  pdf: 'application/pdf',
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
};
const TYPE_LABEL: Record<string, string> = { pdf: 'PDF', image: 'image', audio: 'audio', video: 'vidéo' };

/** The value the schema expects for one stored document: its id, or an object with the fields it names. */
function toValue(schema: JsonSchema | undefined, doc: UploadedDocument, file: File, kind: string): unknown {
  if (!schema || schema.type === 'string') return doc.id;
  const all: Record<string, unknown> = { ...doc, filename: file.name, kind };
  const props = Object.keys(schema.properties ?? {});
  return Object.fromEntries(Object.entries(all).filter(([k]) => props.includes(k)));
}

function fromValue(v: unknown, names: ReadonlyMap<string, string>): Stored | undefined {
  if (typeof v === 'string') return { id: v, filename: names.get(v) ?? 'Pièce déposée' };
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') {
    const o = v as { id: string; filename?: string; size?: number };
    return {
      id: o.id,
      filename: o.filename ?? names.get(o.id) ?? 'Pièce déposée',
      ...(o.size ? { size: o.size } : {}),
    };
  }
  return undefined;
}

function UploadControl(given: ControlProps) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const runtime = useFormRuntime();
  const [showErrors, touch] = useShowErrors();
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [failures, setFailures] = useState<string[]>([]);
  const names = useRef(new Map<string, string>());
  const counter = useRef(0);
  if (!props.visible) return null;
  const options = (props.uischema.options ?? {}) as { document: string; types?: string[]; accept?: string };
  const multiple = props.schema.type === 'array';
  const itemSchema = (multiple ? props.schema.items : props.schema) as JsonSchema | undefined;
  const values: unknown[] = multiple
    ? Array.isArray(props.data)
      ? props.data
      : []
    : props.data
      ? [props.data]
      : [];
  const stored = values.map((v) => fromValue(v, names.current)).filter((s): s is Stored => s !== undefined);
  const id = fieldId(props.path);
  const lines = [...failures, ...(showErrors ? errorLines(props.errors) : [])];
  const types = options.types ?? [];
  const accept =
    options.accept ??
    types
      .map((t) => TYPE_ACCEPT[t] ?? '')
      .filter(Boolean)
      .join(',');

  const add = (picked: FileList | null) => {
    if (!picked || !runtime.upload) return;
    setFailures([]);
    const collected: unknown[] = [];
    for (const file of Array.from(picked)) {
      const key = counter.current++;
      setInFlight((l) => [...l, { key, filename: file.name, fraction: 0 }]);
      const { promise } = runtime.upload(options.document, file, (fraction) =>
        setInFlight((l) => l.map((u) => (u.key === key ? { ...u, fraction } : u))),
      );
      promise.then(
        (doc) => {
          names.current.set(doc.id, file.name);
          const value = toValue(itemSchema, doc, file, options.document);
          collected.push(value);
          setInFlight((l) => l.filter((u) => u.key !== key));
          props.handleChange(props.path, multiple ? [...values, ...collected] : value);
        },
        (e: unknown) => {
          setInFlight((l) => l.filter((u) => u.key !== key));
          setFailures((f) => [...f, `${file.name} : ${e instanceof Error ? e.message : String(e)}`]);
        },
      );
    }
  };

  const remove = (docId: string) => {
    const next = values.filter((v) => fromValue(v, names.current)?.id !== docId);
    props.handleChange(props.path, multiple ? (next.length ? next : undefined) : undefined);
  };

  return (
    <div className={lines.length ? 'fr-upload-group fr-input-group--error' : 'fr-upload-group'}>
      <label className="fr-label" htmlFor={id}>
        {labelText(props.label, props.required)}
        <span className="fr-hint-text" id={`${id}-hint`}>
          {props.description ? `${props.description} ` : ''}
          {types.length > 0 && `Formats acceptés : ${types.map((t) => TYPE_LABEL[t] ?? t).join(', ')}.`}
          {multiple && ' Vous pouvez choisir plusieurs fichiers.'}
        </span>
      </label>
      {runtime.upload ? (
        <input
          className="fr-upload"
          type="file"
          id={id}
          name={props.path}
          multiple={multiple}
          accept={accept || undefined}
          disabled={!props.enabled}
          aria-describedby={`${id}-hint ${id}-messages`}
          aria-invalid={lines.length > 0 || undefined}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
            touch();
          }}
        />
      ) : (
        <p className="fr-text--sm" id={id}>
          Vous pourrez déposer vos pièces une fois votre demande créée.
        </p>
      )}
      {inFlight.length > 0 && (
        <ul className="greffe-uploads" aria-live="polite">
          {inFlight.map((u) => (
            <li key={u.key}>
              <label htmlFor={`${id}-progress-${u.key}`}>
                Envoi de {u.filename} : {Math.round(u.fraction * 100)} %
              </label>
              <progress id={`${id}-progress-${u.key}`} max={100} value={Math.round(u.fraction * 100)} />
            </li>
          ))}
        </ul>
      )}
      {stored.length > 0 && (
        <ul className="greffe-uploads">
          {stored.map((s) => (
            <li key={s.id}>
              <span className="fr-icon-check-line" aria-hidden="true" /> {s.filename}
              {s.size !== undefined && ` (${formatSize(s.size)})`} — envoyé{' '}
              <button
                type="button"
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                onClick={() => remove(s.id)}
                disabled={!props.enabled}
              >
                Retirer<span className="fr-sr-only"> {s.filename}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Messages id={`${id}-messages`} lines={lines} />
    </div>
  );
}

/** An upload when the UI schema names a document kind; outranks every other control. */
export const uploadControl = {
  tester: rankWith(20, (u: unknown) => isControl(u) && typeof u.options?.document === 'string'),
  renderer: withJsonFormsControlProps(UploadControl),
};
