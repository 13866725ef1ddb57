/**
 * The repository's generic code as the TypeScript compiler parses it: which
 * files exist, what each imports (resolved to a file) and which string
 * literals and regular expressions it writes. For test/architecture.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Generic code: the folders that must know no procedure (spec/procedures holds the procedures themselves). */
export const GENERIC_FOLDERS = ['spec', 'rules', 'forms', 'renderer', 'runtime', 'cli'] as const;

/** Tests, their helpers and fixtures, and generated or published procedures' goldens. */
export const isTestOrFixture = (file: string): boolean =>
  /\.test\.tsx?$/.test(file) ||
  /(^|\/)(fixtures|golden)\//.test(file) ||
  /(^|\/)test-(support|procedures)\.ts$/.test(file) ||
  file.startsWith('spec/procedures/');

export interface Import {
  /** As written in the source. */
  readonly specifier: string;
  /** Repository-relative file it resolves to; undefined for packages and node: modules. */
  readonly target?: string;
  readonly typeOnly: boolean;
}

export interface SourceFacts {
  readonly file: string;
  readonly imports: readonly Import[];
  /** Every string literal (and template literal without substitutions), with its line. */
  readonly strings: readonly { readonly text: string; readonly line: number }[];
  /** Every regular expression literal's source, with its line. */
  readonly regexps: readonly { readonly text: string; readonly line: number }[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Repository-relative .ts/.tsx files under `folders`. */
export function sourceFiles(folders: readonly string[]): string[] {
  return folders.flatMap((f) => walk(join(ROOT, f))).map((f) => relative(ROOT, f));
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(ROOT, dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  throw new Error(`${from} : import « ${specifier} » introuvable`);
}

/** Parses `file` (repository-relative). */
export function readSourceFacts(file: string): SourceFacts {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const imports: Import[] = [];
  const strings: { text: string; line: number }[] = [];
  const regexps: { text: string; line: number }[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteral(spec))
      imports.push({ specifier: spec.text, target: resolveImport(file, spec.text), typeOnly });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) {
      const clause = n.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(n.moduleSpecifier, typeOnly);
      return;
    }
    if (ts.isExportDeclaration(n)) {
      add(n.moduleSpecifier, n.isTypeOnly);
      return;
    }
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(n.arguments[0], false);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal, true);
    else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))
      strings.push({ text: n.text, line: lineOf(n) });
    else if (ts.isRegularExpressionLiteral(n)) regexps.push({ text: n.text, line: lineOf(n) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { file, imports, strings, regexps };
}
