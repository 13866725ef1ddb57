/**
 * One choice among several: radios when there are few options (all visible at
 * once, easier for everyone), a select list beyond five. `enum` and
 * `oneOf: [{ const, title }]` (labelled options) are both supported;
 * options.format: radio | select forces one.
 */
import {
  type ControlProps,
  type EnumOption,
  isEnumControl,
  isOneOfEnumControl,
  type OwnPropsOfEnum,
  rankWith,
} from '@jsonforms/core';
import { withJsonFormsEnumProps, withJsonFormsOneOfEnumProps } from '@jsonforms/react';
import { ChoiceFieldset } from './choice-fieldset.tsx';
import { FieldFrame, fieldBase } from './field.tsx';
import { useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

const RADIO_MAX = 5;

function EnumControl(given: ControlProps & OwnPropsOfEnum) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors, touch] = useShowErrors();
  const options: EnumOption[] = props.options ?? [];
  const format = props.uischema.options?.format as string | undefined;
  const radio = format === 'radio' || (format !== 'select' && options.length <= RADIO_MAX);
  if (!props.visible) return null;
  if (radio) {
    return (
      <ChoiceFieldset
        {...fieldBase(props, showErrors)}
        enabled={props.enabled}
        kind="radio"
        inline={options.length <= 2 && options.every((o) => o.label.length <= 12)}
        choices={options}
        isChecked={(v) => props.data === v}
        onToggle={(v) => {
          props.handleChange(props.path, v);
          touch();
        }}
        onBlur={touch}
      />
    );
  }
  const index = options.findIndex((o) => o.value === props.data);
  return (
    <FieldFrame
      {...fieldBase(props, showErrors)}
      visible={props.visible}
      group="fr-select-group"
      errorGroup="fr-select-group--error"
    >
      {({ id, describedBy, invalid }) => (
        <select
          className={invalid ? 'fr-select fr-select--error' : 'fr-select'}
          id={id}
          name={props.path}
          value={index < 0 ? '' : String(index)}
          disabled={!props.enabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={props.required || undefined}
          onChange={(e) => {
            const o = e.target.value === '' ? undefined : options[Number(e.target.value)];
            props.handleChange(props.path, o?.value);
          }}
          onBlur={touch}
        >
          <option value="">Choisir une réponse</option>
          {options.map((o, i) => (
            <option key={String(o.value)} value={String(i)}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export const enumControl = {
  tester: rankWith(2, isEnumControl),
  renderer: withJsonFormsEnumProps(EnumControl),
};
export const oneOfEnumControl = {
  tester: rankWith(3, isOneOfEnumControl),
  renderer: withJsonFormsOneOfEnumProps(EnumControl),
};
