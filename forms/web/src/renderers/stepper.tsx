/**
 * A Categorization as a DSFR stepper: one category per step, "Étape 2 sur 4",
 * the next step's title, Previous/Next buttons. "Next" checks only the fields
 * of the current step; the last step's button submits the whole form, going
 * back to the first step with something to fix. Each step is an entry of the
 * browser's history (`?etape=2`): Back and Forward move between steps, and a
 * reload stays on the step.
 */
import {
  type Categorization,
  type Category,
  categorizationHasCategory,
  isVisible,
  type LayoutProps,
  rankWith,
  type UISchemaElement,
  uiTypeIs,
  and,
} from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms, withJsonFormsLayoutProps } from '@jsonforms/react';
import type Ajv from 'ajv';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { navigate } from '../lib/router.ts';
import { errorsOf, type FieldError, visibleControls } from './controls-of.ts';
import { ErrorSummary } from './error-summary.tsx';
import { useFormRuntime } from './form-context.ts';

const STEP_PARAM = 'etape';

/** The step the address names (0-based), if any. */
function stepInUrl(): number | undefined {
  const n = Number(new URLSearchParams(window.location.search).get(STEP_PARAM));
  return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}

/** The current address with the step `n` (0-based) in its query string. */
function urlWithStep(n: number): string {
  const params = new URLSearchParams(window.location.search);
  params.set(STEP_PARAM, String(n + 1));
  return `${window.location.pathname}?${params}${window.location.hash}`;
}

function Stepper(props: LayoutProps) {
  const ctx = useJsonForms();
  const runtime = useFormRuntime();
  const data = ctx.core?.data;
  const ajv = ctx.core?.ajv as Ajv;
  const categories = (props.uischema as Categorization).elements.filter(
    (c): c is Category => c.type === 'Category' && isVisible(c, data, props.path, ajv, undefined),
  );
  const last = categories.length - 1;
  const [step, setStep] = useState(() =>
    Math.min(Math.max(stepInUrl() ?? runtime.initialStep, 0), Math.max(last, 0)),
  );
  const [summary, setSummary] = useState<FieldError[] | null>(null);
  const [moved, setMoved] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const current = categories[Math.min(step, last)];

  useLayoutEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step change only.
  useLayoutEffect(() => {
    // After a step change, focus the new step's title so screen readers read where the person is.
    if (moved) titleRef.current?.focus();
  }, [step]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address names the step shown at first, once.
  useEffect(() => {
    if (stepInUrl() !== step) window.history.replaceState(window.history.state, '', urlWithStep(step));
  }, []);
  // Back and Forward: the step the address now names, shown without a new history entry.
  const onHistory = useRef<(n: number) => void>(() => {});
  onHistory.current = (n: number) => {
    if (n === step || n > last) return;
    setMoved(true);
    setSummary(null);
    runtime.setShowAllErrors(false);
    setStep(n);
    runtime.onStepChange?.(n);
  };
  // A layout effect: listening from the moment the step is on screen, so a Back pressed right after
  // a reload (before a passive effect would run) is not missed.
  useLayoutEffect(() => {
    const pop = () => {
      const n = stepInUrl();
      if (n !== undefined) onHistory.current(n);
    };
    window.addEventListener('popstate', pop);
    return () => window.removeEventListener('popstate', pop);
  }, []);

  if (!props.visible || !current) return null;

  const errorsIn = (category: Category): FieldError[] =>
    errorsOf(
      visibleControls(category, { rootSchema: ctx.core?.schema ?? props.schema, data, ajv }, props.path),
      ctx.core?.errors ?? [],
      ctx.core?.schema,
    );

  const go = (n: number) => {
    setMoved(true);
    setSummary(null);
    runtime.setShowAllErrors(false);
    setStep(n);
    runtime.onStepChange?.(n);
    // One history entry per step (lib/router.ts's navigate also tells the app the address changed).
    navigate(urlWithStep(n));
  };

  // The review page's "Modifier" opens a step through this (the form stays mounted while reviewed).
  if (runtime.stepControl) runtime.stepControl.current = go;

  const check = (n: number): boolean => {
    const category = categories[n];
    const errors = category ? errorsIn(category) : [];
    if (errors.length === 0) return true;
    if (n !== step) {
      setMoved(true);
      setStep(n);
      navigate(urlWithStep(n), { replace: true });
    }
    runtime.setShowAllErrors(true);
    setSummary(errors);
    return false;
  };

  const next = () => {
    if (check(step)) go(step + 1);
  };

  const submit = () => {
    for (let i = 0; i <= last; i++) if (!check(i)) return;
    runtime.submit();
  };

  const following = categories[step + 1];
  const content: UISchemaElement = { type: 'VerticalLayout', elements: current.elements } as UISchemaElement;
  return (
    <div className="greffe-stepper">
      <div className="fr-stepper">
        <h2 className="fr-stepper__title" ref={titleRef} tabIndex={-1}>
          {current.label}
          <span className="fr-stepper__state">
            Étape {step + 1} sur {categories.length}
          </span>
        </h2>
        <div
          className="fr-stepper__steps"
          data-fr-current-step={step + 1}
          data-fr-steps={categories.length}
        />
        {following && (
          <p className="fr-stepper__details">
            <span className="fr-text--bold">Étape suivante :</span> {following.label}
          </p>
        )}
      </div>
      {summary && summary.length > 0 && <ErrorSummary ref={summaryRef} errors={summary} />}
      <JsonFormsDispatch
        // A fresh subtree per step: fields of two steps must not share state (e.g. "already visited").
        key={step}
        uischema={content}
        schema={props.schema}
        path={props.path}
        enabled={props.enabled}
        renderers={props.renderers}
        cells={props.cells}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md greffe-form-buttons">
        {step > 0 && (
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => go(step - 1)}>
              Étape précédente
            </button>
          </li>
        )}
        <li>
          {step < last ? (
            <button type="button" className="fr-btn" onClick={next}>
              Étape suivante
            </button>
          ) : (
            <button type="button" className="fr-btn" onClick={submit} disabled={runtime.submitting}>
              {runtime.submitting ? 'Envoi en cours…' : runtime.submitLabel}
            </button>
          )}
        </li>
        {runtime.secondaryActions}
      </ul>
    </div>
  );
}

export const stepperRenderer = {
  tester: rankWith(2, and(uiTypeIs('Categorization'), categorizationHasCategory)),
  renderer: withJsonFormsLayoutProps(Stepper),
};
