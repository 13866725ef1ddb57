/**
 * A confidential exchange shown as a conversation (issue 15, point 5): the
 * conciliation's messages between the parties and the conciliator. Nothing
 * here names a procedure's ids; a spec's transition is a message of the
 * thread when it
 *  - takes a form and is fired by a person (not automatic),
 *  - is restricted by `visible_to` (the confidentiality: the judge and the
 *    registry are not in the list, so they never read it — the same gate as
 *    the timeline's, runtime/access/policy.ts `canSee`),
 *  - and stays within one phase (its source states and its target share a phase).
 * Its form's lists of free strings (no enumeration) are the attachments:
 * each value must be the id of a document of the case its author may see —
 * picked, never typed.
 */
import type { JsonSchema, Procedure } from '../../spec/index.ts';
import { GreffeError } from '../errors.ts';

/** The events whose journal items make the thread, in spec order. */
export function threadEvents(p: Procedure): ReadonlySet<string> {
  const out = new Set<string>();
  for (const t of p.transitions) {
    if (t.automatic || !t.form || t.visibleTo.length === 0) continue;
    const phases = new Set([...t.from, ...(t.to ? [t.to] : [])].map((s) => p.states[s]?.phase));
    if (phases.size === 1 && !phases.has(undefined)) out.add(t.event);
  }
  return out;
}

/** The label of the thread: its phase's, from its first event. */
export function threadLabel(p: Procedure, events: ReadonlySet<string>): string | undefined {
  const first = p.transitions.find((t) => events.has(t.event));
  const phase = first ? p.states[first.from[0] ?? '']?.phase : undefined;
  return phase ? p.phases[phase]?.label : undefined;
}

function isFreeStringList(s: JsonSchema | undefined): boolean {
  if (!s || typeof s !== 'object' || s.type !== 'array') return false;
  const items = s.items as JsonSchema | undefined;
  return (
    !!items &&
    typeof items === 'object' &&
    items.type === 'string' &&
    items.enum === undefined &&
    items.oneOf === undefined &&
    items.const === undefined &&
    items.format === undefined
  );
}

/** The form's top-level fields that hold attachments (lists of free strings). */
export function attachmentFields(p: Procedure, formId: string | undefined): string[] {
  const props = (formId ? p.forms[formId]?.schema.properties : undefined) ?? {};
  return Object.entries(props as Record<string, JsonSchema>)
    .filter(([, s]) => isFreeStringList(s))
    .map(([k]) => k);
}

/**
 * Refuses a thread message whose attachments are not documents of the case
 * the author may see (422 UNKNOWN_ATTACHMENT), before the reducer runs.
 */
export function checkAttachments(
  p: Procedure,
  event: string,
  data: Readonly<Record<string, unknown>>,
  visibleDocumentIds: ReadonlySet<string>,
): void {
  if (!threadEvents(p).has(event)) return;
  const form = p.transitions.find((t) => t.event === event)?.form;
  for (const field of attachmentFields(p, form)) {
    const values = data[field];
    if (!Array.isArray(values)) continue;
    for (const v of values) {
      if (typeof v === 'string' && visibleDocumentIds.has(v)) continue;
      throw new GreffeError(
        422,
        'UNKNOWN_ATTACHMENT',
        'Une pièce jointe n’est pas un document de l’affaire : choisissez-la parmi les documents du dossier ' +
          '(déposez-la d’abord si elle n’y est pas).',
        { field, value: typeof v === 'string' ? v : JSON.stringify(v) },
      );
    }
  }
}
