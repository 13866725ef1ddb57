/**
 * `greffe eligibility --facts FILE|-`: is a claim eligible to the online
 * procedure? Prints one JSON object; exit 0 when evaluated, 2 when the facts
 * (or the call) are invalid, 1 when the spec itself cannot be loaded.
 * `greffe referral` (referral.ts) shares this code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateEligibility, evaluateReferral, type FactProblem } from '../../rules/index.ts';
import {
  DEFAULT_SPEC_ROOT,
  formatDiagnostic,
  listVersions,
  loadProcedure,
  type Procedure,
  pickVersion,
} from '../../spec/index.ts';
import { localDate } from '../../runtime/time/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

export type DecisionKind = 'eligibility' | 'referral';

const DEFAULT_PROCEDURE = 'petits-litiges';

const FACTS: Record<DecisionKind, string> = {
  eligibility:
    '  montant   nombre, en euros et centimes (au plus deux décimales), ≥ 0\n  objets    liste non vide de paiement, bien, service, expulsion, resiliation,\n            licenciement, revocation_gerant, autre\n  matiere   civile, commerciale, consommation, travail ou bail_habitation\n  (version 1.1.0 : matiere_declaree, la nature du litige ; montant null si la valeur\n  n’est pas déterminée)',
  referral:
    '  matiere        civile, commerciale, consommation, travail ou bail_habitation\n  requerant      demandeur, defendeur ou juge (qui demande le renvoi)\n  partie_faible  demandeur, defendeur ou aucune\n  (version 1.1.0 : auteur_demande_renvoi au lieu de requerant ; la matière et la partie\n  faible sont celles qu’a qualifiées le juge)',
};

const OUTPUT: Record<DecisionKind, string> = {
  eligibility:
    '{ "procedure", "version", "eligible": true|false, "reasons": [ { "rule", "text", "basis" } ] }',
  referral:
    '{ "procedure", "version", "referral": "mandatory"|"discretionary", "reasons": [ { "rule", "text", "basis" } ] }',
};

const help = (
  kind: DecisionKind,
) => `Usage : greffe ${kind} --facts FICHIER|- [--procedure ID] [--version V] [--specs DOSSIER]

${kind === 'eligibility' ? 'Dit si une demande peut suivre la procédure en ligne, et pourquoi.' : 'Dit si le renvoi devant la formation habituelle du tribunal est de droit, et pourquoi.'}
  --facts      fichier JSON des faits (« - » : entrée standard)
  --procedure  procédure (par défaut ${DEFAULT_PROCEDURE})
  --version    version (par défaut la dernière publiée)
  --specs      dossier des procédures (par défaut ${DEFAULT_SPEC_ROOT})
Faits attendus :
${FACTS[kind]}
Sortie : ${OUTPUT[kind]}
Code de sortie : 0 faits évalués (quelle que soit l'issue), 2 faits ou appel invalides
(un problème par ligne sur la sortie d'erreur), 1 spécification illisible.`;

/** The spec root: the one in the current directory, else the one shipped with greffe. */
function defaultSpecRoot(): string {
  if (existsSync(DEFAULT_SPEC_ROOT)) return DEFAULT_SPEC_ROOT;
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', DEFAULT_SPEC_ROOT);
}

async function readFacts(source: string): Promise<string> {
  if (source !== '-') return readFileSync(source, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Loaded = { procedure: Procedure } | { code: number; lines: string[] };

function load(root: string, id: string, version: string | undefined): Loaded {
  const entries = listVersions(root);
  // The version a claim filed today would be decided under (its `effective` date has come).
  const entry = pickVersion(entries, id, version, localDate(new Date()));
  if (!entry) {
    const known = entries.filter((e) => e.id === id).map((e) => `${e.version} (${e.status})`);
    const what = version ? `de version ${version} de « ${id} »` : `de version publiée de « ${id} »`;
    return {
      code: 2,
      lines: [`Aucune ${what} sous ${root}.${known.length ? ` Versions : ${known.join(', ')}.` : ''}`],
    };
  }
  const { procedure, diagnostics } = loadProcedure(entry.dir);
  if (!procedure) {
    return {
      code: 1,
      lines: [`La spécification ${entry.dir} contient des erreurs :`, ...diagnostics.map(formatDiagnostic)],
    };
  }
  return { procedure };
}

const OPTIONS = {
  facts: { type: 'string' },
  procedure: { type: 'string' },
  version: { type: 'string' },
  specs: { type: 'string' },
} as const;

/** Runs `greffe eligibility` or `greffe referral`; returns the exit code. */
export async function runDecision(kind: DecisionKind, args: string[]): Promise<number> {
  const fail = (code: number, lines: readonly string[]) => {
    for (const l of lines) console.error(l);
    return code;
  };
  const parsed = parseCommand(kind, help(kind), OPTIONS, args);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.facts === undefined) return usageError(kind, '--facts FICHIER|- est obligatoire.', help(kind));
  let facts: unknown;
  try {
    facts = JSON.parse(await readFacts(values.facts));
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(2, [`faits : lecture de « ${values.facts} » impossible : ${reason}`]);
  }
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
    return fail(2, ['faits : doivent former un objet JSON { "nom": valeur, … }']);
  }
  const loaded = load(
    values.specs ?? defaultSpecRoot(),
    values.procedure ?? DEFAULT_PROCEDURE,
    values.version,
  );
  if ('code' in loaded) return fail(loaded.code, loaded.lines);
  const record = facts as Record<string, unknown>;
  const out =
    kind === 'eligibility'
      ? evaluateEligibility(loaded.procedure, record)
      : evaluateReferral(loaded.procedure, record);
  if ('valid' in out)
    return fail(
      2,
      out.problems.map((p: FactProblem) => p.message),
    );
  console.log(JSON.stringify(out, null, 2));
  return 0;
}

export const command: Command = {
  summary: 'dit si une demande est éligible à la procédure en ligne',
  run: (args) => runDecision('eligibility', args),
};
