/** `greffe diff <dossierA> <dossierB> [--out DIR]`: what changed between two versions, in text and as a redline site. */
import { diffLegal, diffProcedures, redlineSummary, writeRedline } from '../../renderer/redline/index.ts';
import { formatDiagnostic, loadProcedure, type Procedure } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe diff <dossierA> <dossierB> [--out DOSSIER] [--chromium CHEMIN]

Compare deux versions d’une procédure (deux dossiers contenant procedure.yaml,
l’ancienne d’abord) et affiche les modifications : paramètres, acteurs, phases,
états, actes, délais, voies de recours, documents, règles, champs des
formulaires (chacun avec l’ancienne et la nouvelle valeur), puis les articles
du texte de l’annexe dont la rédaction change, mot à mot : [-…-] pour les mots
supprimés, {+…+} pour les mots ajoutés. Le texte comparé est celui que
l’annexe publie, généré à partir de chaque version.
  --out       écrit aussi le site des modifications (HTML statique) dans ce dossier :
              texte article par article, diagrammes des phases modifiées, formulaires
  --chromium  Chromium à utiliser pour les diagrammes (par défaut GREFFE_CHROMIUM ou /usr/bin/chromium)
Code de sortie : 0 si la comparaison est faite, 1 si une version ne se charge
pas, 2 si l’appel est incorrect.`;

function load(dir: string): Procedure | undefined {
  // Any two folders: a scratch copy of a version need not be named after its id and version.
  const { procedure, diagnostics } = loadProcedure(dir, { matchFolderNames: false });
  if (procedure) return procedure;
  console.error(`La version ${dir} ne se charge pas :`);
  for (const d of diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
  console.error('Corrigez la spécification (greffe validate) puis relancez.');
  return undefined;
}

const OPTIONS = {
  out: { type: 'string' },
  chromium: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'compare deux versions : résumé des modifications et site des modifications',
  async run(args) {
    const parsed = parseCommand('diff', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 2) {
      return usageError('diff', `deux dossiers attendus, l’ancienne version puis la nouvelle.`, HELP);
    }
    const [dirA, dirB] = positionals as [string, string];
    const a = load(dirA);
    const b = load(dirB);
    if (!a || !b) return 1;
    console.log(redlineSummary(diffProcedures(a, b), diffLegal(a, b)));
    if (values.out !== undefined) {
      const report = await writeRedline(a, b, values.out, {
        ...(values.chromium !== undefined && { chromium: values.chromium }),
      });
      console.log(
        `\nSite des modifications écrit dans ${report.dir}/index.html (${report.files} fichiers, ${report.diagrams.length} diagramme(s) de phase).`,
      );
    }
    return 0;
  },
};
