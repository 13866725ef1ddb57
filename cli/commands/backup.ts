/** `greffe backup --out DOSSIER`: a consistent backup of a running platform (runtime/backup). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { backup } from '../../runtime/backup/backup.ts';
import type { Command } from '../command.ts';

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

export const command: Command = {
  summary: 'sauvegarde cohérente de la base, des pièces et des points de contrôle, serveur en marche',
  async run(args) {
    let values: { out?: string; db?: string; points?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          out: { type: 'string' },
          db: { type: 'string' },
          points: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (err: unknown) {
      console.error(`greffe backup : ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
      return 2;
    }
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (!values.out) {
      console.error(`greffe backup : --out DOSSIER est obligatoire.\n\n${HELP}`);
      return 2;
    }
    const db = values.db ?? 'data/greffe.sqlite';
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
