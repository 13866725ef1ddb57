/**
 * A form's fields as the catalogue lists them, in the order the UI schema
 * shows them: label, help, expected answer, whether it is required (always
 * or under a condition), and when it is shown (UI-schema rules).
 */
import type { Form, Procedure } from '../../spec/index.ts';
import { formatNumber, joinFr, renderTemplate } from '../../spec/index.ts';

type Node = Record<string, unknown>;

export interface FieldRow {
  readonly path: string;
  readonly title: string;
  readonly description?: string;
  readonly answer: string;
  readonly required: string;
  readonly shown: readonly string[];
  readonly section?: string;
}

const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `#/properties/a/properties/b` → ['a', 'b']. */
const scopePath = (scope: string): string[] =>
  scope
    .replace(/^#\//, '')
    .split('/')
    .filter((_, i) => i % 2 === 1);

function nodeAt(schema: Node, path: readonly string[]): { node: Node; parent: Node } {
  let parent = schema;
  let node = schema;
  for (const key of path) {
    parent = node.type === 'array' ? obj(node.items) : node;
    node = obj(obj(parent.properties)[key]);
  }
  return { node, parent };
}

function options(node: Node): { value: unknown; label: string }[] {
  const src = node.type === 'array' ? obj(node.items) : node;
  if (Array.isArray(src.oneOf))
    return src.oneOf.map((o) => ({ value: obj(o).const, label: str(obj(o).title) ?? String(obj(o).const) }));
  if (Array.isArray(src.enum)) return src.enum.map((v) => ({ value: v, label: String(v) }));
  return [];
}

function valueLabel(node: Node, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return options(node).find((o) => o.value === v)?.label ?? String(v);
}

function answer(node: Node): string {
  const opts = options(node);
  const parts: string[] = [];
  if (node.const === true) parts.push('doit être coché');
  else if (opts.length)
    parts.push(
      `${node.type === 'array' ? 'un ou plusieurs choix' : 'un choix'} parmi : ${opts.map((o) => `« ${o.label} »`).join(', ')}`,
    );
  else if (node.type === 'boolean') parts.push('oui ou non');
  else if (node.type === 'number' || node.type === 'integer')
    parts.push(node.type === 'integer' ? 'un nombre entier' : 'un nombre');
  else if (node.format === 'email') parts.push('une adresse électronique');
  else if (node.format === 'date') parts.push('une date');
  else if (node.type === 'object') parts.push('un groupe de champs (détaillés ci-dessous)');
  else if (node.type === 'array') parts.push('une liste');
  else parts.push('un texte');
  if (typeof node.minimum === 'number') parts.push(`au moins ${formatNumber(node.minimum)}`);
  if (typeof node.maximum === 'number') parts.push(`au plus ${formatNumber(node.maximum)}`);
  if (typeof node.minLength === 'number') parts.push(`au moins ${node.minLength} caractères`);
  if (typeof node.maxLength === 'number') parts.push(`au plus ${node.maxLength} caractères`);
  if (typeof node.pattern === 'string') parts.push('format imposé');
  return parts.join(', ');
}

const EFFECT_FR: Record<string, string> = {
  SHOW: 'affiché',
  HIDE: 'masqué',
  ENABLE: 'modifiable',
  DISABLE: 'non modifiable',
};

function conditionFr(schema: Node, scope: string, cond: Node): string {
  const { node } = nodeAt(schema, scopePath(scope));
  const title = str(node.title) ?? scopePath(scope).join('.');
  if ('const' in cond) return `« ${title} » vaut « ${valueLabel(node, cond.const)} »`;
  if (Array.isArray(cond.enum))
    return `« ${title} » vaut ${joinFr(
      cond.enum.map((v) => `« ${valueLabel(node, v)} »`),
      'ou',
    )}`;
  return `« ${title} » remplit une condition`;
}

/** "oui", "non", or "oui, si « X » vaut « V »" from `required` and `allOf: [{ if, then: { required } }]`. */
function requiredFr(parent: Node, key: string): string {
  if (Array.isArray(parent.required) && parent.required.includes(key)) return 'oui';
  const when = (Array.isArray(parent.allOf) ? parent.allOf : []).flatMap((c) => {
    const then = obj(obj(c).then);
    if (!Array.isArray(then.required) || !then.required.includes(key)) return [];
    return Object.entries(obj(obj(obj(c).if).properties)).map(([k, v]) =>
      conditionFr(parent, `#/properties/${k}`, obj(v)),
    );
  });
  return when.length ? `oui, si ${joinFr(when, 'ou')}` : 'non';
}

export function formFields(p: Procedure, form: Form): FieldRow[] {
  const schema = form.schema as Node;
  const rows: FieldRow[] = [];
  const seen = new Set<string>();
  const t = (s: string | undefined) => (s === undefined ? undefined : renderTemplate(s, p));
  const addField = (path: string[], shown: string[], section?: string, label?: string) => {
    const key = path.join('.');
    if (seen.has(key)) return;
    seen.add(key);
    const { node, parent } = nodeAt(schema, path);
    const desc = t(str(node.description));
    rows.push({
      path: key,
      title: t(label ?? str(node.title) ?? path.at(-1) ?? key) as string,
      ...(desc !== undefined && { description: desc }),
      answer: answer(node),
      required: requiredFr(parent, path.at(-1) ?? ''),
      shown,
      ...(section !== undefined && { section }),
    });
    const inner = node.type === 'array' ? obj(node.items) : node;
    for (const k of Object.keys(obj(inner.properties))) addField([...path, k], shown, section);
  };
  const walk = (el: Node, shown: string[], section?: string) => {
    const rule = obj(el.rule);
    const cond = obj(rule.condition);
    const here =
      typeof cond.scope === 'string'
        ? [
            ...shown,
            `${EFFECT_FR[String(rule.effect)] ?? 'concerné'} si ${conditionFr(schema, cond.scope, obj(cond.schema))}`,
          ]
        : shown;
    const sec = el.type === 'Category' || el.type === 'Group' ? (str(el.label) ?? section) : section;
    if (el.type === 'Control' && typeof el.scope === 'string')
      addField(scopePath(el.scope), here, sec, str(el.label));
    for (const child of Array.isArray(el.elements) ? el.elements : []) walk(obj(child), here, sec);
  };
  walk(obj(form.uischema), []);
  for (const k of Object.keys(obj(schema.properties))) addField([k], [], 'Autres champs');
  return rows;
}
