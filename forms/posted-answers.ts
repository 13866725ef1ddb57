/**
 * A form's answers from its posted fields, typed as its schema's properties want them: the server
 * reads the eligibility questionnaire posted without JavaScript (runtime/api/eligibility-page.ts),
 * and the web app reads the same form when it takes it over (forms/web/src/lib/server-form.ts),
 * the same way.
 */

/** "1 200,50" → 1200.5, as people in France type numbers; undefined for an empty text; NaN when not a number. */
export function parseFrenchNumber(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

interface FieldSchema {
  readonly type?: string | readonly string[];
}

const typesOf = (s: FieldSchema): readonly string[] =>
  Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];

/**
 * The answers the entries give: numbers written the French way (« 1 200,50 »), booleans from
 * "true"/"false", arrays from checkboxes; an empty field is not an answer. A number that does not
 * read stays text, for the form (or the rules) to point out.
 */
export function answersFromEntries(
  properties: Readonly<Record<string, FieldSchema>>,
  entries: ReadonlyMap<string, readonly string[]>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const raw = entries.get(name);
    if (!raw) continue;
    const t = typesOf(schema);
    if (t.includes('array')) {
      if (raw.length > 0) answers[name] = [...raw];
      continue;
    }
    const v = (raw[0] ?? '').trim();
    if (v === '') continue;
    if (t.includes('number') || t.includes('integer')) {
      const n = parseFrenchNumber(v);
      answers[name] = n !== undefined && Number.isFinite(n) ? n : v;
    } else if (t.includes('boolean')) {
      if (v === 'true' || v === 'false') answers[name] = v === 'true';
    } else answers[name] = v;
  }
  return answers;
}
