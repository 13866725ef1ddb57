/** `greffe audit verify [--case ID] [--db FILE]`: recomputes every case's journal hash chain. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isPostgresUrl, openCaseStore } from '../../runtime/index.ts';
import type { Command } from '../command.ts';

const HELP = `Usage : greffe audit verify [--case ID|RÉFÉRENCE] [--db FICHIER] [--json]

Recalcule la chaîne d’empreintes du journal de chaque affaire (ou d’une seule)
et signale, par affaire, le premier événement dont le lien est rompu.
  --db    fichier SQLite (défaut : data/greffe.sqlite) ou base PostgreSQL (postgres://…)
  --case  identifiant ou référence (RG 27/00001) d’une affaire
  --json  rapport en JSON
Code de sortie : 0 si tout est intact, 1 si une chaîne est rompue, 2 si l’appel est incorrect.`;

const OPTIONS = {
  db: { type: 'string' },
  case: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });

export const command: Command = {
  summary: 'vérifie l’intégrité du journal des affaires (chaîne d’empreintes)',
  async run(args) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch (err: unknown) {
      console.error(`greffe audit : ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      console.error(`greffe audit : sous-commande attendue « verify ».\n\n${HELP}`);
      return 2;
    }
    const file = values.db ?? 'data/greffe.sqlite';
    if (!isPostgresUrl(file) && !existsSync(file)) {
      console.error(`greffe audit : base introuvable « ${file} ».`);
      return 2;
    }
    const store = await openCaseStore(file);
    try {
      const report = await store.verifyJournal(values.case);
      if (values.case !== undefined && report.cases === 0) {
        console.error(`greffe audit : aucune affaire « ${values.case} ».`);
        return 2;
      }
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const b of report.broken) {
          console.log(
            `Affaire ${b.reference} (${b.caseId}) : chaîne rompue à l’événement n° ${b.seq} — ${b.reason}`,
          );
        }
        const verdict = report.broken.length === 0 ? 'intacts' : `${report.broken.length} rompu(s)`;
        console.log(
          `${report.cases} affaire(s), ${report.events} événement(s) vérifiés : journaux ${verdict}.`,
        );
      }
      return report.broken.length === 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
