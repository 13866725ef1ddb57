/** `greffe validate [DIR] [--strict] [--json]`: checks procedure specs and prints diagnostics. */
import {
  DEFAULT_SPEC_ROOT,
  type Diagnostic,
  findProcedureDirs,
  foldDiagnostics,
  formatFolded,
  hasErrors,
  loadProcedure,
} from '../../spec/index.ts';
import { loadActTemplates } from '../../spec/acts.ts';
import { checkLock } from '../../spec/lock.ts';
import type { DraftingReport } from '../../renderer/index.ts';
import { type Command, parseCommand } from '../command.ts';

const HELP = `Usage : greffe validate [DOSSIER] [--strict] [--json] [--all]

Vérifie une version de procédure (dossier contenant procedure.yaml) ou toutes
celles qu'un dossier contient (par défaut ${DEFAULT_SPEC_ROOT}), puis la
rédaction du texte de l'annexe qu'elle engendre (typographie, libellés d'écran,
phrases répétées, tautologies : voir docs/guide-redacteur.md).
  --strict  échoue aussi sur les avertissements
  --json    imprime les diagnostics en JSON (éditeurs, CI), conséquences comprises
            (chacune indique sa cause dans causedBy)
  --all     affiche aussi, sous chaque cause, les erreurs qui en découlent
            (par défaut elles sont repliées : « et 27 conséquences »)
Code de sortie : 0 sans erreur, 1 s'il y a des erreurs, 2 si l'appel est incorrect.`;

export interface VersionCheck {
  /** The lock's first (a changed published version explains what follows), then the loader's. */
  readonly diagnostics: readonly Diagnostic[];
  readonly drafting?: { procedure: string; version: string; counts: DraftingReport['counts'] };
}

/** Every check of one version folder: its lock (spec/lock.ts), the spec, its act templates, the drafting. */
export async function checkVersion(dir: string): Promise<VersionCheck> {
  // The legal text's drafting is checked on the renderer's output (only the CLI imports the renderer).
  const { checkDrafting } = await import('../../renderer/index.ts');
  const { procedure, diagnostics } = loadProcedure(dir);
  const all = [
    ...checkLock(dir),
    ...diagnostics,
    ...(procedure ? loadActTemplates(procedure).diagnostics : []),
  ];
  if (!procedure) return { diagnostics: all };
  const report = checkDrafting(procedure);
  all.push(...report.diagnostics);
  return {
    diagnostics: all,
    drafting: { procedure: procedure.id, version: procedure.version, counts: report.counts },
  };
}

const OPTIONS = {
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'vérifie les spécifications de procédure',
  async run(args) {
    const parsed = parseCommand('validate', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const target = positionals[0] ?? DEFAULT_SPEC_ROOT;
    const dirs = findProcedureDirs(target);
    if (dirs.length === 0) {
      console.error(`greffe validate : aucun procedure.yaml trouvé sous « ${target} ».`);
      return 2;
    }
    const { formatDraftingCounts } = await import('../../renderer/index.ts');
    const all: Diagnostic[] = [];
    const drafting: NonNullable<VersionCheck['drafting']>[] = [];
    for (const dir of dirs) {
      const check = await checkVersion(dir);
      all.push(...check.diagnostics);
      if (check.drafting) drafting.push(check.drafting);
    }
    // Counts are of root causes: what follows from one of them is folded under it.
    const roots = foldDiagnostics(all).map((f) => f.root);
    const errors = roots.filter((d) => d.severity === 'error').length;
    const warnings = roots.length - errors;
    const consequences = all.length - roots.length;
    if (values.json) {
      console.log(
        JSON.stringify(
          { procedures: dirs.length, errors, warnings, consequences, diagnostics: all, drafting },
          null,
          2,
        ),
      );
    } else {
      for (const text of formatFolded(all, { all: values.all === true })) console.log(text);
      for (const r of drafting)
        console.log(`Rédaction du texte de ${r.procedure} ${r.version} : ${formatDraftingCounts(r.counts)}.`);
      const folded = consequences
        ? ` (et ${consequences} conséquence${consequences > 1 ? 's' : ''}${values.all ? '' : ` repliée${consequences > 1 ? 's' : ''} : --all pour les afficher`})`
        : '';
      console.log(
        `${dirs.length} version(s) de procédure vérifiée(s) : ${errors} erreur(s), ${warnings} avertissement(s)${folded}.`,
      );
    }
    return hasErrors(all, values.strict === true) ? 1 : 0;
  },
};
