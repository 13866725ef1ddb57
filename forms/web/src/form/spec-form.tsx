/**
 * A form of the spec rendered with JSON Forms and our DSFR renderers, French
 * messages, a check before sending, and the server's answer mapped back to
 * the fields (422 INVALID_FORM) or shown with its reasons (422 GUARD_REFUSED).
 */
import {
  type JsonFormsI18nState,
  type JsonSchema,
  type Middleware,
  type Translator,
  UPDATE_CORE,
  type UISchemaElement,
} from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type Ajv2020 from 'ajv/dist/2020';
import { errorMessageFr, loadAjv } from '../lib/ajv-loader.ts';
import { EarlyAjv, earlyEnough } from '../lib/early-ajv.ts';
import { initialData } from './initial-data.ts';
import { Review, reviewSections } from './review.tsx';
import { navigate } from '../lib/router.ts';
import { ApiError } from '../lib/api.ts';
import type { FormView, Problem } from '../lib/api-schema.gen.ts';
import { errorsOf, type FieldError, orphanErrors, visibleControls } from '../renderers/controls-of.ts';
import { ErrorSummary } from '../renderers/error-summary.tsx';
import { FormRuntimeContext, type FormRuntime } from '../renderers/form-context.ts';
import { dsfrRenderers } from '../renderers/index.ts';
import { ReasonList } from '../components/reasons.tsx';

export interface SpecFormProps {
  readonly form: FormView;
  readonly initialData?: unknown;
  readonly submitLabel: string;
  /** Sends the data; throw an ApiError to have it shown on the form. */
  readonly onSubmit: (data: unknown) => Promise<void>;
  readonly onChange?: (data: unknown) => void;
  readonly initialStep?: number;
  readonly onStepChange?: (step: number, data: unknown) => void;
  readonly upload?: FormRuntime['upload'];
  readonly secondaryActions?: ReactNode;
  /** Show "Vérifiez vos réponses" before sending (filings, answers, decisions; not the eligibility check). */
  readonly review?: boolean;
  /** What the answers would record (the transition's label, the state reached), for the review's button. */
  readonly preview?: (data: unknown) => Promise<{ label: string; state: { label: string } }>;
}

const STEP_PARAM = 'etape';
const REVIEW_STEP = 'verification';
const reviewInUrl = () => new URLSearchParams(window.location.search).get(STEP_PARAM) === REVIEW_STEP;
/** The current address with `?etape=verification` (or without it). */
function urlWithReview(on: boolean): string {
  const params = new URLSearchParams(window.location.search);
  if (on) params.set(STEP_PARAM, REVIEW_STEP);
  else params.delete(STEP_PARAM);
  const q = params.toString();
  return `${window.location.pathname}${q ? `?${q}` : ''}${window.location.hash}`;
}

// Labels come from the spec already in French: the translator keeps them; errors get our French sentences.
const translate = ((_key: string, defaultMessage?: string) => defaultMessage) as Translator;
const i18nFor = (schema: unknown): JsonFormsI18nState => ({
  locale: 'fr',
  translate,
  translateError: (error: ErrorObject) => errorMessageFr(error, schema),
});

const pointerToPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');

function serverErrors(problems: readonly Problem[]): ErrorObject[] {
  return problems.map((p) => ({
    instancePath: p.field,
    schemaPath: '#/serveur',
    keyword: 'errorMessage',
    params: {},
    message: p.message,
  }));
}

