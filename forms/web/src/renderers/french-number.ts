/** Numbers as people in France type them. */

/** "1 200,50" → 1200.5; undefined for an empty text; NaN when not a number. */
export function parseFrenchNumber(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}
