/**
 * Every text field of a form has a maximum length (issue 14): without one, a
 * 20 MB "description" was accepted into the append-only journal for ever.
 * A string needs no `maxLength` when its values are listed (`enum`, `const`,
 * `oneOf`/`anyOf` of constants) or fixed in shape (`format: date`, `date-time`, `time`).
 */
import type { BuildContext } from './build-context.ts';
import type { Path, SourceFile } from './yaml-source.ts';

const BOUNDED_FORMATS = new Set(['date', 'date-time', 'time']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function listed(node: Record<string, unknown>): boolean {
  if (Array.isArray(node.enum) || 'const' in node) return true;
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = node[k];
    if (Array.isArray(alts) && alts.length > 0 && alts.every((a) => isObject(a) && 'const' in a)) return true;
  }
  return false;
}

function isString(node: Record<string, unknown>): boolean {
  return node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'));
}

/** Warns `unbounded-string` for each string field of the form's schema without a maximum length. */
export function checkStringLengths(src: SourceFile, ctx: BuildContext): void {
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    const bounded =
      typeof node.maxLength === 'number' ||
      listed(node) ||
      (typeof node.format === 'string' && BOUNDED_FORMATS.has(node.format));
    if (isString(node) && !bounded) {
      ctx.warn(
        'unbounded-string',
        src.locate([...path, 'type']),
        'Ce champ de texte n’a pas de longueur maximale : une saisie de plusieurs mégaoctets serait acceptée et gardée au journal.',
        'Ajoutez maxLength: (par exemple 200 pour une ligne, 5000 pour un récit).',
      );
    }
    for (const [k, v] of Object.entries(node)) if (typeof v === 'object') walk(v, [...path, k]);
  };
  if (isObject(src.data)) walk(src.data.schema, ['schema']);
}
