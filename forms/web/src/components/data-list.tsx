/** Recorded form data shown as a list of "question: answer", with the spec's own titles where known. */
import { formatCount } from '../lib/format.ts';

function show(v: unknown, titles: Readonly<Record<string, string>>): React.ReactNode {
  if (v === true) return 'Oui';
  if (v === false) return 'Non';
  if (typeof v === 'number') return formatCount(v);
  if (Array.isArray(v))
    return v
      .map((x) => (typeof x === 'object' ? JSON.stringify(x) : (titles[String(x)] ?? String(x))))
      .join(', ');
  if (v && typeof v === 'object') return <DataList data={v as Record<string, unknown>} titles={titles} />;
  return titles[String(v)] ?? String(v ?? '');
}

export function DataList({
  data,
  titles,
}: {
  data: Readonly<Record<string, unknown>>;
  titles: Readonly<Record<string, string>>;
}) {
  return (
    <dl className="greffe-data">
      {Object.entries(data).map(([k, v]) => (
        <div key={k}>
          <dt>{titles[k] ?? k}</dt>
          <dd>{show(v, titles)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Titles of a form's fields and of its labelled options (`oneOf: [{ const, title }]`), by name and value. */
export function schemaTitles(schema: unknown, into: Record<string, string> = {}): Record<string, string> {
  if (!schema || typeof schema !== 'object') return into;
  const s = schema as { properties?: Record<string, { title?: string }>; oneOf?: unknown[]; items?: unknown };
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    if (p?.title && !into[k]) into[k] = p.title;
    schemaTitles(p, into);
  }
  for (const o of s.oneOf ?? []) {
    const c = o as { const?: unknown; title?: string };
    if (c.title && typeof c.const === 'string' && !into[c.const]) into[c.const] = c.title;
  }
  if (s.items) schemaTitles(s.items, into);
  return into;
}
