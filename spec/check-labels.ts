/**
 * Labels written for one reader, shown to others (issue 15, point 4): a form's
 * field `title` speaks to the person filling the form ("Votre adresse
 * électronique"); the history and the case file show what was filled to every
 * role that sees the event, who read it as addressed to them unless the field
 * gives a neutral `title_tiers` ("Adresse électronique du défendeur").
 *
 * `second-person-label` (warning, draft versions only: a published version is
 * frozen, and its labels are the record of what was asked) is reported for each
 * field title, at any depth of the form's schema (`properties`, `items`), that
 * - is in the second person: it contains the word « vous », « votre » or « vos »,
 *   in any case, alone or joined by a hyphen (« Êtes-vous », « vous-même ») —
 *   a word, not a part of one (« vosgien » is not), nor the noun « rendez-vous »;
 * - has no `title_tiers`;
 * - belongs to a form filled by a transition whose event another role sees:
 *   its `visible_to` is empty (every role of the case) or names a role that is
 *   not among the transition's `roles`.
 * A form no transition uses, or whose events only its fillers see, is left alone.
 */
import type { BuildContext } from './build-context.ts';
import type { Transition } from './model.ts';
import type { Path, SourceFile } from './yaml-source.ts';

/**
 * « vous », « votre », « vos » as a word of their own (letters on neither side; a hyphen is no letter,
 * so « Êtes-vous » counts), but not the noun « rendez-vous ».
 */
export const SECOND_PERSON = /(?<!\p{L})(?<!rendez-)(vous|votre|vos)(?!\p{L})/iu;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Roles, other than the ones who file it, that see the event of each form (form id → roles). */
function otherReaders(
  transitions: readonly Transition[],
  roles: readonly string[],
): Map<string, Set<string>> {
  const readers = new Map<string, Set<string>>();
  for (const t of transitions) {
    if (!t.form) continue;
    const seeing = t.visibleTo.length === 0 ? roles : t.visibleTo;
    const others = seeing.filter((r) => !t.roles.includes(r));
    if (others.length === 0) continue;
    const set = readers.get(t.form) ?? new Set<string>();
    for (const r of others) set.add(r);
    readers.set(t.form, set);
  }
  return readers;
}

/** Warns `second-person-label` on each second-person field title, shown to others, without `title_tiers`. */
export function checkSecondPersonLabels(
  forms: readonly SourceFile[],
  transitions: readonly Transition[],
  roles: readonly string[],
  ctx: BuildContext,
): void {
  const readers = otherReaders(transitions, roles);
  for (const src of forms) {
    if (!isObject(src.data) || typeof src.data.id !== 'string') continue;
    const others = readers.get(src.data.id);
    if (!others) continue;
    const who = [...others].sort().join(', ');
    const walk = (node: unknown, path: Path): void => {
      if (!isObject(node)) return;
      if (isObject(node.properties)) {
        for (const [key, field] of Object.entries(node.properties)) {
          if (!isObject(field)) continue;
          const at = [...path, 'properties', key];
          const title = field.title;
          if (typeof title === 'string' && SECOND_PERSON.test(title) && field.title_tiers === undefined) {
            ctx.warn(
              'second-person-label',
              src.locate([...at, 'title']),
              `Le libellé « ${title} » s’adresse à celui qui remplit le formulaire, mais la réponse est montrée à d’autres rôles (${who}) : ils le liraient comme s’il leur parlait.`,
              'Ajoutez sous ce champ title_tiers: avec le libellé neutre qu’ils liront (ex. « Adresse électronique du défendeur » pour « Votre adresse électronique »).',
            );
          }
          walk(field, at);
        }
      }
      if (isObject(node.items)) walk(node.items, [...path, 'items']);
    };
    walk(src.data.schema, ['schema']);
  }
}
