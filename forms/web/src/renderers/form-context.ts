/** What our renderers need from the page around a form, beyond JSON Forms' own state. */
import { createContext, useContext, useState } from 'react';
import type { UploadedDocument } from '../lib/api-schema.gen.ts';

export interface FormRuntime {
  /** Every error is shown (after a submit or a "next step" attempt), not only those of fields left once. */
  readonly showAllErrors: boolean;
  setShowAllErrors(show: boolean): void;
  /** Validates then submits the whole form (the stepper calls it on its last step). */
  submit(): void;
  readonly submitLabel: string;
  readonly submitting: boolean;
  /** False until the validator has come (lib/early-ajv.ts): the steps and the form are not checked before. */
  readonly ready: boolean;
  /** Step to open first (a resumed draft), and a callback when the step changes. */
  readonly initialStep: number;
  onStepChange?(step: number): void;
  /** Filled by the stepper: shows step `n` (0-based) as a new history entry (the review's "Modifier"). */
  readonly stepControl?: { current: ((n: number) => void) | undefined };
  /** Uploads a file as a case document; undefined where there is no case yet. */
  readonly upload?: (
    kind: string,
    file: File,
    onProgress: (fraction: number) => void,
  ) => { promise: Promise<UploadedDocument>; abort: () => void };
  /** Extra buttons shown beside "submit" (e.g. save the draft). */
  readonly secondaryActions?: React.ReactNode;
}

export const FormRuntimeContext = createContext<FormRuntime>({
  showAllErrors: false,
  setShowAllErrors: () => {},
  submit: () => {},
  submitLabel: 'Envoyer',
  submitting: false,
  ready: true,
  initialStep: 0,
});

export const useFormRuntime = (): FormRuntime => useContext(FormRuntimeContext);

/** A stable HTML id for the field at a JSON Forms data path ("adresse.ville" → "champ-adresse-ville"). */
export const fieldId = (path: string): string => `champ-${path.replace(/[^A-Za-z0-9_-]+/g, '-') || 'racine'}`;

/**
 * Whether to show a field's errors: once the person has left the field, or
 * when the whole step/form has been checked. Typing in an empty field does
 * not greet them with an error.
 */
export function useShowErrors(): [boolean, (event?: { relatedTarget: EventTarget | null }) => void] {
  const { showAllErrors } = useFormRuntime();
  const [touched, setTouched] = useState(false);
  const touch = (event?: { relatedTarget: EventTarget | null }) => {
    // Leaving a field for a button (next step, send): the check that button runs shows the errors. Showing
    // them now would move the button under the pointer between press and release, and swallow the click.
    const to = event?.relatedTarget;
    if (to instanceof HTMLElement && to.tagName === 'BUTTON') return;
    setTouched(true);
  };
  return [showAllErrors || touched, touch];
}
