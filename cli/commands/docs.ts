/** `greffe docs build [--out DIR] [--spec DIR]`: publishes the annex (summary, diagrams, legal text) as a static site. */
import { relative } from 'node:path';
import {
  buildSite,
  formatDraftingCounts,
  formatReadability,
  ProcedureLoadError,
  type SiteReport,
} from '../../renderer/index.ts';
import { DEFAULT_SPEC_ROOT, findProcedureDirs, formatDiagnostic } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

export const DEFAULT_OUT = 'out/annexe';

const HELP = `Usage : greffe docs build [--out DOSSIER] [--spec DOSSIER] [--chromium CHEMIN]

Publie l’annexe de chaque version de procédure trouvée sous --spec (par défaut
${DEFAULT_SPEC_ROOT}) : récapitulatif graphique, diagrammes commentés, texte de
l’annexe (HTML, Markdown, PDF), formulaires et versions, avec les modifications
entre deux versions publiées consécutives (dossier modifications/ de la plus
récente, lié depuis la page des versions), dans --out (par défaut
${DEFAULT_OUT}). Le site se lit sans JavaScript, ouvert depuis le disque.
  --chromium  Chromium à utiliser (par défaut GREFFE_CHROMIUM ou /usr/bin/chromium)
Code de sortie : 0 si tout est publié, 1 si une spécification est invalide, si
le texte contient un nombre qui ne vient pas d’un paramètre ou un défaut de
rédaction (typographie, libellé d’écran, phrase répétée, tautologie), 2 si
l’appel est incorrect.`;

const ms = (n: number) => `${(n / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;

function printReport(report: SiteReport): boolean {
  let clean = true;
  for (const v of report.versions) {
    console.log(
      `\n${v.id} ${v.version} → ${relative(process.cwd(), v.dir) || '.'} (${v.files} fichiers, ${v.diagrams.length} diagrammes)`,
    );
    console.log(`  Texte de l’annexe : ${formatReadability(v.readability)}.`);
    if (v.readability.averageWords > 25) {
      clean = false;
      console.log('  Attention : la phrase moyenne dépasse 25 mots.');
    }
    console.log(`  Rédaction : ${formatDraftingCounts(v.drafting.counts)}.`);
    for (const d of v.drafting.diagnostics) {
      if (d.severity === 'error') clean = false;
      console.log(`  ${formatDiagnostic(d).replace(/\n/g, '\n  ')}`);
    }
    for (const n of v.strayNumbers) {
      clean = false;
      console.log(`  Nombre qui ne vient d’aucun paramètre : « ${n.number} » dans « …${n.context}… »`);
    }
  }
  for (const r of report.redlines)
    console.log(
      `\nModifications ${r.id} ${r.from} → ${r.to} : ${relative(process.cwd(), r.dir) || '.'} (${r.articles} articles concernés, ${r.diagrams} diagrammes de phase)`,
    );
  const t = report.timings;
  console.log(
    `\nPublié dans ${report.outDir}/index.html en ${ms(t.total)} (chargement ${ms(t.load)}, génération ${ms(t.generate)}, ` +
      `démarrage de Chromium ${ms(t.browser)}, diagrammes ${ms(t.mermaid)}, PDF ${ms(t.pdf)}, écriture ${ms(t.write)}).`,
  );
  return clean;
}

const OPTIONS = {
  out: { type: 'string' },
  spec: { type: 'string' },
  chromium: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'publie l’annexe : récapitulatif graphique, diagrammes commentés, texte',
  async run(args) {
    const parsed = parseCommand('docs', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals[0] !== 'build' || positionals.length > 1) {
      return usageError('docs', `sous-commande attendue : build.`, HELP);
    }
    const spec = values.spec ?? DEFAULT_SPEC_ROOT;
    const dirs = findProcedureDirs(spec);
    if (dirs.length === 0) {
      console.error(`greffe docs build : aucun procedure.yaml trouvé sous « ${spec} ».`);
      return 2;
    }
    try {
      const report = await buildSite(
        dirs,
        values.out ?? DEFAULT_OUT,
        values.chromium ? { chromium: values.chromium } : {},
      );
      return printReport(report) ? 0 : 1;
    } catch (err: unknown) {
      if (err instanceof ProcedureLoadError) {
        console.error(err.message);
        console.error('Corrigez la spécification (greffe validate) puis relancez.');
        return 1;
      }
      throw err;
    }
  },
};
