/** Layouts: vertical and horizontal stacks, groups as DSFR fieldsets, static labels, nested objects. */
import {
  findUISchema,
  type GroupLayout,
  isObjectControl,
  type LabelProps,
  type Layout,
  type LayoutProps,
  rankWith,
  type StatePropsOfControlWithDetail,
  uiTypeIs,
} from '@jsonforms/core';
import {
  JsonFormsDispatch,
  withJsonFormsDetailProps,
  withJsonFormsLabelProps,
  withJsonFormsLayoutProps,
} from '@jsonforms/react';
import { fieldId } from './form-context.ts';

function Children({ props, className }: { props: LayoutProps; className: string }) {
  const layout = props.uischema as Layout;
  return (
    <div className={className}>
      {layout.elements.map((child, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: UI schema elements have no id and never move.
          key={i}
          className={props.direction === 'row' ? 'fr-col-12 fr-col-md' : 'greffe-form-item'}
        >
          <JsonFormsDispatch
            uischema={child}
            schema={props.schema}
            path={props.path}
            enabled={props.enabled}
            renderers={props.renderers}
            cells={props.cells}
          />
        </div>
      ))}
    </div>
  );
}

function VerticalLayout(props: LayoutProps) {
  if (!props.visible) return null;
  return <Children props={props} className="greffe-stack" />;
}

function HorizontalLayout(props: LayoutProps) {
  if (!props.visible) return null;
  return <Children props={{ ...props, direction: 'row' }} className="fr-grid-row fr-grid-row--gutters" />;
}

function Group(props: LayoutProps) {
  if (!props.visible) return null;
  const label = (props.uischema as GroupLayout).label ?? props.label;
  return (
    <fieldset className="fr-fieldset greffe-group">
      {label && <legend className="fr-fieldset__legend">{label}</legend>}
      <div className="fr-fieldset__content greffe-group__content">
        <Children props={{ ...props, direction: 'column' }} className="greffe-stack" />
      </div>
    </fieldset>
  );
}

function Label(props: LabelProps) {
  if (!props.visible || !props.text) return null;
  return <p className="greffe-form-text">{props.text}</p>;
}

/** A nested object without its own layout: its fields in a fieldset, laid out as the schema lists them. */
function ObjectControl(props: StatePropsOfControlWithDetail) {
  if (!props.visible) return null;
  const detail = findUISchema(
    props.uischemas ?? [],
    props.schema,
    props.uischema.scope,
    props.path,
    'Group',
    props.uischema,
    props.rootSchema,
  );
  const shown =
    detail.type === 'Group' && !(detail as GroupLayout).label ? { ...detail, label: props.label } : detail;
  return (
    <div id={fieldId(props.path)}>
      <JsonFormsDispatch
        uischema={shown}
        schema={props.schema}
        path={props.path}
        enabled={props.enabled}
        renderers={props.renderers}
        cells={props.cells}
      />
    </div>
  );
}

function Unknown() {
  return (
    <p className="fr-message fr-message--error">
      Ce champ ne peut pas être affiché : le formulaire de la procédure utilise un type de champ que la
      plateforme ne connaît pas.
    </p>
  );
}

export const layoutRenderers = [
  { tester: rankWith(1, uiTypeIs('VerticalLayout')), renderer: withJsonFormsLayoutProps(VerticalLayout) },
  { tester: rankWith(1, uiTypeIs('HorizontalLayout')), renderer: withJsonFormsLayoutProps(HorizontalLayout) },
  { tester: rankWith(1, uiTypeIs('Group')), renderer: withJsonFormsLayoutProps(Group) },
  { tester: rankWith(1, uiTypeIs('Label')), renderer: withJsonFormsLabelProps(Label) },
  { tester: rankWith(2, isObjectControl), renderer: withJsonFormsDetailProps(ObjectControl) },
  { tester: rankWith(0, () => true), renderer: Unknown },
];
