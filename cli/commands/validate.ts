/** `greffe validate [DIR] [--strict] [--json]`: checks procedure specs and prints diagnostics. */
import { parseArgs } from 'node:util';
import {
  DEFAULT_SPEC_ROOT,
  type Diagnostic,
  findProcedureDirs,
  formatDiagnostic,
  hasErrors,
  loadProcedure,
} from '../../spec/index.ts';
import { loadActTemplates } from '../../spec/acts.ts';
import type { Command } from '../command.ts';

const HELP = `Usage : greffe validate [DOSSIER] [--strict] [--json]

Vérifie une version de procédure (dossier contenant procedure.yaml) ou toutes
celles qu'un dossier contient (par défaut ${DEFAULT_SPEC_ROOT}).
  --strict  échoue aussi sur les avertissements
  --json    imprime les diagnostics en JSON (éditeurs, CI)
Code de sortie : 0 sans erreur, 1 s'il y a des erreurs, 2 si l'appel est incorrect.`;

export const command: Command = {
  summary: 'vérifie les spécifications de procédure',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const target = positionals[0] ?? DEFAULT_SPEC_ROOT;
    const dirs = findProcedureDirs(target);
    if (dirs.length === 0) {
      console.error(`greffe validate : aucun procedure.yaml trouvé sous « ${target} ».`);
      return 2;
    }
    const all: Diagnostic[] = [];
    for (const dir of dirs) {
      const { procedure, diagnostics } = loadProcedure(dir);
      all.push(...diagnostics, ...(procedure ? loadActTemplates(procedure).diagnostics : []));
    }
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.length - errors;
    if (values.json) {
      console.log(JSON.stringify({ procedures: dirs.length, errors, warnings, diagnostics: all }, null, 2));
    } else {
      for (const d of all) console.log(formatDiagnostic(d));
      console.log(
        `${dirs.length} version(s) de procédure vérifiée(s) : ${errors} erreur(s), ${warnings} avertissement(s).`,
      );
    }
    return hasErrors(all, values.strict === true) ? 1 : 0;
  },
};
