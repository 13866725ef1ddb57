/** Loads one procedure version folder into a frozen Procedure, or the full list of diagnostics. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { BuildContext, closest, obj } from './build-context.ts';
import { buildDecidedBy, buildObjectives, type DeclarableNames } from './build-declarations.ts';
import { buildForm, buildRules, buildTests } from './build-files.ts';
import { buildProcedureParts } from './build-procedure.ts';
import { checkFactOwnership } from './check-facts.ts';
import { linkRepairedConsequences } from './consequences.ts';
import { checkGraph } from './check-graph.ts';
import { checkHearing } from './check-hearing.ts';
import { checkSecondPersonLabels } from './check-labels.ts';
import { checkFilingsDeclared } from './check-filing-declared.ts';
import { checkRemedies } from './check-remedies.ts';
import { checkStringLengths } from './check-strings.ts';
import { checkDeadlines, checkFacts, checkTemplates } from './check-items.ts';
import { checkDeadlineStarts, checkDistance } from './check-time.ts';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostic.ts';
import type { Form, Procedure, Rules, ScenarioFile } from './model.ts';
import { checkSchema, schemaFile, type SpecFileKind } from './schema-check.ts';
import { buildTransitional, checkTransitional } from './transitional.ts';
import { parseSourceInParts, readSource, type SourceFile } from './yaml-source.ts';

export interface LoadResult {
  /** Present when there is no error (warnings allowed). */
  readonly procedure?: Procedure;
  /** Every diagnostic, sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** File names in diagnostics are relative to this folder (default: the current directory). */
  readonly cwd?: string;
  /** Checks the `transitional:` provisions against the earlier versions beside (default true). */
  readonly transitional?: boolean;
  /**
   * Check that the folders are named after the id and version (default: true). `greffe diff`
   * compares any two folders, e.g. a scratch copy of a version under another name.
   */
  readonly matchFolderNames?: boolean;
  /**
   * Keeps each file's parsing and schema check between loads (`greffe dev`): a file whose bytes did
   * not change since the last load is not parsed or checked against its schema again.
   */
  readonly sources?: SourceCache;
}

interface ReadFile {
  readonly source?: SourceFile;
  /** Its YAML and schema diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Spec files as last read, by path: their text, and what parsing and the schema check made of it.
 * Their data is frozen (a build that altered it would alter the next load's too).
 */
export class SourceCache {
  private readonly files = new Map<
    string,
    {
      text: string;
      name: string;
      kind: SpecFileKind;
      read: ReadFile;
      /** Its top-level parts as parsed (parseSourceInParts): a save re-parses only the parts it changed. */
      parts: ReadonlyMap<string, SourceFile>;
    }
  >();
  /** Files read again / reused since the cache was made (for the bench and the tests). */
  parsed = 0;
  reused = 0;

  read(file: string, name: string, kind: SpecFileKind): ReadFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Unreadable: readSource says why, as without a cache.
      this.files.delete(file);
      return readChecked(file, name, kind);
    }
    const hit = this.files.get(file);
    if (hit && hit.text === text && hit.name === name && hit.kind === kind) {
      this.reused++;
      return hit.read;
    }
    this.parsed++;
    const { parts, ...parsed } = parseSourceInParts(name, text, hit?.name === name ? hit.parts : undefined);
    const read = checked(parsed, kind);
    if (read.source) deepFreeze(read.source.data);
    this.files.set(file, { text, name, kind, read, parts });
    return read;
  }
}

const checked = (r: ReturnType<typeof readSource>, kind: SpecFileKind): ReadFile => ({
  ...(r.source && { source: r.source }),
  diagnostics: r.source ? [...r.diagnostics, ...checkSchema(kind, r.source)] : r.diagnostics,
});

const readChecked = (file: string, name: string, kind: SpecFileKind): ReadFile =>
  checked(readSource(file, name), kind);

const yamlFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Loads `spec/procedures/<id>/<version>/`.
 * @example const { procedure, diagnostics } = loadProcedure('spec/procedures/petits-litiges/1.0.0');
 */
