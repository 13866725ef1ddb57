/**
 * Amounts and counts. A text input rather than type="number": people write
 * "1 200,50" in France, and a number input would drop what it cannot parse
 * without a word. The text is kept as typed; the data gets the number, or the
 * raw text when it is not one, so validation says "Saisissez un nombre.".
 */
import { type ControlProps, isIntegerControl, isNumberControl, rankWith } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useEffect, useState } from 'react';
import { FieldFrame } from './field.tsx';
import { useShowErrors } from './form-context.ts';
import { parseFrenchNumber } from './french-number.ts';
import { useRequired } from './required.ts';

const display = (n: unknown): string =>
  typeof n === 'number' ? String(n).replace('.', ',') : typeof n === 'string' ? n : '';

function NumberControl(given: ControlProps) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors, touch] = useShowErrors();
  const [text, setText] = useState(display(props.data));
  // Follow outside changes (a draft loaded, a reset) without fighting the person typing.
  useEffect(() => {
    const n = parseFrenchNumber(text);
    if (props.data !== n && !(typeof props.data === 'string' && props.data === text))
      setText(display(props.data));
  }, [props.data, text]);
  const integer = props.schema.type === 'integer';
  // A value that may be unknown (`type: [number, "null"]`, e.g. a good with no stated value): left empty, it is null.
  const nullable = Array.isArray(props.schema.type) && props.schema.type.includes('null');
  const unit = (props.uischema.options?.unit as string | undefined) ?? undefined;
  const onChange = (t: string) => {
    setText(t);
    const n = parseFrenchNumber(t);
    const empty = nullable ? null : undefined;
    props.handleChange(props.path, n === undefined ? empty : Number.isNaN(n) ? t : n);
  };
  return (
    <FieldFrame
      path={props.path}
      label={unit ? `${props.label} (${unit})` : props.label}
      description={props.description}
      required={props.required}
      errors={props.errors}
      showErrors={showErrors}
      visible={props.visible}
      group="fr-input-group"
      errorGroup="fr-input-group--error"
    >
      {({ id, describedBy, invalid }) => (
        <input
          className={invalid ? 'fr-input fr-input--error' : 'fr-input'}
          id={id}
          name={props.path}
          type="text"
          inputMode={integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={text}
          disabled={!props.enabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={props.required || undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={touch}
        />
      )}
    </FieldFrame>
  );
}

export const numberControl = {
  tester: rankWith(2, (u, s, c) => isNumberControl(u, s, c) || isIntegerControl(u, s, c)),
  renderer: withJsonFormsControlProps(NumberControl),
};
