/**
 * Yes/no fields. A question (its title ends with "?") gets "Oui"/"Non" radios,
 * so an unanswered question stays unanswered; a statement ("J'atteste…", "La
 * décision est assortie d'une astreinte") gets one checkbox, unticked meaning
 * false. `options.format: radio | checkbox` decides otherwise.
 */
import { type ControlProps, isBooleanControl, rankWith } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { ChoiceFieldset } from './choice-fieldset.tsx';
import { errorLines, labelText, Messages } from './field.tsx';
import { isQuestion } from './boolean-question.ts';
import { fieldId, useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

const YES_NO = [
  { label: 'Oui', value: true },
  { label: 'Non', value: false },
];

function BooleanControl(given: ControlProps) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors, touch] = useShowErrors();
  const question = isQuestion(props.uischema.options?.format, props.label, props.schema.const === true);
  // An unticked box starts as false in the data (see uncheckedBoxes, applied when the form opens).
  const { data, path, handleChange, visible } = props;
  if (!visible) return null;
  if (question) {
    return (
      <ChoiceFieldset
        path={path}
        label={props.label}
        description={props.description}
        required={props.required}
        errors={props.errors}
        showErrors={showErrors}
        enabled={props.enabled}
        kind="radio"
        inline
        choices={YES_NO}
        isChecked={(v) => data === v}
        onToggle={(v) => {
          handleChange(path, v);
          touch();
        }}
        onBlur={touch}
      />
    );
  }
  const id = fieldId(path);
  const lines = showErrors ? errorLines(props.errors) : [];
  const hintId = `${id}-hint`;
  return (
    <div className={lines.length ? 'fr-checkbox-group fr-checkbox-group--error' : 'fr-checkbox-group'}>
      <input
        type="checkbox"
        id={id}
        name={path}
        checked={data === true}
        disabled={!props.enabled}
        aria-describedby={[props.description ? hintId : '', `${id}-messages`].filter(Boolean).join(' ')}
        aria-invalid={lines.length > 0 || undefined}
        onChange={(e) => {
          handleChange(path, props.schema.const === true && !e.target.checked ? undefined : e.target.checked);
          touch();
        }}
        onBlur={touch}
      />
      <label className="fr-label" htmlFor={id}>
        {props.schema.const === true ? props.label : labelText(props.label, props.required)}
        {props.description && (
          <span className="fr-hint-text" id={hintId}>
            {props.description}
          </span>
        )}
      </label>
      <Messages id={`${id}-messages`} lines={lines} />
    </div>
  );
}

export const booleanControl = {
  tester: rankWith(2, isBooleanControl),
  renderer: withJsonFormsControlProps(BooleanControl),
};
