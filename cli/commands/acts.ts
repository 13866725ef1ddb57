/** `greffe acts sample [--procedure ID] [--out DIR] [--spec DIR]`: renders every act template with fictional data. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderActPdf } from '../../runtime/acts/render-pdf.ts';
import { sampleActData } from '../../runtime/acts/sample.ts';
import { connectorConfigFromEnv } from '../../runtime/connectors/config.ts';
import { DEV_SEAL_NOTICE, sealFromConfig, sealPdf } from '../../runtime/connectors/seal/seal.ts';
import { loadActTemplates } from '../../spec/acts.ts';
import { DEFAULT_SPEC_ROOT, findProcedureDirs, formatDiagnostic, loadProcedure } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

export const DEFAULT_OUT = 'out/actes';

const HELP = `Usage : greffe acts sample [--procedure ID] [--out DOSSIER] [--spec DOSSIER] [--seal]

Rend en PDF chaque modèle d’acte (dossier acts/ d’une version de procédure) avec
des données d’exemple fictives, pour relecture par les rédacteurs : un fichier
DOSSIER/<procédure>/<version>/<acte>.pdf par modèle (par défaut ${DEFAULT_OUT}).
  --procedure  seulement cette procédure (identifiant, ex. petits-litiges)
  --spec       dossier des spécifications (par défaut ${DEFAULT_SPEC_ROOT})
  --seal       appose le cachet de la juridiction (PAdES horodaté) configuré par
               GREFFE_SEAL_CERT, GREFFE_SEAL_KEY et GREFFE_TSA_URL, sinon un
               certificat de développement (docs/exploitation.md, « Connecteurs »)
Code de sortie : 0 si tout est rendu, 1 si une spécification est invalide, 2 si l’appel est incorrect.`;

export const SAMPLE_NOTICE =
  'Exemple fictif produit par « greffe acts sample » : document sans valeur juridique.';

const OPTIONS = {
  procedure: { type: 'string' },
  out: { type: 'string' },
  spec: { type: 'string' },
  seal: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'rend les modèles d’actes en PDF avec des données d’exemple',
  async run(args) {
    const parsed = parseCommand('acts', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals[0] !== 'sample' || positionals.length > 1) {
      return usageError('acts', `sous-commande attendue « sample ».`, HELP);
    }
    const out = values.out ?? DEFAULT_OUT;
    const dirs = findProcedureDirs(values.spec ?? DEFAULT_SPEC_ROOT);
    const seal = values.seal ? await sealFromConfig(connectorConfigFromEnv(process.env).seal) : undefined;
    const notice = seal?.development ? `${SAMPLE_NOTICE} ${DEV_SEAL_NOTICE}` : SAMPLE_NOTICE;
    let failed = false;
    let written = 0;
    for (const dir of dirs) {
      const { procedure, diagnostics } = loadProcedure(dir);
      if (values.procedure && procedure?.id !== values.procedure) continue;
      const acts = procedure ? loadActTemplates(procedure) : undefined;
      const problems = [...diagnostics, ...(acts?.diagnostics ?? [])].filter((d) => d.severity === 'error');
      if (!procedure || !acts || problems.length > 0) {
        for (const d of problems) console.error(formatDiagnostic(d));
        failed = true;
        continue;
      }
      const target = join(out, procedure.id, procedure.version);
      mkdirSync(target, { recursive: true });
      for (const t of acts.acts) {
        const data = sampleActData(t, procedure);
        const unsigned = await renderActPdf(t, procedure, data, { notice });
        const pdf = seal
          ? (await sealPdf(unsigned, seal, { reason: `${t.title}, ${data.rg}`, location: data.tribunal })).pdf
          : unsigned;
        const file = join(target, `${t.id}.pdf`);
        writeFileSync(file, pdf);
        written++;
        console.log(`${relative(process.cwd(), file)}  ${t.title}`);
      }
    }
    if (values.procedure && written === 0 && !failed) {
      console.error(`greffe acts : aucune procédure « ${values.procedure} » n’a de modèle d’acte.`);
      return 2;
    }
    console.log(`${written} acte(s) rendu(s) dans ${out}.`);
    return failed ? 1 : 0;
  },
};
