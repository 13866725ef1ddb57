/** Lists of items (claims, pieces, persons): each item in its own fieldset, with add and remove buttons. */
import {
  type ArrayLayoutProps,
  composePaths,
  createDefaultValue,
  findUISchema,
  isObjectArrayControl,
  isPrimitiveArrayControl,
  rankWith,
} from '@jsonforms/core';
import { JsonFormsDispatch, withJsonFormsArrayLayoutProps } from '@jsonforms/react';
import { errorLines, labelText, Messages } from './field.tsx';
import { fieldId, useShowErrors } from './form-context.ts';
import { useRequired } from './required.ts';

function ArrayControl(given: ArrayLayoutProps) {
  // Required also when an earlier answer makes it so (renderers/required.ts).
  const props = { ...given, required: useRequired(given) };
  const [showErrors] = useShowErrors();
  if (!props.visible) return null;
  const id = fieldId(props.path);
  const count = props.data ?? 0;
  const detail = findUISchema(
    props.uischemas ?? [],
    props.schema,
    props.uischema.scope,
    props.path,
    undefined,
    props.uischema,
    props.rootSchema,
  );
  const max = props.arraySchema.maxItems;
  const lines = showErrors ? errorLines(props.errors) : [];
  return (
    <fieldset className="fr-fieldset greffe-group" id={id} aria-labelledby={`${id}-legend ${id}-messages`}>
      <legend className="fr-fieldset__legend" id={`${id}-legend`}>
        {labelText(props.label, props.required)}
        {props.description && <span className="fr-hint-text">{props.description}</span>}
      </legend>
      <div className="greffe-group__content">
        {Array.from({ length: count }, (_, index) => {
          const childPath = composePaths(props.path, `${index}`);
          return (
            <fieldset key={childPath} className="fr-fieldset greffe-array-item">
              <legend className="fr-fieldset__legend fr-fieldset__legend--regular">
                {props.label} n° {index + 1}
              </legend>
              <div className="greffe-group__content">
                <JsonFormsDispatch
                  uischema={detail}
                  schema={props.schema}
                  path={childPath}
                  enabled={props.enabled}
                  renderers={props.renderers}
                  cells={props.cells}
                />
                {props.removeItems && !props.disableRemove && (
                  <button
                    type="button"
                    className="fr-btn fr-btn--secondary fr-btn--sm"
                    disabled={!props.enabled}
                    onClick={props.removeItems(props.path, [index])}
                  >
                    Supprimer {props.label.toLowerCase()} n° {index + 1}
                  </button>
                )}
              </div>
            </fieldset>
          );
        })}
        {!props.disableAdd && (max === undefined || count < max) && (
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm"
            disabled={!props.enabled}
            onClick={props.addItem(props.path, createDefaultValue(props.schema, props.rootSchema))}
          >
            Ajouter : {props.label.toLowerCase()}
          </button>
        )}
        <Messages id={`${id}-messages`} lines={lines} />
      </div>
    </fieldset>
  );
}

export const arrayControl = {
  tester: rankWith(3, (u, s, c) => isObjectArrayControl(u, s, c) || isPrimitiveArrayControl(u, s, c)),
  renderer: withJsonFormsArrayLayoutProps(ArrayControl),
};
