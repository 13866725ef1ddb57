/**
 * `greffe test [DIR]`: runs the drafters' scenarios (tests/*.yaml) of every
 * procedure version under DIR and reports like a test runner. Decisions are
 * run by rules/; journeys fold the runtime's reducer (`runJourneys`).
 * Last line: `N passed, N failed`; exit 1 when anything failed.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type CaseResult, checkRuleSets, runScenarios } from '../../rules/index.ts';
import {
  DEFAULT_SPEC_ROOT,
  findProcedureDirs,
  formatDiagnostic,
  loadProcedure,
  type Procedure,
} from '../../spec/index.ts';
import type { Command } from '../command.ts';

const HELP = `Usage : greffe test [DOSSIER] [--json]

Exécute les scénarios des rédacteurs (tests/*.yaml) de chaque version de
procédure trouvée sous DOSSIER (par défaut ${DEFAULT_SPEC_ROOT}) : décisions
(faits → issue et motifs) et parcours (suites d'événements, joués sur le
moteur d'affaires).
  --json  imprime les résultats en JSON
Dernière ligne : « N passed, N failed ». Code de sortie : 0 si tout passe,
1 en cas d'échec, 2 si l'appel est incorrect.`;

type JourneyRunner = (procedure: Procedure) => readonly CaseResult[];

/** Journeys fold the runtime's reducer, in memory (rules/ never imports the runtime; the CLI wires them). */
async function journeyRunner(): Promise<JourneyRunner> {
  const { runJourneys } = await import('../../runtime/index.ts');
  return runJourneys;
}

interface VersionResult {
  readonly dir: string;
  readonly procedure?: string;
  readonly version?: string;
  readonly loadErrors: readonly string[];
  readonly issues: readonly { severity: string; text: string }[];
  readonly cases: readonly CaseResult[];
}

function runVersion(dir: string, journeys: JourneyRunner): VersionResult {
  const { procedure, diagnostics } = loadProcedure(dir);
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

function parse(args: string[]): { target?: string; json: boolean; help: boolean } | string {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    return { target: positionals[0], json: values.json === true, help: values.help === true };
  } catch (err: unknown) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const command: Command = {
  summary: 'exécute les scénarios de test des procédures',
  async run(args) {
    const parsed = parse(args);
    if (typeof parsed === 'string') {
      console.error(`greffe test : ${parsed}\n\n${HELP}`);
      return 2;
    }
    if (parsed.help) {
      console.log(HELP);
      return 0;
    }
    const target = parsed.target ?? DEFAULT_SPEC_ROOT;
    const dirs = findProcedureDirs(target);
    if (dirs.length === 0) {
      console.error(`greffe test : aucun procedure.yaml trouvé sous « ${target} ».`);
      return 2;
    }
    const journeys = await journeyRunner();
    const results: VersionResult[] = [];
    for (const dir of dirs) results.push(runVersion(dir, journeys));
    const failed = results.reduce((n, r) => n + failures(r), 0);
    const passed = results.reduce((n, r) => n + r.cases.filter((c) => c.passed).length, 0);
    if (parsed.json) {
      console.log(JSON.stringify({ passed, failed, versions: results }, null, 2));
    } else {
      for (const r of results) print(r);
      console.log(`\n${passed} passed, ${failed} failed`);
    }
    return failed > 0 ? 1 : 0;
  },
};
