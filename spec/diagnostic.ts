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

export function hasErrors(list: readonly Diagnostic[], strict = false): boolean {
  return list.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}
