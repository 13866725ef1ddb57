/**
 * Recorded form data shown as a list of "question: answer": in the order the
 * form asks the questions, each with the title its form gives it, each option
 * with its label — never a raw key, nor the order the server stored them in.
 */
import type { FormView } from '../lib/api-schema.gen.ts';
import { controlOrder } from '../../../form-order.ts';
import { formatCount } from '../lib/format.ts';

interface Schema {
  readonly title?: string;
  /** The label for readers other than the one who filled the form (form language, `title_tiers`). */
  readonly title_tiers?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly oneOf?: readonly { readonly const?: unknown; readonly title?: string }[];
}

/** How to read one form's data: its schema (titles, option labels) and the order its UI schema asks things. */
export interface DataShape {
  readonly schema?: Schema | undefined;
  /** Data paths ("demandeur.nom") in the order the form shows them. */
  readonly order: readonly string[];
}

export const shapeOf = (form: FormView | undefined): DataShape =>
  form ? { schema: form.schema as Schema, order: controlOrder(form.uischema) } : { order: [] };

/** "consentement_electronique" → "Consentement electronique": the last resort when no form names a value. */
const humanize = (key: string): string => {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function optionLabel(schema: Schema | undefined, value: unknown, titles: Readonly<Record<string, string>>) {
  const own = (schema?.oneOf ?? schema?.items?.oneOf)?.find((o) => o.const === value)?.title;
  return own ?? titles[String(value)] ?? String(value ?? '');
}

/** One item of a list: an uploaded document by its file name, anything else as its own list. */
function itemOf(
  x: unknown,
  schema: Schema | undefined,
  titles: Readonly<Record<string, string>>,
  tiers: boolean,
) {
  if (!x || typeof x !== 'object') return optionLabel(schema, x, titles);
  const doc = x as { filename?: unknown };
  if (typeof doc.filename === 'string') return doc.filename;
  return (
    <DataList
      data={x as Record<string, unknown>}
      shape={{ schema, order: [] }}
      titles={titles}
      tiers={tiers}
    />
  );
}

function show(
  v: unknown,
  schema: Schema | undefined,
  shape: DataShape,
  path: string,
  titles: Readonly<Record<string, string>>,
  tiers = false,
): React.ReactNode {
  if (v === true) return 'Oui';
  if (v === false) return 'Non';
  if (typeof v === 'number') return formatCount(v);
  if (Array.isArray(v)) {
    if (!v.some((x) => x && typeof x === 'object'))
      return v.map((x) => optionLabel(schema, x, titles)).join(', ');
    return (
      <ol className="greffe-data-items">
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: recorded data, shown once, never reordered.
          <li key={i}>{itemOf(x, schema?.items, titles, tiers)}</li>
        ))}
      </ol>
    );
  }
  if (v && typeof v === 'object')
    return (
      <DataList
        data={v as Record<string, unknown>}
        shape={{ schema, order: shape.order }}
        prefix={path}
        titles={titles}
        tiers={tiers}
      />
    );
  return optionLabel(schema, v, titles);
}

/** One recorded value shown as its answer ("Oui", an option's label, a list of files…). */
export function FieldValue({ value, schema }: { value: unknown; schema?: unknown }) {
  return <>{show(value, schema as Schema | undefined, { order: [] }, '', {})}</>;
}

export function DataList({
  data,
  shape = { order: [] },
  prefix = '',
  titles = {},
  tiers = false,
}: {
  data: Readonly<Record<string, unknown>>;
  shape?: DataShape;
  /** Data path of `data` inside the form's data ("" at the top). */
  prefix?: string;
  /** Titles to fall back on for keys the form does not describe (the case's facts). */
  titles?: Readonly<Record<string, string>>;
  /** Read by someone other than the one who filled the form: each field's `title_tiers` where it has one. */
  tiers?: boolean;
}) {
  const props = shape.schema?.properties ?? {};
  const schemaOrder = Object.keys(props);
  const rank = (k: string): number => {
    const full = prefix ? `${prefix}.${k}` : k;
    const i = shape.order.findIndex((p) => p === full || p.startsWith(`${full}.`));
    if (i >= 0) return i;
    const j = schemaOrder.indexOf(k);
    return j >= 0 ? shape.order.length + j : Number.MAX_SAFE_INTEGER;
  };
  const keys = Object.keys(data)
    .filter((k) => data[k] !== undefined && data[k] !== null && data[k] !== '')
    .map((k, i) => ({ k, r: rank(k), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.k);
  return (
    <dl className="greffe-data">
      {keys.map((k) => (
        <div key={k}>
          <dt>
            {(tiers ? props[k]?.title_tiers : undefined) ?? props[k]?.title ?? titles[k] ?? humanize(k)}
          </dt>
          <dd>{show(data[k], props[k], shape, prefix ? `${prefix}.${k}` : k, titles, tiers)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Titles of a form's fields (their `title_tiers` where they have one: the case's facts are read by others
 * than who gave them) and of its labelled options (`oneOf: [{ const, title }]`), by name and value.
 */
export function schemaTitles(schema: unknown, into: Record<string, string> = {}): Record<string, string> {
  if (!schema || typeof schema !== 'object') return into;
  const s = schema as Schema;
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const title = p?.title_tiers ?? p?.title;
    if (title && !into[k]) into[k] = title;
    schemaTitles(p, into);
  }
  for (const o of s.oneOf ?? []) {
    if (o.title && typeof o.const === 'string' && !into[o.const]) into[o.const] = o.title;
  }
  if (s.items) schemaTitles(s.items, into);
  return into;
}
