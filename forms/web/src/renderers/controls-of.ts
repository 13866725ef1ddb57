/**
 * Which fields a part of a form shows, and which errors belong to them: the
 * stepper checks only the current step's fields before moving on, and the
 * error summary links each message to its field.
 */
import {
  composePaths,
  getControlPath,
  isVisible,
  type JsonSchema,
  Resolve,
  toDataPath,
  type UISchemaElement,
} from '@jsonforms/core';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { errorMessageFr } from '../lib/ajv-loader.ts';
import { fieldId } from './form-context.ts';

export interface ControlInfo {
  /** JSON Forms data path ("adresse.ville"). */
  readonly path: string;
  readonly label: string;
  /** HTML id of the field (see fieldId). */
  readonly id: string;
  /** The field's own schema (titles of its options, its type), for showing its value. */
  readonly schema?: JsonSchema | undefined;
}

export interface FieldError {
  readonly label: string;
  readonly message: string;
  /** Undefined when the error concerns no visible field. */
  readonly id?: string;
}

interface Walk {
  readonly rootSchema: JsonSchema;
  readonly data: unknown;
  readonly ajv: Ajv;
}

const lastSegment = (scope: string): string => scope.split('/').at(-1) ?? scope;

/** Visible controls under `element`, in reading order. */
export function visibleControls(element: UISchemaElement, w: Walk, path = ''): ControlInfo[] {
  if (!isVisible(element, w.data, path, w.ajv, undefined)) return [];
  const el = element as UISchemaElement & { scope?: string; label?: unknown; elements?: UISchemaElement[] };
  if (el.type === 'Control' && typeof el.scope === 'string') {
    const schema = Resolve.schema(w.rootSchema, el.scope, w.rootSchema);
    const dataPath = composePaths(path, toDataPath(el.scope));
    const label = typeof el.label === 'string' ? el.label : (schema?.title ?? lastSegment(el.scope));
    return [{ path: dataPath, label, id: fieldId(dataPath), schema }];
  }
  return (el.elements ?? []).flatMap((child) => visibleControls(child, w, path));
}

const SUMMARY = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']);

const owns = (control: ControlInfo, errorPath: string): boolean =>
  errorPath === control.path || errorPath.startsWith(`${control.path}.`);

/** The errors of the given controls, each with its field's label and a French message. */
export function errorsOf(
  controls: readonly ControlInfo[],
  errors: readonly ErrorObject[],
  root?: unknown,
): FieldError[] {
  const out: (FieldError & { order: number })[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (SUMMARY.has(e.keyword)) continue;
    const path = getControlPath(e);
    // A missing object ("astreinte" required) is shown on its first field.
    const control =
      controls.find((c) => owns(c, path)) ?? controls.find((c) => c.path.startsWith(`${path}.`));
    if (!control) continue;
    const message = errorMessageFr(e, root);
    const key = `${control.id}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label: control.label, message, id: control.id, order: controls.indexOf(control) });
  }
  // In the order the fields appear on the page, not the order the schema checks them.
  return out.sort((a, b) => a.order - b.order).map(({ order: _order, ...e }) => e);
}

/** Errors no visible field shows (a hidden field the schema still requires): reported, never silently dropped. */
export function orphanErrors(
  controls: readonly ControlInfo[],
  errors: readonly ErrorObject[],
  root?: unknown,
): FieldError[] {
  const shown = (path: string) => controls.some((c) => owns(c, path) || c.path.startsWith(`${path}.`));
  return errors
    .filter((e) => !SUMMARY.has(e.keyword) && !shown(getControlPath(e)))
    .map((e) => ({ label: getControlPath(e) || 'Formulaire', message: errorMessageFr(e, root) }));
}
