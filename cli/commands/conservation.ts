/**
 * `greffe conservation`: destroys the keys of personal data of the cases whose
 * retention ended (runtime/retention/shred.ts) — what the server does once a
 * day, for an operator's run or a scheduled job (cron, systemd timer).
 */
import { existsSync } from 'node:fs';
import { isPostgresUrl, loadCatalog, openCaseStore } from '../../runtime/index.ts';
import { shredExpired } from '../../runtime/retention/shred.ts';
import { DEFAULT_SPEC_ROOT } from '../../spec/index.ts';
import { type Command, parseCommand } from '../command.ts';

const HELP = `Usage : greffe conservation [--db FICHIER|URL] [--data DOSSIER] [--spec DOSSIER] [--date INSTANT] [--json]

Efface, à la fin de la durée de conservation que fixe la procédure (« retention: »),
les données personnelles des affaires closes : la clé de chaque affaire est détruite
(effacement cryptographique), ses brouillons, les noms de ses participants et le
contenu de ses messages sont effacés, ainsi que les pièces qu'aucune autre affaire
ne cite. Le journal garde ses empreintes : « greffe audit verify » reste valide.
Une version sans « retention: » est conservée, sauf durée par défaut donnée par
GREFFE_CONSERVATION_DEFAUT (ISO 8601, ex. P5Y). Le serveur le fait aussi une fois par jour.
  --db    fichier SQLite (défaut : data/greffe.sqlite) ou base PostgreSQL (postgres://…)
  --data  avec PostgreSQL : dossier partagé des instances (défaut : data)
  --spec  dossier des procédures (défaut : ${DEFAULT_SPEC_ROOT})
  --date  l'instant de référence (ISO 8601 ; défaut : maintenant)
  --json  rapport en JSON
Code de sortie : 0 fait (même sans affaire à effacer), 2 appel ou base invalide.`;

const OPTIONS = {
  db: { type: 'string' },
  data: { type: 'string' },
  spec: { type: 'string' },
  date: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const fail = (message: string): number => {
  console.error(`greffe conservation : ${message}`);
  return 2;
};

export const command: Command = {
  summary: 'efface les données personnelles des affaires dont la conservation a pris fin',
  async run(args) {
    const parsed = parseCommand('conservation', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const db = values.db ?? 'data/greffe.sqlite';
    if (!isPostgresUrl(db) && !existsSync(db)) return fail(`base introuvable « ${db} ».`);
    const now = values.date ? new Date(values.date) : new Date();
    if (Number.isNaN(now.getTime())) return fail(`--date « ${values.date} » n'est pas un instant ISO 8601.`);
    const catalog = loadCatalog(values.spec ?? DEFAULT_SPEC_ROOT);
    const store = await openCaseStore(db, { ...(values.data !== undefined && { dataDir: values.data }) });
    try {
      const fallback = process.env.GREFFE_CONSERVATION_DEFAUT;
      const report = await shredExpired(store, catalog.procedures, now, {
        ...(fallback && { defaultRetention: fallback }),
      });
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const c of report.shredded)
          console.log(
            `${c.reference ?? 'Brouillon'} (${c.procedure}, close le ${c.closedAt.slice(0, 10)}) : données personnelles effacées.`,
          );
        console.log(
          `${report.shredded.length} affaire(s) effacée(s), ${report.files} fichier(s) de pièces supprimé(s).`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
