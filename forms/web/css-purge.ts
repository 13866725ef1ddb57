/**
 * Keeps only the DSFR CSS the app uses. The design system ships ~700 KB of CSS;
 * a citizen on a slow connection should download the rules of the classes our
 * components write, not the whole catalogue. A rule is kept when every `fr-`
 * class of one of its selectors (outside functional pseudo-classes such as
 * `:not()`) appears in the app's source; other rules are kept as they are.
 */

/** A parsed piece of a stylesheet: a rule or at-rule with its block, or a statement. */
interface Node {
  readonly prelude: string;
  /** Undefined for statements ending with `;` (e.g. `@charset`). */
  readonly block?: string;
}

/** Index just past the block that starts at `open` (a `{`), skipping strings and comments. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") i = stringEnd(css, i);
    else if (c === '/' && css[i + 1] === '*') i = css.indexOf('*/', i + 2) + 1;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`CSS mal formée : accolade ouverte à la position ${open} jamais fermée.`);
}

function stringEnd(css: string, start: number): number {
  const quote = css[start];
  for (let i = start + 1; i < css.length; i++) {
    if (css[i] === '\\') i++;
    else if (css[i] === quote) return i;
  }
  return css.length;
}

/** Splits a stylesheet (or a block's content) into its top-level nodes; comments are dropped. */
export function parseCss(css: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /\s/.test(css[i] as string)) i++;
    if (css.startsWith('/*', i)) {
      i = css.indexOf('*/', i + 2) + 2;
      if (i === 1) break;
      continue;
    }
    if (i >= css.length) break;
    let j = i;
    let depth = 0;
    while (j < css.length) {
      const c = css[j];
      if (c === '"' || c === "'") j = stringEnd(css, j);
      else if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (depth === 0 && (c === '{' || c === ';')) break;
      j++;
    }
    const prelude = css.slice(i, j).trim();
    if (css[j] === ';' || j >= css.length) {
      if (prelude) nodes.push({ prelude });
      i = j + 1;
      continue;
    }
    const end = blockEnd(css, j);
    nodes.push({ prelude, block: css.slice(j + 1, end - 1) });
    i = end;
  }
  return nodes;
}

/** Splits a selector list on its top-level commas. */
export function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '\\') i++;
    else if (c === '"' || c === "'") i = stringEnd(list, i);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The selector with every functional pseudo-class's argument removed (`:not(.a)` → `:not()`). */
function withoutPseudoArguments(selector: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i] as string;
    if (c === '\\' && depth === 0) {
      out += c + (selector[i + 1] ?? '');
      i++;
    } else if (c === '(') {
      if (depth === 0) out += c;
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) out += c;
    } else if (depth === 0) out += c;
  }
  return out;
}

const CLASS = /\.((?:\\.|[\w-])+)/g;

/** The `fr-` classes a selector requires (unescaped), outside functional pseudo-classes. */
export function requiredClasses(selector: string): string[] {
  const bare = withoutPseudoArguments(selector.replace(/\[[^\]]*\]/g, '[]'));
  return [...bare.matchAll(CLASS)]
    .map((m) => (m[1] as string).replace(/\\(.)/g, '$1'))
    .filter((c) => c.startsWith('fr-'));
}

export interface PurgeOptions {
  /** `fr-` classes the app may put in its markup. */
  readonly used: ReadonlySet<string>;
  /** Selectors matching this are dropped whatever their classes (e.g. the dark theme). */
  readonly drop?: RegExp;
}

const GROUPING = /^@(media|supports|layer|container|-moz-document)\b/;

/** The stylesheet without the rules the app cannot match. */
export function purgeCss(css: string, options: PurgeOptions): string {
  const out: string[] = [];
  for (const node of parseCss(css)) {
    if (node.block === undefined) {
      out.push(`${node.prelude};`);
    } else if (GROUPING.test(node.prelude)) {
      const inner = purgeCss(node.block, options);
      if (inner) out.push(`${node.prelude}{${inner}}`);
    } else if (node.prelude.startsWith('@')) {
      out.push(`${node.prelude}{${node.block}}`);
    } else {
      const kept = splitSelectors(node.prelude).filter(
        (s) => !options.drop?.test(s) && requiredClasses(s).every((c) => options.used.has(c)),
      );
      if (kept.length) out.push(`${kept.join(',')}{${node.block}}`);
    }
  }
  return out.join('');
}

/** Every `fr-` class written literally in `source` (class names are never computed in our code). */
export function classesIn(source: string): Set<string> {
  return new Set([...source.matchAll(/\bfr-[a-z0-9_-]*[a-z0-9]/g)].map((m) => m[0]));
}

/** Splits a declaration block on its top-level semicolons. */
export function splitDeclarations(block: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (c === '\\') i++;
    else if (c === '"' || c === "'") i = stringEnd(block, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      out.push(block.slice(start, i));
      start = i + 1;
    }
  }
  out.push(block.slice(start));
  return out.map((d) => d.trim()).filter(Boolean);
}

const VAR_REF = /var\(\s*(--[\w-]+)/g;
const customName = (decl: string): string | undefined => /^(--[\w-]+)\s*:/.exec(decl)?.[1];

/** Applies `fn` to the declaration list of every style rule and keyframe, at any depth. */
function mapDeclarations(css: string, fn: (decls: string[]) => string[]): string {
  return parseCss(css)
    .map((n) => {
      if (n.block === undefined) return `${n.prelude};`;
      const grouping = GROUPING.test(n.prelude) || /^@(-webkit-)?keyframes\b/.test(n.prelude);
      if (grouping) return `${n.prelude}{${mapDeclarations(n.block, fn)}}`;
      const decls = fn(splitDeclarations(n.block));
      return decls.length || n.prelude.startsWith('@') ? `${n.prelude}{${decls.join(';')}}` : '';
    })
    .join('');
}

/**
 * Drops custom properties nothing reads: the DSFR defines hundreds of colour
 * tokens on :root; only those a kept rule uses (directly, or through another
 * used token) are worth sending.
 */
export function pruneCustomProperties(css: string): string {
  const definitions = new Map<string, string[]>();
  const used = new Set<string>();
  mapDeclarations(css, (decls) => {
    for (const d of decls) {
      const name = customName(d);
      const refs = [...d.matchAll(VAR_REF)].map((m) => m[1] as string);
      if (name) definitions.set(name, [...(definitions.get(name) ?? []), ...refs]);
      else for (const r of refs) used.add(r);
    }
    return decls;
  });
  const queue = [...used];
  while (queue.length) {
    for (const r of definitions.get(queue.pop() as string) ?? []) {
      if (!used.has(r)) {
        used.add(r);
        queue.push(r);
      }
    }
  }
  return mapDeclarations(css, (decls) =>
    decls.filter((d) => {
      const name = customName(d);
      return !name || used.has(name);
    }),
  );
}
