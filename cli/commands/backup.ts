/** `greffe backup --out DOSSIER`: a consistent backup of a running platform (runtime/backup). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backup } from '../../runtime/backup/backup.ts';
import { isPostgresUrl } from '../../runtime/store/open-any.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe backup --out DOSSIER [--db FICHIER] [--points DOSSIER]

Sauvegarde la plateforme pendant qu’elle tourne : la base (sauvegarde en ligne de SQLite,
instantané cohérent), les pièces, les derniers points de contrôle exportés du journal et,
en développement, la clé qui le signe. Restauration : greffe restore --from DOSSIER.
  --out     dossier à créer (nouveau ou vide)
  --db      fichier SQLite (défaut : data/greffe.sqlite)
  --points  dossier des points de contrôle exportés (défaut : $GREFFE_CHECKPOINT_EXPORT,
            sinon transparence/ à côté de la base)
PostgreSQL : pg_dump, voir docs/exploitation.md.
Code de sortie : 0 si la sauvegarde est faite, 1 si elle échoue, 2 si l’appel est incorrect.`;

const OPTIONS = {
  out: { type: 'string' },
  db: { type: 'string' },
  points: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'sauvegarde cohérente de la base, des pièces et des points de contrôle, serveur en marche',
  async run(args) {
    const parsed = parseCommand('backup', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    if (!values.out) return usageError('backup', '--out DOSSIER est obligatoire.', HELP);
    const db = values.db ?? 'data/greffe.sqlite';
    if (isPostgresUrl(db)) {
      console.error(
        'greffe backup : sauvegarde d’une base SQLite seulement ; une base PostgreSQL se sauvegarde avec pg_dump, les pièces et les points de contrôle à côté (docs/exploitation.md, « Sauvegarde »).',
      );
      return 2;
    }
    if (!existsSync(db)) {
      console.error(`greffe backup : base introuvable « ${db} ».`);
      return 2;
    }
    const env = process.env.GREFFE_CHECKPOINT_EXPORT;
    const exported =
      values.points ?? (env && !/^https?:\/\//.test(env) ? env : join(dirname(db), 'transparence'));
    try {
      const m = await backup({ db, out: values.out, exported });
      console.log(
        `greffe backup : ${values.out} — base ${m.database.size} octets (sha256 ${m.database.sha256.slice(0, 16)}…), ` +
          `${m.documents} pièce(s), ${m.checkpoints} point(s) de contrôle exporté(s).`,
      );
      return 0;
    } catch (err: unknown) {
      console.error(`greffe backup : échec : ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  },
};
