/** `greffe restore --from DOSSIER`: puts a backup back in place, then audits it (runtime/backup, runtime/audit). */
import { join } from 'node:path';
import { BACKUP_CHECKPOINTS, restore } from '../../runtime/backup/backup.ts';
import { auditDatabase, loadCatalog, openSqliteAudit } from '../../runtime/index.ts';
import { DEFAULT_SPEC_ROOT } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe restore --from DOSSIER [--db FICHIER] [--force] [--spec DOSSIER]

Remet en place une sauvegarde de « greffe backup » (serveur arrêté), puis vérifie la base
restaurée comme « greffe audit verify » contre les points de contrôle sauvegardés avec elle.
  --from   dossier de la sauvegarde
  --db     fichier SQLite à écrire (défaut : data/greffe.sqlite), pièces à côté
  --force  remplace une base existante
Code de sortie : 0 si la base restaurée est intacte, 1 si la restauration échoue ou si
la vérification trouve une altération, 2 si l’appel est incorrect.`;

const OPTIONS = {
  from: { type: 'string' },
  db: { type: 'string' },
  force: { type: 'boolean' },
  spec: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'remet en place une sauvegarde et la vérifie',
  async run(args) {
    const parsed = parseCommand('restore', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    if (!values.from) {
      return usageError('restore', `--from DOSSIER est obligatoire.`, HELP);
    }
    const db = values.db ?? 'data/greffe.sqlite';
    try {
      const m = restore({ from: values.from, db, force: values.force === true });
      console.log(
        `greffe restore : sauvegarde du ${m.createdAt} remise en place dans ${db} (${m.documents} pièce(s)).`,
      );
    } catch (err: unknown) {
      console.error(`greffe restore : échec : ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const opened = openSqliteAudit(db);
    if (!opened.ok) {
      console.error(`greffe restore : base restaurée illisible : ${opened.reason}`);
      return 1;
    }
    try {
      const report = await auditDatabase(opened.source, {
        procedures: loadCatalog(values.spec ?? DEFAULT_SPEC_ROOT).procedures,
        exported: join(values.from, BACKUP_CHECKPOINTS),
      });
      for (const f of report.findings)
        console.log(
          `${f.caseId ? `Affaire ${f.reference ?? '(supprimée)'} (${f.caseId})` : 'Base'} : ${f.what}`,
        );
      console.log(
        `greffe restore : vérification — ${report.cases} affaire(s), ${report.events} événement(s), ` +
          `${report.checkpoints} point(s) de contrôle : ${report.findings.length === 0 ? 'intacts' : `${report.findings.length} altération(s)`}.`,
      );
      return report.findings.length === 0 ? 0 : 1;
    } finally {
      await opened.source.close();
    }
  },
};
