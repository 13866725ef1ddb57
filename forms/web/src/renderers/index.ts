/** Our DSFR renderer set for JSON Forms: `{ tester, renderer }` entries, the highest-ranked tester wins. */
import type { JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import { arrayControl } from './array-control.tsx';
import { booleanControl } from './boolean-control.tsx';
import { enumControl, oneOfEnumControl } from './enum-control.tsx';
import { layoutRenderers } from './layouts.tsx';
import { multiEnumControl } from './multi-enum-control.tsx';
import { numberControl } from './number-control.tsx';
import { stepperRenderer } from './stepper.tsx';
import { dateControl, textareaControl, textControl } from './text-control.tsx';
import { uploadControl } from './upload-control.tsx';

export const dsfrRenderers: JsonFormsRendererRegistryEntry[] = [
  textControl,
  textareaControl,
  dateControl,
  numberControl,
  booleanControl,
  enumControl,
  oneOfEnumControl,
  multiEnumControl,
  uploadControl,
  arrayControl,
  stepperRenderer,
  ...layoutRenderers,
];
