/**
 * `greffe test [DIR]`: runs the drafters' scenarios (tests/*.yaml) of every
 * procedure version under DIR and reports like a test runner. Decisions are
 * run by rules/; journeys fold the runtime's reducer (`runJourneys`).
 * Last line: `N passed, N failed`; exit 1 when anything failed.
 */
import { relative } from 'node:path';
import { type CaseResult, checkRuleSets, runScenarios } from '../../rules/index.ts';
import {
  DEFAULT_SPEC_ROOT,
  findProcedureDirs,
  formatDiagnostic,
  loadProcedure,
  type Procedure,
} from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe test [DOSSIER] [--json] [--coverage]

Exécute les scénarios des rédacteurs (tests/*.yaml) de chaque version de
procédure trouvée sous DOSSIER (par défaut ${DEFAULT_SPEC_ROOT}) : décisions
(faits → issue et motifs) et parcours (suites d'événements, joués sur le
moteur d'affaires).
Les scénarios d'une version publiée, qui ne peut plus être modifiée, peuvent
aussi être écrits à côté d'elle, dans <procédure>/tests/<version>/*.yaml.
  --json      imprime les résultats en JSON
  --coverage  mesure ce que les scénarios exercent : chaque événement (acte ou
              expiration de délai), chaque transition de la spec (un même
              événement peut en avoir plusieurs) et chaque branche de règle
              (retenue, écartée) ; liste ce qui ne l'est pas, puis une ligne
              par version : « coverage <id>@<version>: E/N events,
              T/M transitions, B/M rule branches »
Dernière ligne : « N passed, N failed » (sans --coverage). Code de sortie : 0 si
tout passe, 1 en cas d'échec ou si une version publiée n'est pas couverte à
100 % (avec --coverage), 2 si l'appel est incorrect.`;

type JourneyRunner = (procedure: Procedure) => readonly CaseResult[];
type Runtime = typeof import('../../runtime/index.ts');

/** Journeys fold the runtime's reducer, in memory (rules/ never imports the runtime; the CLI wires them). */
const loadRuntime = (): Promise<Runtime> => import('../../runtime/index.ts');

interface CoverageLine {
  readonly procedure: string;
  readonly version: string;
  readonly published: boolean;
  readonly events: { readonly fired: number; readonly total: number; readonly missing: readonly string[] };
  /** Transitions of the spec never taken, each as « event (from → to, line N) ». */
  readonly transitions: {
    readonly fired: number;
    readonly total: number;
    readonly missing: readonly string[];
  };
  readonly branches: {
    readonly covered: number;
    readonly total: number;
    readonly missing: readonly string[];
  };
}

function coverageOf(runtime: Runtime, p: Procedure): CoverageLine {
  const c = runtime.scenarioCoverage(p);
  const missing = runtime.uncovered(c);
  return {
    procedure: p.id,
    version: p.version,
    published: p.status === 'published',
    events: {
      fired: c.events.length - missing.events.length,
      total: c.events.length,
      missing: missing.events,
    },
    transitions: {
      fired: c.transitions.length - missing.transitions.length,
      total: c.transitions.length,
      missing: missing.transitions.map((i) => describeTransition(p, i)),
    },
    branches: {
      covered: c.branches.length - missing.branches.length,
      total: c.branches.length,
      missing: missing.branches,
    },
  };
}

/** « signer_protocole_defendeur (attente_signature_defendeur → homologation, ligne 1176) ». */
function describeTransition(p: Procedure, index: number): string {
  const t = p.transitions.find((x) => x.index === index);
  if (!t) return `#${index}`;
  const from = t.fromAny ? '*' : t.from.join(', ');
  return `${t.event} (${from} → ${t.stay ? 'même état' : t.to}, ligne ${t.loc.line})`;
}

const complete = (c: CoverageLine) =>
  c.events.missing.length === 0 && c.transitions.missing.length === 0 && c.branches.missing.length === 0;

function printCoverage(c: CoverageLine, p: Procedure): void {
  const label = (event: string) => p.transitions.find((t) => t.event === event)?.label ?? event;
  if (c.events.missing.length) {
    console.log(`\n${c.procedure} ${c.version} : événements qu’aucun scénario ne déclenche :`);
    for (const e of c.events.missing) console.log(`  - ${e} (${label(e)})`);
  }
  if (c.transitions.missing.length) {
    console.log(`\n${c.procedure} ${c.version} : transitions qu’aucun scénario ne prend :`);
    for (const t of c.transitions.missing) console.log(`  - ${t}`);
  }
  if (c.branches.missing.length) {
    console.log(`\n${c.procedure} ${c.version} : branches de règle qu’aucun scénario n’exerce :`);
    for (const b of c.branches.missing) console.log(`  - règle ${b.replace(':', ' ')}`);
  }
  if (c.published && !complete(c))
    console.log(
      `${c.procedure} ${c.version} est publiée : ses scénarios doivent tout couvrir (écrivez-les dans ${c.procedure}/tests/${c.version}/ si la version ne peut plus changer).`,
    );
  console.log(
    `coverage ${c.procedure}@${c.version}: ${c.events.fired}/${c.events.total} events, ${c.transitions.fired}/${c.transitions.total} transitions, ${c.branches.covered}/${c.branches.total} rule branches`,
  );
}

interface VersionResult {
  readonly dir: string;
  readonly procedure?: string;
  readonly version?: string;
  readonly loadErrors: readonly string[];
  readonly issues: readonly { severity: string; text: string }[];
  readonly cases: readonly CaseResult[];
}

function runVersion(dir: string, journeys: JourneyRunner, loaded = loadProcedure(dir)): VersionResult {
  const { procedure, diagnostics } = loaded;
  const base = { dir: relative(process.cwd(), dir) || dir, issues: [], cases: [] };
  if (!procedure)
    return { ...base, loadErrors: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
  const issues = checkRuleSets(procedure).map((i) => ({
    severity: i.severity,
    text: `${i.loc.file}:${i.loc.line}:${i.loc.column}  ${i.code}  ${i.message}`,
  }));
  const report = runScenarios(procedure);
  const journeyCases = report.journeys > 0 ? journeys(procedure) : [];
  return {
    ...base,
    procedure: procedure.id,
    version: procedure.version,
    loadErrors: [],
    issues,
    cases: [...report.cases, ...journeyCases],
  };
}

function print(r: VersionResult): void {
  console.log(r.procedure ? `${r.procedure} ${r.version}  (${r.dir})` : r.dir);
  if (r.loadErrors.length > 0) {
    console.log('  ✗ la spécification ne se charge pas :');
    for (const l of r.loadErrors) console.log(`      ${l}`);
  }
  for (const i of r.issues) console.log(`  ${i.severity === 'error' ? '✗' : '⚠'} ${i.text}`);
  let file = '';
  for (const c of r.cases) {
    if (c.file !== file) {
      file = c.file;
      console.log(`  ${file}`);
    }
    console.log(`    ${c.passed ? '✓' : '✗'} ${c.name}`);
    if (!c.passed) {
      console.log(`        ${c.file}:${c.line}:${c.column}`);
      console.log(`        attendu : ${c.expected}`);
      console.log(`        obtenu  : ${c.actual}`);
    }
  }
}

/** Failures of a version: failed cases, rule-set errors, and a spec that does not load. */
const failures = (r: VersionResult) =>
  r.cases.filter((c) => !c.passed).length +
  r.issues.filter((i) => i.severity === 'error').length +
  (r.loadErrors.length > 0 ? 1 : 0);

const OPTIONS = {
  json: { type: 'boolean' },
  coverage: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'exécute les scénarios de test des procédures',
  async run(args) {
    const parsed = parseCommand('test', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length > 1) return usageError('test', 'un seul dossier de spécifications attendu.', HELP);
    const target = positionals[0] ?? DEFAULT_SPEC_ROOT;
    const dirs = findProcedureDirs(target);
    if (dirs.length === 0) {
      console.error(`greffe test : aucun procedure.yaml trouvé sous « ${target} ».`);
      return 2;
    }
    const runtime = await loadRuntime();
    const results: VersionResult[] = [];
    const coverage: { line: CoverageLine; procedure: Procedure }[] = [];
    for (const dir of dirs) {
      const loaded = loadProcedure(dir);
      results.push(runVersion(dir, runtime.runJourneys, loaded));
      if (values.coverage && loaded.procedure)
        coverage.push({ line: coverageOf(runtime, loaded.procedure), procedure: loaded.procedure });
    }
    const failed = results.reduce((n, r) => n + failures(r), 0);
    const passed = results.reduce((n, r) => n + r.cases.filter((c) => c.passed).length, 0);
    const uncoveredPublished = coverage.filter((c) => c.line.published && !complete(c.line)).length;
    if (values.json) {
      console.log(
        JSON.stringify(
          {
            passed,
            failed,
            versions: results,
            ...(values.coverage && { coverage: coverage.map((c) => c.line) }),
          },
          null,
          2,
        ),
      );
    } else {
      for (const r of results) print(r);
      console.log(`\n${passed} passed, ${failed} failed`);
      for (const c of coverage) printCoverage(c.line, c.procedure);
    }
    return failed > 0 || uncoveredPublished > 0 ? 1 : 0;
  },
};
