/** The DSFR frame of a single-input field: label with hint, the input, and its error messages. */
import type { ReactNode } from 'react';
import { fieldId } from './form-context.ts';

export interface FieldFrameProps {
  readonly path: string;
  readonly label: string;
  readonly description?: string | undefined;
  readonly required?: boolean | undefined;
  /** JSON Forms' combined error string (one message per line). */
  readonly errors: string;
  readonly showErrors: boolean;
  readonly visible: boolean;
  /** DSFR group class: fr-input-group, fr-select-group, fr-upload-group. */
  readonly group: string;
  readonly errorGroup: string;
  readonly children: (a11y: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
}

/** The label text, with "(facultatif)" when the field may be left empty (DSFR: obligatory unless said otherwise). */
export function labelText(label: string, required: boolean | undefined): string {
  return required ? label : `${label} (facultatif)`;
}

/**
 * The distinct messages of a field. The same message can come twice: the browser's check and the server's
 * (its 422 problems, passed to JSON Forms as additional errors) both say "Répondez à cette question.".
 */
export const errorLines = (errors: string): string[] => [
  ...new Set(errors.split('\n').filter((l) => l.trim() !== '')),
];

export function Messages({ id, lines }: { id: string; lines: readonly string[] }) {
  // Always in the DOM, so screen readers announce messages as they appear (aria-live).
  return (
    <div className="fr-messages-group" id={id} aria-live="polite">
      {lines.map((l) => (
        <p key={l} className="fr-message fr-message--error">
          {l}
        </p>
      ))}
    </div>
  );
}

/** What every field takes from its JSON Forms control, passed in one spread: `<FieldFrame {...fieldBase(props, showErrors)} …>`. */
export function fieldBase(
  control: {
    readonly path: string;
    readonly label: string;
    readonly description?: string | undefined;
    readonly required?: boolean | undefined;
    readonly errors: string;
  },
  showErrors: boolean,
) {
  return {
    path: control.path,
    label: control.label,
    description: control.description,
    required: control.required,
    errors: control.errors,
    showErrors,
  };
}

export function FieldFrame(props: FieldFrameProps) {
  if (!props.visible) return null;
  const id = fieldId(props.path);
  const lines = props.showErrors ? errorLines(props.errors) : [];
  const invalid = lines.length > 0;
  const messagesId = `${id}-messages`;
  const hintId = `${id}-hint`;
  const describedBy = [props.description ? hintId : '', messagesId].filter(Boolean).join(' ');
  return (
    <div className={invalid ? `${props.group} ${props.errorGroup}` : props.group}>
      <label className="fr-label" htmlFor={id}>
        {labelText(props.label, props.required)}
        {/* A space, so the accessible name reads "Nom Votre nom…", not "NomVotre nom…". */}
        {props.description && ' '}
        {props.description && (
          <span className="fr-hint-text" id={hintId}>
            {props.description}
          </span>
        )}
      </label>
      {props.children({ id, describedBy, invalid })}
      <Messages id={messagesId} lines={lines} />
    </div>
  );
}