export function SpecForm(props: SpecFormProps) {
  // Until ajv comes, an EarlyAjv decides which fields show (when the form's conditions allow it),
  // and JSON Forms does not validate; a form it cannot stand in for shows once ajv is there.
  const [ajv, setAjv] = useState<Ajv2020 | EarlyAjv | null>(() =>
    earlyEnough(props.form.schema, props.form.uischema) ? new EarlyAjv() : null,
  );
  const [ajvFailure, setAjvFailure] = useState(false);
  useEffect(() => {
    let live = true;
    loadAjv().then(
      (m) => live && setAjv(m.createBrowserAjv()),
      (e: unknown) => {
        console.warn(e);
        if (live) setAjvFailure(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const ready = ajv !== null && !(ajv instanceof EarlyAjv);
  // JSON Forms owns the data while the form is shown: it gets the initial data once and reports each change.
  // Passing every change back as a prop would let a late render reset what was typed meanwhile.
  const [initial] = useState<unknown>(() =>
    initialData(props.form.schema, props.form.uischema, props.initialData),
  );
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<FieldError[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [additionalErrors, setAdditionalErrors] = useState<ErrorObject[]>([]);
  const [reviewing, setReviewing] = useState(false);
  // The review's outcome: undefined while asked, null when it could not be known (the action's label then).
  const [outcome, setOutcome] = useState<{ label: string; state: { label: string } } | null | undefined>(
    null,
  );
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const stepControl = useRef<((n: number) => void) | undefined>(undefined);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  // The data as JSON Forms holds it, updated as each change is reduced. Its onChange is debounced (a timer
  // that a busy machine runs late, after the next key press): sending what onChange last reported could
  // drop the answers given just before "send".
  const dataRef = useRef(initial);
  const errorsRef = useRef<ErrorObject[]>([]);
  const reported = useRef(initial);
  const keepData = useCallback<Middleware>((state, action, reduce) => {
    // Once open, the form's data is the person's: a new prop (the server's errors, say) re-initialises
    // JSON Forms with `data={initial}`, which would wipe every answer. Keep the current data instead.
    const kept =
      action.type === UPDATE_CORE && state.data !== undefined ? { ...action, data: state.data } : action;
    const next = reduce(state, kept);
    dataRef.current = next.data;
    errorsRef.current = next.errors ?? [];
    return next;
  }, []);
  const schema = props.form.schema as JsonSchema;
  const uischema = props.form.uischema as unknown as UISchemaElement;
  const stepped = uischema.type === 'Categorization';
  const i18n = useMemo(() => i18nFor(schema), [schema]);

  useLayoutEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);
  useLayoutEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);
  useLayoutEffect(() => {
    if (reviewing) reviewRef.current?.focus();
  }, [reviewing]);
  // Once, when the form opens (a layout effect: listening as soon as the form is on screen).
  useLayoutEffect(() => {
    // A reload on the review shows the form (the stepper has put its step in the address already).
    if (reviewInUrl()) window.history.replaceState(window.history.state, '', urlWithReview(false));
    // Back from the review to the last step, Forward to the review again.
    const pop = () => setReviewing(reviewInUrl());
    window.addEventListener('popstate', pop);
    return () => window.removeEventListener('popstate', pop);
  }, []);

  /** The answers are complete: show them for a last look (one history entry), or send them at once. */
  const checked = () => {
    if (!props.review) {
      void send();
      return;
    }
    setFailure(null);
    setReviewing(true);
    navigate(urlWithReview(true));
    if (!props.preview) return;
    setOutcome(undefined);
    props.preview(dataRef.current).then(
      (o) => setOutcome(o),
      (e: unknown) => {
        setOutcome(null);
        failed(e);
      },
    );
  };

  const controls = () =>
    visibleControls(uischema, { rootSchema: schema, data: dataRef.current, ajv: ajv as unknown as Ajv });

  const send = async () => {
    setSubmitting(true);
    setAdditionalErrors([]);
    setFailure(null);
    setSummary(null);
    try {
      await props.onSubmit(dataRef.current);
    } catch (e: unknown) {
      failed(e);
    } finally {
      setSubmitting(false);
    }
  };

  /** A refusal: the fields to correct on the form, anything else above the form or the review. */
  function failed(e: unknown) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e));
    const problems = (err.details.problems ?? []) as Problem[];
    if (err.code === 'INVALID_FORM' && problems.length) {
      const extra = serverErrors(problems);
      setAdditionalErrors(extra);
      setShowAllErrors(true);
      // Back to the form, where the fields to correct are.
      if (reviewInUrl()) {
        setReviewing(false);
        window.history.back();
      }
      const all = controls();
      const located = errorsOf(all, extra, schema);
      const rest = orphanErrors(all, extra, schema).map((o) => ({
        ...o,
        label: pointerToPath(o.label) || 'Formulaire',
      }));
      setSummary([...located, ...rest]);
    } else {
      setFailure(err);
    }
  }

  /** Whole-form check for forms without steps (the stepper checks its own steps). */
  const submit = () => {
    // Not checked yet: the validator is still coming (the buttons wait for it too).
    if (!ready) return;
    if (stepped) {
      checked();
      return;
    }
    const all = controls();
    const errors = errorsRef.current;
    const found = [...errorsOf(all, errors, schema), ...orphanErrors(all, errors, schema)];
    if (found.length) {
      setShowAllErrors(true);
      setSummary(found);
      return;
    }
    checked();
  };

  const runtime: FormRuntime = {
    showAllErrors,
    setShowAllErrors,
    submit,
    submitLabel: props.review ? 'Vérifier mes réponses' : props.submitLabel,
    submitting,
    ready,
    stepControl,
    initialStep: props.initialStep ?? 0,
    onStepChange: (step) => props.onStepChange?.(step, dataRef.current),
    ...(props.upload ? { upload: props.upload } : {}),
    secondaryActions: props.secondaryActions,
  };

  const failureBox = failure && (
    <div className="fr-alert fr-alert--error fr-mb-3w" ref={failureRef} tabIndex={-1}>
      <h2 className="fr-alert__title">{failure.message}</h2>
      <ReasonList reasons={(failure.details.reasons ?? []) as never} />
    </div>
  );

  return (
    <FormRuntimeContext.Provider value={runtime}>
      {reviewing && (
        <Review
          ref={reviewRef}
          sections={reviewSections(
            uischema,
            schema,
            dataRef.current,
            ajv as unknown as Ajv,
            props.form.title,
          )}
          submitLabel={outcome?.label ?? props.submitLabel}
          outcome={outcome === undefined ? undefined : (outcome?.state.label ?? null)}
          submitting={submitting}
          failure={failureBox}
          onConfirm={() => void send()}
          onEdit={(section) => {
            setReviewing(false);
            if (section.step !== undefined && stepControl.current) stepControl.current(section.step);
            else window.history.back();
          }}
        />
      )}
      <form
        hidden={reviewing}
        noValidate
        className="greffe-form"
        onSubmit={(e) => {
          e.preventDefault();
          // Enter in a field of a stepped form must not submit an unfinished step.
          if (!stepped) submit();
        }}
      >
        <p className="fr-text--sm greffe-muted">
          Sauf mention « facultatif », tous les champs sont obligatoires.
        </p>
        {!reviewing && failureBox}
        {summary && summary.length > 0 && <ErrorSummary ref={summaryRef} errors={summary} />}
        {ajv === null && (
          <p className="greffe-muted">
            {ajvFailure
              ? 'Le formulaire n’a pas pu se charger : vérifiez votre connexion, puis rechargez la page.'
              : 'Chargement du formulaire…'}
          </p>
        )}
        {ajv !== null && (
          <JsonForms
            schema={schema}
            uischema={uischema}
            data={initial}
            renderers={dsfrRenderers}
            // Ajv2020 and ajv's default class share their API; JSON Forms' type names the latter only.
            ajv={ajv as unknown as Ajv}
            i18n={i18n}
            validationMode={ready ? 'ValidateAndShow' : 'NoValidation'}
            additionalErrors={additionalErrors}
            middleware={keepData}
            onChange={(state) => {
              if (state.data !== reported.current) {
                reported.current = state.data;
                props.onChange?.(state.data);
              }
            }}
          />
        )}
        {!stepped && (
          <ul className="fr-btns-group fr-btns-group--inline-md greffe-form-buttons">
            <li>
              <button type="submit" className="fr-btn" disabled={submitting || !ready}>
                {submitting ? 'Envoi en cours…' : runtime.submitLabel}
              </button>
            </li>
            {props.secondaryActions}
          </ul>
        )}
      </form>
    </FormRuntimeContext.Provider>
  );
}
