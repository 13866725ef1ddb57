/**
 * The text of a document an event produces (`produce:` effect): the act's
 * title, the case, the date, who made it, and the form's answers under their
 * French labels. Plain UTF-8 text, deterministic (its SHA-256 is journaled
 * and signed over); the formatted, signed PDF comes with the connectors issue.
 */
import { formatValue, type Procedure } from '../../spec/index.ts';
import { formatDateFr } from './dates.ts';
import { sha256Hex } from './hash.ts';
import type { ProducedDocument } from './types.ts';

type Schema = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The label of an enum value when the schema gives one (`oneOf: [{ const, title }]`). */
function valueLabel(schema: Schema | undefined, v: unknown): string | undefined {
  const options = schema && Array.isArray(schema.oneOf) ? schema.oneOf : [];
  for (const o of options) if (isObj(o) && o.const === v && typeof o.title === 'string') return o.title;
  return undefined;
}

function formatField(schema: Schema | undefined, v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    const items = isObj(schema?.items) ? (schema.items as Schema) : undefined;
    if (v.every((x) => !isObj(x))) return v.map((x) => valueLabel(items, x) ?? formatValue(x)).join(', ');
    return v.map((x, i) => `\n${indent}  ${i + 1}. ${formatField(items, x, `${indent}  `)}`).join('');
  }
  if (isObj(v)) return formatAnswers(schema, v, `${indent}  `);
  return valueLabel(schema, v) ?? formatValue(v);
}

function formatAnswers(
  schema: Schema | undefined,
  data: Readonly<Record<string, unknown>>,
  indent: string,
): string {
  const props = isObj(schema?.properties) ? (schema.properties as Record<string, unknown>) : {};
  // In the form's order, then any other key sorted: the act depends on the data, not on the order
  // its keys arrived in (the journal keeps canonical JSON, and the audit re-derives the act from it).
  const order = Object.keys(props);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(data)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]) => {
      const s = isObj(props[key]) ? (props[key] as Schema) : undefined;
      const label = typeof s?.title === 'string' ? s.title : key;
      return `\n${indent}${label} : ${formatField(s, v, indent)}`;
    })
    .join('');
}

export interface ProduceInput {
  readonly procedure: Procedure;
  readonly kind: string;
  /** Null for a draft (not filed yet: no docket number). */
  readonly caseReference: string | null;
  readonly eventLabel: string;
  readonly actorRole: string | null;
  readonly form?: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Civil date of the act in the court's zone. */
  readonly date: string;
  /** An act of service's statement of remedies (CPC art. 680, spec/remedies.ts). */
  readonly statement?: { readonly title: string; readonly paragraphs: readonly string[] };
}

export function produceDocument(input: ProduceInput): ProducedDocument {
  const { procedure, kind } = input;
  const doc = procedure.documents[kind];
  const label = doc?.label ?? kind;
  const role = input.actorRole
    ? (procedure.roles[input.actorRole]?.label ?? input.actorRole)
    : 'la plateforme';
  const form = input.form ? procedure.forms[input.form] : undefined;
  const lines = [
    label.toUpperCase(),
    '',
    input.caseReference === null ? 'Affaire non enregistrée (brouillon)' : `Affaire ${input.caseReference}`,
    `${procedure.shortTitle ?? procedure.id} — version ${procedure.version} de la procédure`,
    `Acte : ${input.eventLabel}, par ${role}, le ${formatDateFr(input.date)}.`,
  ];
  const answers = formatAnswers(form?.schema, input.data, '');
  if (answers) lines.push('', form?.title ?? 'Contenu', answers.slice(1));
  if (input.statement) lines.push('', input.statement.title, ...input.statement.paragraphs);
  const content = `${lines.join('\n')}\n`;
  const bytes = Buffer.from(content, 'utf8');
  return {
    kind,
    filename: `${kind}-${(input.caseReference ?? 'brouillon').replace(/[^A-Za-z0-9-]+/g, '-')}.txt`,
    mediaType: 'text/plain; charset=utf-8',
    content,
    sha256: sha256Hex(bytes),
    size: bytes.length,
  };
}