export function loadProcedure(dir: string, options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(dir);
  const ctx = new BuildContext();
  const read = (file: string, kind: SpecFileKind): SourceFile | undefined => {
    const name = relative(cwd, file) || file;
    const { source, diagnostics } = options.sources
      ? options.sources.read(file, name, kind)
      : readChecked(file, name, kind);
    ctx.diagnostics.push(...diagnostics);
    if (source) checkSchemaComment(file, kind, source, ctx);
    return source;
  };
  const procSrc = read(join(abs, 'procedure.yaml'), 'procedure');
  const rulesPath = join(abs, 'rules.yaml');
  const rulesSrc = existsSync(rulesPath) ? read(rulesPath, 'rules') : undefined;
  const formSrcs = yamlFiles(join(abs, 'forms')).flatMap((f) => read(f, 'form') ?? []);
  // Scenarios live in the version's tests/, and may also live beside the versions in
  // <procedure>/tests/<version>/: a published version cannot change, its scenarios still grow there.
  const testSrcs = [
    ...yamlFiles(join(abs, 'tests')),
    ...yamlFiles(join(dirname(abs), 'tests', basename(abs))),
  ].flatMap((f) => read(f, 'tests') ?? []);
  if (!procSrc) return { diagnostics: sortDiagnostics(ctx.linked()) };

  const forms: Record<string, Form> = {};
  for (const src of formSrcs) {
    const f = buildForm(src, ctx);
    if (f) forms[f.id] = f;
  }
  const formFields = new Map(
    Object.values(forms).map((f) => [f.id, new Set(Object.keys(obj(f.schema.properties)))] as const),
  );
  const rulesetNames = new Set(Object.keys(obj(obj(rulesSrc?.data).rulesets)));
  const parts = buildProcedureParts(procSrc, ctx, {
    forms: new Set(Object.keys(forms)),
    rulesets: rulesetNames,
    formFields,
  });
  const rules: Rules = rulesSrc
    ? buildRules(rulesSrc, ctx, parts.parameters)
    : { facts: {}, establishedBy: {}, rulesets: {} };
  const declarable: DeclarableNames = {
    rulesets: rulesetNames,
    deadlines: new Set(Object.keys(parts.deadlines)),
    fields: new Set([...parts.recordedFacts, ...[...formFields.values()].flatMap((f) => [...f])]),
    transitions: parts.transitions,
  };
  const decidedBy = buildDecidedBy(procSrc, ctx, declarable);
  const objectives = buildObjectives(procSrc, ctx, declarable);
  const events = new Set(parts.transitions.map((t) => t.event));
  const tests: ScenarioFile[] = testSrcs.map((src) =>
    buildTests(
      src,
      ctx,
      rules,
      new Set(Object.keys(parts.states)),
      new Set(Object.keys(parts.roles)),
      events,
    ),
  );

  const root = obj(procSrc.data);
  const versionDir = basename(abs);
  const idDir = basename(dirname(abs));
  const matchFolders = options.matchFolderNames ?? true;
  if (matchFolders && typeof root.version === 'string' && root.version !== versionDir) {
    ctx.error(
      'version-mismatch',
      procSrc.locate(['version']),
      `La version ${root.version} ne correspond pas au dossier ${versionDir}/.`,
      `Écrivez version: ${versionDir} ou renommez le dossier en ${root.version}/.`,
    );
  }
  if (matchFolders && typeof root.id === 'string' && root.id !== idDir) {
    ctx.error(
      'id-mismatch',
      procSrc.locate(['id']),
      `L’identifiant « ${root.id} » ne correspond pas au dossier ${idDir}/.`,
      `Écrivez id: ${idDir} ou renommez le dossier.`,
    );
  }

  const paramNames = new Set(Object.keys(parts.parameters));
  const suggest = (n: string) => closest(n, paramNames);
  for (const src of [procSrc, ...formSrcs]) checkTemplates(src, paramNames, ctx, suggest);
  // A published version is frozen (a correction is a new version): its unbounded text fields are
  // bounded at run time by DEFAULT_MAX_TEXT_LENGTH (forms/validate.ts); drafts are told to say their limit.
  if (root.status !== 'published') for (const src of formSrcs) checkStringLengths(src, ctx);
  // Labels addressed to the filler and read by others (issue 15, point 4): drafts only, for the same reason.
  if (root.status !== 'published')
    checkSecondPersonLabels(formSrcs, parts.transitions, Object.keys(parts.roles), ctx);
  if (rulesSrc) checkTemplates(rulesSrc, new Set([...paramNames, ...Object.keys(rules.facts)]), ctx, suggest);

  const model = {
    ...parts,
    forms,
    rules,
    loc: procSrc.locate([]),
  };
  const checks = (m: typeof model, c: BuildContext) => {
    checkGraph(m, c, m.loc);
    checkHearing(m, c);
    checkRemedies(m, c);
    // A draft's party acts followed by a decision are filings or say why not; a published version is frozen.
    if (root.status !== 'published') checkFilingsDeclared(m, c);
    checkDeadlines(m, c);
    checkDeadlineStarts(m, c);
    checkDistance(m, c);
    checkFacts(m, parts.recordedFacts, c);
    checkFactOwnership(m, rulesSrc, c);
  };
  const checked = ctx.diagnostics.length;
  checks(model, ctx);
  // What follows from a typo in a reference is folded under it (docs/diagnostics.md).
  linkRepairedConsequences(ctx, model, ctx.diagnostics.slice(checked), checks);
  const transitional = buildTransitional(procSrc);
  // Checked on a sound version only: its graph is what the earlier version's cases are mapped onto.
  if (transitional.length > 0 && options.transitional !== false && !hasErrors(ctx.diagnostics)) {
    const loadEarlier = (d: string) =>
      loadProcedure(d, { cwd, transitional: false, ...(options.sources && { sources: options.sources }) })
        .procedure;
    checkTransitional(
      { ...model, version: String(root.version) },
      transitional,
      procSrc,
      abs,
      loadEarlier,
      ctx,
    );
  }

  const diagnostics = sortDiagnostics(ctx.linked());
  if (hasErrors(diagnostics)) return { diagnostics };
  const str = (k: string) => (typeof root[k] === 'string' ? (root[k] as string) : undefined);
  const procedure: Procedure = {
    id: String(root.id),
    version: String(root.version),
    status: root.status === 'published' ? 'published' : 'draft',
    effective: String(root.effective),
    title: String(root.title),
    ...(str('short_title') !== undefined && { shortTitle: str('short_title') }),
    calendar: String(root.calendar),
    textEdition: root.text_edition === 2 ? 2 : 1,
    ...(retentionOf(root.retention) && { retention: retentionOf(root.retention) }),
    ...(str('summary') !== undefined && { summary: str('summary') }),
    ...(str('source') !== undefined && { source: str('source') }),
    ...(str('basis') !== undefined && { basis: str('basis') }),
    ...(str('note') !== undefined && { note: str('note') }),
    ...(typeof obj(root.text).fr === 'string' && { textFr: obj(root.text).fr as string }),
    dir: abs,
    parameters: parts.parameters,
    roles: parts.roles,
    phases: parts.phases,
    states: parts.states,
    transitions: parts.transitions,
    deadlines: parts.deadlines,
    remedies: parts.remedies,
    documents: parts.documents,
    forms,
    rules,
    decidedBy,
    objectives,
    tests,
    ...(transitional.length > 0 && { transitional }),
    loc: model.loc,
  };
  return { procedure: deepFreeze(procedure), diagnostics };
}

