/** `greffe publish <dossier>`: checks a version strictly, marks it published and locks its files. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProcedureDirs, formatDiagnostic, hasErrors } from '../../spec/index.ts';
import { checkLock, declaredStatus, lockPath, writeLock } from '../../spec/lock.ts';
import { type Command, parseCommand, usageError } from '../command.ts';
import { checkVersion } from './validate.ts';

const HELP = `Usage : greffe publish <DOSSIER>

Publie une version de procédure (dossier contenant procedure.yaml) : la vérifie
comme greffe validate --strict (aucune erreur, aucun avertissement), passe son
status à published, puis écrit à côté d'elle le verrou <version>.lock.json
(empreinte de chacun de ses fichiers). greffe validate signale ensuite toute
modification de ses fichiers (published-version-changed).
Code de sortie : 0 si la version est publiée, 1 si elle ne passe pas la
vérification, 2 si l'appel est incorrect.`;

const OPTIONS = {} as const;

export const command: Command = {
  summary: 'vérifie, publie et verrouille une version de procédure',
  async run(args) {
    const parsed = parseCommand('publish', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { positionals } = parsed;
    const dir = positionals[0];
    if (!dir || positionals.length > 1 || !existsSync(join(dir, 'procedure.yaml'))) {
      return usageError('publish', `il faut un dossier de version contenant procedure.yaml.`, HELP);
    }
    const [abs] = findProcedureDirs(dir) as [string];
    const show = relative(process.cwd(), abs) || abs;
    const published = declaredStatus(abs) === 'published';
    if (published && existsSync(lockPath(abs))) {
      const changed = checkLock(abs);
      for (const d of changed) console.log(formatDiagnostic(d));
      if (changed.length > 0) return 1;
      console.log(`La version ${show} est déjà publiée et ses fichiers sont ceux de son verrou.`);
      return 0;
    }
    // Its missing lock is what publishing writes: not a reason to refuse.
    const check = await checkVersion(abs);
    const diagnostics = check.diagnostics.filter((d) => d.code !== 'published-without-lock');
    for (const d of diagnostics) console.log(formatDiagnostic(d));
    if (hasErrors(diagnostics, true)) {
      console.error(
        `greffe publish : ${show} n’est pas publiée : corrigez d’abord ses ${diagnostics.length} diagnostic(s) (erreurs et avertissements).`,
      );
      return 1;
    }
    if (!published) {
      const manifest = join(abs, 'procedure.yaml');
      const text = readFileSync(manifest, 'utf8');
      writeFileSync(manifest, text.replace(/^status:.*$/m, 'status: published'));
    }
    const lock = writeLock(abs);
    console.log(`Version ${show} publiée ; verrou écrit dans ${relative(process.cwd(), lock) || lock}.`);
    return 0;
  },
};
