/** Diagnostics: the loader's and checker's public output, printed for drafters. */
import type { Loc } from './model.ts';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable code, documented in docs/diagnostics.md (e.g. `unknown-state`). */
  readonly code: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong, in French, for drafters. */
  readonly message: string;
  /** One line saying how to fix it, in French. */
  readonly hint: string;
  /**
   * Set when this diagnostic follows from an earlier one (its root cause): fixing the root makes it
   * disappear. Drafters see it folded under its root ("et 27 conséquences"); `--all` and JSON keep it.
   */
  readonly causedBy?: DiagnosticRef;
}

/** Where a diagnostic is, enough to find it again in a list. */
export interface DiagnosticRef {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A root cause and the diagnostics that follow from it. */
export interface FoldedDiagnostic {
  readonly root: Diagnostic;
  readonly consequences: readonly Diagnostic[];
}

export function diagnostic(
  code: string,
  severity: Severity,
  loc: Loc,
  message: string,
  hint: string,
): Diagnostic {
  return { code, severity, file: loc.file, line: loc.line, column: loc.column, message, hint };
}

/** Sorts by file, line, column, then code — the order drafters read them in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** `path/file.yaml:LINE:COL  error  CODE  message` then an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}\n    → ${d.hint}`;
}

export const refOf = (d: Diagnostic): DiagnosticRef => ({
  code: d.code,
  file: d.file,
  line: d.line,
  column: d.column,
});

const refKey = (r: DiagnosticRef): string => `${r.file}:${r.line}:${r.column}:${r.code}`;

/**
 * Groups `list` by root cause, in the list's order: each diagnostic without `causedBy` (or whose cause
 * is not in the list) is a root; the others are folded under their root, following `causedBy` chains.
 */
export function foldDiagnostics(list: readonly Diagnostic[]): FoldedDiagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of list) if (!byKey.has(refKey(d))) byKey.set(refKey(d), d);
  const rootOf = (d: Diagnostic): Diagnostic => {
    let cur = d;
    const seen = new Set<Diagnostic>();
    while (cur.causedBy && !seen.has(cur)) {
      seen.add(cur);
      const next = byKey.get(refKey(cur.causedBy));
      if (!next || next === cur) break;
      cur = next;
    }
    return cur;
  };
  const groups = new Map<Diagnostic, Diagnostic[]>();
  for (const d of list) {
    const root = rootOf(d);
    if (root === d && !groups.has(d)) groups.set(d, []);
    else if (root !== d) {
      const g = groups.get(root);
      if (g) g.push(d);
      else groups.set(root, [d]);
    }
  }
  return [...groups].map(([root, consequences]) => ({ root, consequences }));
}

/** "et 27 conséquences (unreachable-state ×27)". */
export function consequencesLine(consequences: readonly Diagnostic[]): string {
  const codes = new Map<string, number>();
  for (const d of consequences) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  const detail = [...codes].map(([c, n]) => `${c} ×${n}`).join(', ');
  const n = consequences.length;
  return `et ${n} conséquence${n > 1 ? 's' : ''} (${detail})`;
}

/**
 * Root causes first: each root with its hint, then one line counting what follows from it, or
 * (`all`) each consequence indented beneath it.
 */
export function formatFolded(list: readonly Diagnostic[], options: { all?: boolean } = {}): string[] {
  return foldDiagnostics(list).map(({ root, consequences }) => {
    const head = formatDiagnostic(root);
    if (consequences.length === 0) return head;
    if (!options.all) return `${head}\n    … ${consequencesLine(consequences)}`;
    const lines = consequences.map((d) => `      ↳ ${formatDiagnostic(d).replace(/\n/g, '\n  ')}`);
    return `${head}\n    … ${consequencesLine(consequences)} :\n${lines.join('\n')}`;
  });
}

export function hasErrors(list: readonly Diagnostic[], strict = false): boolean {
  return list.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}
