/**
 * "Vérifiez vos réponses": before a form is sent (a filing, an answer, a
 * decision), every answer it will record, section by section in the form's
 * order and with its labels, each section with "Modifier" leading back to its
 * step. Nothing is recorded until the person confirms here.
 */
import { type Category, isVisible, type JsonSchema, type UISchemaElement } from '@jsonforms/core';
import type Ajv from 'ajv';
import { forwardRef, type ReactNode } from 'react';
import { FieldValue } from '../components/data-list.tsx';
import { visibleControls } from '../renderers/controls-of.ts';

export interface ReviewRow {
  readonly label: string;
  readonly value: unknown;
  readonly schema?: JsonSchema | undefined;
  readonly path: string;
}

export interface ReviewSection {
  readonly title: string;
  /** The step to reopen with "Modifier" (0-based, among the visible steps); undefined for a form without steps. */
  readonly step?: number;
  readonly rows: readonly ReviewRow[];
}

const valueAt = (data: unknown, path: string): unknown =>
  path
    .split('.')
    .filter(Boolean)
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      data,
    );

/** The sections of the review: the visible steps of a stepped form (else the whole form), their visible fields. */
export function reviewSections(
  uischema: UISchemaElement,
  schema: JsonSchema,
  data: unknown,
  ajv: Ajv,
  title: string,
): ReviewSection[] {
  const walk = { rootSchema: schema, data, ajv };
  const rowsOf = (element: UISchemaElement): ReviewRow[] =>
    visibleControls(element, walk).map((c) => ({
      label: c.label,
      value: valueAt(data, c.path),
      schema: c.schema,
      path: c.path,
    }));
  if (uischema.type !== 'Categorization') return [{ title, rows: rowsOf(uischema) }];
  const steps = ((uischema as { elements?: UISchemaElement[] }).elements ?? []).filter(
    (c): c is Category => c.type === 'Category' && isVisible(c, data, '', ajv, undefined),
  );
  return steps.map((c, step) => ({ title: c.label, step, rows: rowsOf(c) }));
}

const empty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export const Review = forwardRef<
  HTMLHeadingElement,
  {
    sections: readonly ReviewSection[];
    submitLabel: string;
    /** The state the case will reach (from the server's preview); undefined while asked, null if unknown. */
    outcome: string | null | undefined;
    submitting: boolean;
    onEdit: (section: ReviewSection) => void;
    onConfirm: () => void;
    /** What the server refused, shown above the confirmation. */
    failure?: ReactNode;
  }
>(function Review({ sections, submitLabel, outcome, submitting, onEdit, onConfirm, failure }, ref) {
  return (
    <div className="greffe-review" data-testid="verification">
      <h2 ref={ref} tabIndex={-1}>
        Vérifiez vos réponses
      </h2>
      <p>
        Relisez vos réponses avant de les envoyer : rien n’est encore enregistré. Pour corriger une réponse,
        choisissez « Modifier » dans sa partie.
      </p>
      {sections.map((s, i) => (
        <section
          // biome-ignore lint/suspicious/noArrayIndexKey: the form's own sections, in its order.
          key={i}
          className="greffe-section greffe-review-section"
          aria-labelledby={`verification-${i}`}
        >
          <div className="greffe-review-head">
            <h3 id={`verification-${i}`} className="fr-h5">
              {s.title}
            </h3>
            <button
              type="button"
              className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
              onClick={() => onEdit(s)}
            >
              Modifier<span className="fr-sr-only"> : {s.title}</span>
            </button>
          </div>
          <dl className="greffe-data">
            {s.rows.map((r) => (
              <div key={r.path}>
                <dt>{r.label}</dt>
                <dd>
                  {empty(r.value) ? (
                    <span className="greffe-muted">Non renseigné</span>
                  ) : (
                    <FieldValue value={r.value} schema={r.schema} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {failure}
      <div className="fr-callout fr-mb-3w" aria-live="polite" data-testid="ce-qui-sera-enregistre">
        {outcome === undefined ? (
          <p className="fr-callout__text">Vérification de ce qui sera enregistré…</p>
        ) : (
          <>
            <h3 className="fr-callout__title fr-h6">Ce qui sera enregistré : {submitLabel}</h3>
            {outcome && <p className="fr-callout__text">L’affaire passera à l’étape « {outcome} ».</p>}
          </>
        )}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md greffe-form-buttons">
        <li>
          <button
            type="button"
            className="fr-btn"
            disabled={submitting || outcome === undefined}
            onClick={onConfirm}
          >
            {submitting ? 'Envoi en cours…' : submitLabel}
          </button>
        </li>
      </ul>
    </div>
  );
});
