/** Several choices (an array of enum values, or of `oneOf` const/title): a group of checkboxes. */
import { fieldBase } from './field.tsx';
import {
  and,
  type ControlProps,
  type DispatchPropsOfMultiEnumControl,
  type JsonSchema,
  type OwnPropsOfEnum,
  rankWith,
  schemaMatches,
  uiTypeIs,
} from '@jsonforms/core';
import { withJsonFormsMultiEnumProps } from '@jsonforms/react';
import { ChoiceFieldset } from './choice-fieldset.tsx';
import { useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

const hasChoiceItems = (schema: JsonSchema): boolean => {
  if (schema.type !== 'array' || !schema.items || Array.isArray(schema.items)) return false;
  const items = schema.items as JsonSchema;
  return Array.isArray(items.enum) || (Array.isArray(items.oneOf) && items.oneOf.every((o) => 'const' in o));
};

function MultiEnumControl(given: ControlProps & OwnPropsOfEnum & DispatchPropsOfMultiEnumControl) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors, touch] = useShowErrors();
  if (!props.visible) return null;
  const selected: unknown[] = Array.isArray(props.data) ? props.data : [];
  return (
    <ChoiceFieldset
      {...fieldBase(props, showErrors)}
      enabled={props.enabled}
      kind="checkbox"
      choices={props.options ?? []}
      isChecked={(v) => selected.includes(v)}
      onToggle={(v, checked) => {
        const next = checked ? [...selected.filter((s) => s !== v), v] : selected.filter((s) => s !== v);
        // An empty list reads as "not answered", so "required" and "minItems" say the same thing.
        props.handleChange(props.path, next.length ? next : undefined);
      }}
      onBlur={touch}
    />
  );
}

export const multiEnumControl = {
  tester: rankWith(5, and(uiTypeIs('Control'), schemaMatches(hasChoiceItems))),
  renderer: withJsonFormsMultiEnumProps(MultiEnumControl),
};
