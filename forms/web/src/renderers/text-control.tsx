/** Text, long text (options.multi), e-mail, phone and date fields. */
import {
  type ControlProps,
  isDateControl,
  isMultiLineControl,
  isStringControl,
  rankWith,
} from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../../limits.ts';
import { formatCount } from '../lib/format.ts';
import { FieldFrame, fieldBase } from './field.tsx';
import { useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

const AUTOCOMPLETE: Record<string, string> = { email: 'email', tel: 'tel' };

function inputType(format: string | undefined): string {
  if (format === 'email') return 'email';
  if (format === 'date') return 'date';
  if (format === 'tel') return 'tel';
  return 'text';
}

function TextControl(given: ControlProps) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors, touch] = useShowErrors();
  const options = (props.uischema.options ?? {}) as Record<string, unknown>;
  const format = (props.schema.format ?? (options.format as string | undefined)) as string | undefined;
  const multi = options.multi === true;
  const longest = props.schema.maxLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const value = typeof props.data === 'string' ? props.data : '';
  const set = (v: string) => props.handleChange(props.path, v === '' ? undefined : v);
  const autocomplete =
    (options.autocomplete as string | undefined) ?? (format ? AUTOCOMPLETE[format] : undefined);
  return (
    <FieldFrame
      {...fieldBase(props, showErrors)}
      visible={props.visible}
      group="fr-input-group"
      errorGroup="fr-input-group--error"
    >
      {({ id, describedBy, invalid }) =>
        multi ? (
          <>
            <textarea
              className={invalid ? 'fr-input fr-input--error' : 'fr-input'}
              id={id}
              name={props.path}
              rows={(options.rows as number | undefined) ?? 6}
              value={value}
              disabled={!props.enabled}
              aria-describedby={`${describedBy} ${id}-longueur`}
              aria-invalid={invalid || undefined}
              aria-required={props.required || undefined}
              maxLength={longest}
              onChange={(e) => set(e.target.value)}
              onBlur={touch}
            />
            {/* The bound shown, not only enforced: the server's own when the spec sets none. */}
            <p className="fr-hint-text fr-mt-1w" id={`${id}-longueur`} data-testid="longueur">
              {formatCount(value.length)} sur {formatCount(longest)} caractères au maximum
            </p>
          </>
        ) : (
          <input
            className={invalid ? 'fr-input fr-input--error' : 'fr-input'}
            id={id}
            name={props.path}
            type={inputType(format)}
            value={value}
            disabled={!props.enabled}
            autoComplete={autocomplete}
            spellCheck={format ? false : undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={props.required || undefined}
            maxLength={props.schema.maxLength}
            onChange={(e) => set(e.target.value)}
            onBlur={touch}
          />
        )
      }
    </FieldFrame>
  );
}

export const textControl = {
  tester: rankWith(1, isStringControl),
  renderer: withJsonFormsControlProps(TextControl),
};
export const textareaControl = {
  tester: rankWith(2, (u, s, c) => isStringControl(u, s, c) && isMultiLineControl(u, s, c)),
  renderer: withJsonFormsControlProps(TextControl),
};
export const dateControl = {
  tester: rankWith(3, isDateControl),
  renderer: withJsonFormsControlProps(TextControl),
};
