/** A DSFR fieldset of radios or checkboxes: legend, hint, options, messages. */
import { errorLines, labelText, Messages } from './field.tsx';
import { fieldId } from './form-context.ts';

export interface Choice {
  readonly label: string;
  readonly value: unknown;
}

export interface ChoiceFieldsetProps {
  readonly path: string;
  readonly label: string;
  readonly description?: string | undefined;
  readonly required?: boolean | undefined;
  readonly errors: string;
  readonly showErrors: boolean;
  readonly enabled: boolean;
  readonly kind: 'radio' | 'checkbox';
  readonly choices: readonly Choice[];
  readonly isChecked: (value: unknown) => boolean;
  readonly onToggle: (value: unknown, checked: boolean) => void;
  readonly onBlur: (event: { relatedTarget: EventTarget | null }) => void;
  /** Options side by side (yes/no). */
  readonly inline?: boolean;
}

export function ChoiceFieldset(p: ChoiceFieldsetProps) {
  const id = fieldId(p.path);
  const lines = p.showErrors ? errorLines(p.errors) : [];
  const invalid = lines.length > 0;
  const legendId = `${id}-legend`;
  const messagesId = `${id}-messages`;
  return (
    <fieldset
      className={invalid ? 'fr-fieldset fr-fieldset--error' : 'fr-fieldset'}
      id={id}
      aria-labelledby={`${legendId} ${messagesId}`}
      aria-invalid={invalid || undefined}
      onBlur={(e) => {
        // Touched when focus leaves the whole group, not when moving between its options.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) p.onBlur(e);
      }}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={legendId}>
        {labelText(p.label, p.required)}
        {p.description && <span className="fr-hint-text">{p.description}</span>}
      </legend>
      {p.choices.map((c, i) => {
        const optionId = `${id}-${i}`;
        return (
          <div
            key={optionId}
            className={
              p.inline ? 'fr-fieldset__element fr-fieldset__element--inline' : 'fr-fieldset__element'
            }
          >
            <div className={p.kind === 'radio' ? 'fr-radio-group' : 'fr-checkbox-group'}>
              <input
                type={p.kind}
                id={optionId}
                name={p.path}
                checked={p.isChecked(c.value)}
                disabled={!p.enabled}
                onChange={(e) => p.onToggle(c.value, e.target.checked)}
              />
              <label className="fr-label" htmlFor={optionId}>
                {c.label}
              </label>
            </div>
          </div>
        );
      })}
      <Messages id={messagesId} lines={lines} />
    </fieldset>
  );
}
