/**
 * `greffe audit verify`: checks a greffe database READ-ONLY (never migrated,
 * never written) against its journal, its transparency log, the exported
 * checkpoints and the documents' bytes (runtime/audit/verify.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { auditDatabase, isPostgresUrl, loadCatalog, openAuditSource } from '../../runtime/index.ts';
import { DEFAULT_SPEC_ROOT } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe audit verify [--db FICHIER] [--points DOSSIER] [--cle FICHIER] [--case ID|RÉFÉRENCE] [--json]

Vérifie, en lecture seule (la base n’est ni écrite ni migrée) :
  - les déclencheurs qui rendent le journal inaltérable ;
  - la chaîne d’empreintes du journal de chaque affaire ;
  - le registre de transparence (arbre de Merkle RFC 6962) contre les points de
    contrôle signés de la base et ceux exportés hors de la main de l’exploitant ;
  - l’état, les faits, les participants et les délais de chaque affaire, recalculés
    depuis son journal avec les règles de sa procédure ;
  - les octets de chaque pièce contre leur empreinte.
  --db      fichier SQLite (défaut : data/greffe.sqlite) ou base PostgreSQL (postgres://…)
  --data    avec PostgreSQL : dossier partagé des instances, où sont les pièces (défaut : data)
  --points  dossier des points de contrôle exportés (défaut : $GREFFE_CHECKPOINT_EXPORT,
            sinon le dossier transparence/ à côté de la base s’il existe)
  --cle     clé publique du journal (PEM ; défaut : celle du dossier exporté)
  --spec    dossier des procédures (défaut : ${DEFAULT_SPEC_ROOT})
  --case    identifiant ou référence (RG 27/00001) d’une affaire
  --json    rapport en JSON
Code de sortie : 0 si tout est intact, 1 si une altération est trouvée (l’affaire est nommée),
2 si le fichier n’est pas une base greffe, est vide ou illisible, ou si l’appel est incorrect.`;

const OPTIONS = {
  db: { type: 'string' },
  data: { type: 'string' },
  points: { type: 'string' },
  cle: { type: 'string' },
  spec: { type: 'string' },
  case: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'vérifie l’intégrité du journal, du registre, des projections et des pièces',
  async run(args) {
    const parsed = parseCommand('audit', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      return usageError('audit', `sous-commande attendue « verify ».`, HELP);
    }
    const file = values.db ?? 'data/greffe.sqlite';
    if (!isPostgresUrl(file) && !existsSync(file)) {
      console.error(`greffe audit : base introuvable « ${file} ».`);
      return 2;
    }
    const opened = await openAuditSource(file, values.data);
    if (!opened.ok) {
      console.error(`greffe audit : ${file} : ${opened.reason}`);
      return 2;
    }
    const src = opened.source;
    try {
      const env = process.env.GREFFE_CHECKPOINT_EXPORT;
      const besides = join(dirname(src.location), 'transparence');
      const exported =
        values.points ?? (env && !/^https?:\/\//.test(env) ? env : existsSync(besides) ? besides : undefined);
      const publicKey = values.cle ? readFileSync(values.cle, 'utf8') : undefined;
      const catalog = loadCatalog(values.spec ?? DEFAULT_SPEC_ROOT);
      const report = await auditDatabase(src, {
        procedures: catalog.procedures,
        ...(exported && { exported }),
        ...(publicKey && { publicKey }),
        ...(values.case !== undefined && { caseId: values.case }),
      });
      if (values.case !== undefined && report.cases === 0) {
        console.error(`greffe audit : aucune affaire « ${values.case} ».`);
        return 2;
      }
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const f of report.findings) {
          const where = f.caseId ? `Affaire ${f.reference ?? '(supprimée)'} (${f.caseId})` : 'Base';
          console.log(`${where}${f.seq !== undefined ? `, événement n° ${f.seq}` : ''} : ${f.what}`);
        }
        for (const n of report.notes) console.log(`Remarque : ${n}`);
        const verdict = report.findings.length === 0 ? 'intacts' : `${report.findings.length} altération(s)`;
        console.log(
          `${report.cases} affaire(s), ${report.events} événement(s), ${report.leaves} feuille(s) du registre, ` +
            `${report.checkpoints} point(s) de contrôle, ${report.documents} pièce(s) vérifiés : ${verdict}.`,
        );
      }
      return report.findings.length === 0 ? 0 : 1;
    } finally {
      await src.close();
    }
  },
};
