/** Reads one YAML spec file into plain data plus a locator of every node (file:line:col). */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { type Diagnostic, diagnostic } from './diagnostic.ts';
import type { Loc } from './model.ts';

export type Path = readonly (string | number)[];

export interface SourceFile {
  readonly file: string;
  readonly data: unknown;
  /** The file's first line (where the `# yaml-language-server: $schema=` comment belongs). */
  readonly firstLine: string;
  /** Where the node at `path` starts; falls back to the nearest ancestor written in the file. */
  locate(path: Path): Loc;
  /** Where the key of the property at `path` starts (the value's position when there is no key). */
  locateKey(path: Path): Loc;
}

const pointer = (path: Path): string => path.map((p) => `/${String(p).replaceAll('/', '~1')}`).join('');

/**
 * Parses `text` strictly: YAML warnings (bad tags, ambiguous aliases, unknown
 * directives) are errors, keys must be scalars, duplicate keys are errors.
 */
export function parseSource(file: string, text: string): { source?: SourceFile; diagnostics: Diagnostic[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const at = (offset: number): Loc => {
    const { line, col } = counter.linePos(offset);
    return { file, line, column: col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    diagnostics.push(
      diagnostic(
        'yaml-syntax',
        'error',
        at(e.pos[0]),
        `YAML invalide : ${e.message.split('\n')[0]}`,
        'Vérifiez l’indentation, les deux-points après chaque clé et les guillemets autour des textes contenant « : » ou « # ».',
      ),
    );
  }
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  // Keys are JSON-pointer-like strings built incrementally: one string per node, no path arrays.
  const join = (prefix: string, part: string | number) =>
    prefix === '' && part === '' ? '' : `${prefix}/${String(part).replaceAll('/', '~1')}`;
  const walk = (node: unknown, ptr: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.range) values.set(ptr, n.range[0]);
    if (isMap(n)) {
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        if (!isScalar(pair.key)) {
          const off = (pair.key as Node | null)?.range?.[0] ?? n.range?.[0] ?? 0;
          diagnostics.push(
            diagnostic(
              'yaml-syntax',
              'error',
              at(off),
              'YAML invalide : une clé doit être un simple texte.',
              'Écrivez la clé comme un mot (ex. label:).',
            ),
          );
          continue;
        }
        const child = join(ptr, String(pair.key.value));
        if (pair.key.range) keys.set(child, pair.key.range[0]);
        if (pair.value && (pair.value as Node).range) walk(pair.value, child);
        else if (pair.key.range) values.set(child, pair.key.range[0]);
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => walk(item, join(ptr, i)));
    }
  };
  walk(doc.contents, '');
  const nearest = (map: Map<string, number>, path: Path): Loc => {
    for (let k = path.length; k >= 0; k--) {
      const off = map.get(pointer(path.slice(0, k))) ?? values.get(pointer(path.slice(0, k)));
      if (off !== undefined) return at(off);
    }
    return { file, line: 1, column: 1 };
  };
  if (diagnostics.length > 0) return { diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err: unknown) {
    // Unresolved or exponential aliases only surface here, when values are built.
    const reason = err instanceof Error ? err.message : String(err);
    const d = diagnostic(
      'yaml-syntax',
      'error',
      at(0),
      `YAML invalide : ${reason}`,
      'Déclarez chaque ancre (&nom) avant son alias (*nom), ou recopiez la valeur.',
    );
    return { diagnostics: [d] };
  }
  return {
    diagnostics,
    source: {
      file,
      data,
      firstLine: text.split('\n', 1)[0] ?? '',
      locate: (path) => nearest(values, path),
      locateKey: (path) => nearest(keys, path),
    },
  };
}

/** Reads and parses a file; a missing file is reported, not thrown. */
export function readSource(
  file: string,
  displayName = file,
): { source?: SourceFile; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      diagnostics: [
        diagnostic(
          'missing-file',
          'error',
          { file: displayName, line: 1, column: 1 },
          `Fichier illisible : ${reason}`,
          'Créez le fichier ou corrigez le chemin du dossier de version.',
        ),
      ],
    };
  }
  return parseSource(displayName, text);
}

/** A top-level key at the start of a line: where a block of a file parsed in parts begins. */
const TOP_KEY = /^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)/;
/** What could tie one top-level block to another (anchors, aliases, directives, documents). */
const TIED = /(?:^|[\s:,[{-])[&*][^\s]|^(?:%|---|\.\.\.)/m;

/**
 * Parses `text` in parts, one per top-level key (`parameters:`, `states:`…), reusing from `previous`
 * the parts whose text and first line did not change: `greffe dev` re-parses only the part a save
 * touched. The result is the same as parseSource's: each part is padded with the empty lines before
 * it, so its lines and columns are the file's. Whenever the parts could differ from the whole — an
 * anchor or alias, a directive, a second document, a key written twice, any diagnostic — the whole
 * text is parsed instead. `parts` is what to pass as `previous` next time.
 */
export function parseSourceInParts(
  file: string,
  text: string,
  previous: ReadonlyMap<string, SourceFile> = new Map(),
): { source?: SourceFile; diagnostics: Diagnostic[]; parts: Map<string, SourceFile> } {
  const whole = () => ({ ...parseSource(file, text), parts: new Map<string, SourceFile>() });
  if (TIED.test(text)) return whole();
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (i > 0 && TOP_KEY.test(l) ? [i] : []));
  const bounds = [0, ...starts, lines.length];
  const parts = new Map<string, SourceFile>();
  const byKey = new Map<string, SourceFile>();
  const data: Record<string, unknown> = {};
  let first: SourceFile | undefined;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const from = bounds[b] as number;
    const padded = '\n'.repeat(from) + lines.slice(from, bounds[b + 1]).join('\n');
    let part = previous.get(padded);
    if (!part) {
      const r = parseSource(file, padded);
      if (!r.source || r.diagnostics.length > 0) return whole();
      part = r.source;
    }
    parts.set(padded, part);
    const own = part.data;
    if (own === null || own === undefined) continue; // comments only
    if (typeof own !== 'object' || Array.isArray(own)) return whole();
    for (const [k, v] of Object.entries(own)) {
      if (Object.hasOwn(data, k)) return whole();
      data[k] = v;
      byKey.set(k, part);
    }
    first ??= part;
  }
  if (!first) return whole();
  const root = first;
  const partOf = (path: Path) => byKey.get(String(path[0])) ?? root;
  return {
    diagnostics: [],
    parts,
    source: {
      file,
      data,
      firstLine: lines[0] ?? '',
      locate: (path) => partOf(path).locate(path),
      locateKey: (path) => partOf(path).locateKey(path),
    },
  };
}
