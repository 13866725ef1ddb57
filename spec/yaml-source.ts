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
