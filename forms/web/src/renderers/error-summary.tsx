/** The list of what to fix, shown above a step or form after a failed check; each line leads to its field. */
import { forwardRef } from 'react';
import type { FieldError } from './controls-of.ts';

/** Focuses a field by id; for a group of radios or checkboxes, its first option. */
export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches('input, select, textarea, button')
    ? el
    : el.querySelector<HTMLElement>('input, select, textarea, button');
  (target ?? el).focus();
  el.scrollIntoView({ block: 'center' });
}

export const ErrorSummary = forwardRef<HTMLDivElement, { errors: readonly FieldError[]; title?: string }>(
  function ErrorSummary({ errors, title }, ref) {
    const n = errors.length;
    return (
      <div className="fr-alert fr-alert--error fr-mb-3w" ref={ref} tabIndex={-1}>
        <h2 className="fr-alert__title">
          {title ?? (n > 1 ? `${n} réponses sont à corriger` : 'Une réponse est à corriger')}
        </h2>
        <ul>
          {errors.map((e) => (
            <li key={`${e.id ?? e.label}-${e.message}`}>
              {e.id ? (
                <a
                  href={`#${e.id}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    focusField(e.id as string);
                  }}
                >
                  {e.label} : {e.message}
                </a>
              ) : (
                `${e.label} : ${e.message}`
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  },
);
