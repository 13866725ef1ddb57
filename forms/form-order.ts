/** The order a form asks its questions in, read from its UI schema (the web app and the filing receipt share it). */

/** The data paths of a UI schema's controls, in reading order ("demandeur.nom"). */
export function controlOrder(uischema: unknown): string[] {
  const el = uischema as { scope?: unknown; elements?: unknown[] } | null;
  if (!el || typeof el !== 'object') return [];
  const own =
    typeof el.scope === 'string'
      ? [
          el.scope
            .replace(/^#\/?/, '')
            .split('/')
            .filter((_segment, i) => i % 2 === 1)
            .join('.'),
        ]
      : [];
  return [...own, ...(el.elements ?? []).flatMap(controlOrder)];
}