/** The `retention:` declaration (its shape was checked against the schema). */
function retentionOf(v: unknown): Procedure['retention'] {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  return {
    duration: String(r.duration),
    basis: String(r.basis),
    ...(typeof r.note === 'string' && { note: r.note }),
  };
}

const PROJECT_ROOT = resolve(dirname(schemaFile('procedure')), '..', '..');
const SCHEMA_COMMENT = /^# yaml-language-server: \$schema=(\S+)/;

/** Each spec file's first line points editors at its JSON Schema, so drafters get completion and live errors. */
function checkSchemaComment(file: string, kind: SpecFileKind, source: SourceFile, ctx: BuildContext): void {
  const m = SCHEMA_COMMENT.exec(source.firstLine);
  const expected = relative(dirname(file), schemaFile(kind));
  const target = m ? resolve(dirname(file), m[1] as string) : undefined;
  // A copy outside this repository (a drafter's scratch folder) cannot resolve the path: the name must still be right.
  const outside = relative(PROJECT_ROOT, file).startsWith('..');
  if (target === schemaFile(kind) || (outside && target && basename(target) === `${kind}.schema.json`))
    return;
  ctx.warn(
    'schema-comment',
    { file: source.file, line: 1, column: 1 },
    m
      ? `La première ligne pointe vers ${m[1]}, qui n’est pas le schéma des fichiers ${kind}.`
      : 'La première ligne n’indique pas le schéma du fichier à l’éditeur.',
    `Écrivez en première ligne : # yaml-language-server: $schema=${expected}`,
  );
}

/** Finds every procedure version folder (one holding procedure.yaml) at or below `dir`. */
export function findProcedureDirs(dir: string): string[] {
  const abs = resolve(dir);
  if (existsSync(join(abs, 'procedure.yaml'))) return [abs];
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .flatMap((e) => findProcedureDirs(join(abs, e.name)));
}
