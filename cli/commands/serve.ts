/** `greffe serve`: runs the platform (API, web app, scheduler, outbox) on a SQLite file or a PostgreSQL database. */
import { existsSync } from 'node:fs';
import { WEB_DIST_DIR } from '../../forms/index.ts';
import { mailFolder } from '../../runtime/connectors/mail/mailer.ts';
import { startServer } from '../../runtime/index.ts';
import { DEFAULT_SPEC_ROOT } from '../../spec/index.ts';
import { type Command, parseCommand } from '../command.ts';

const HELP = `Usage : greffe serve [--port N] [--host ADRESSE] [--db FICHIER|postgres://…] [--data DOSSIER] [--spec DOSSIER] [--web DOSSIER] [--dev]

Sert la plateforme : API, application web, délais et messages.
  --port    port d’écoute (défaut : $PORT ou 3000)
  --host    adresse d’écoute (défaut : 127.0.0.1)
  --db      fichier SQLite, créé au premier démarrage (défaut : data/greffe.sqlite) — un seul
            serveur par fichier — ou base PostgreSQL postgres://utilisateur@hôte/base, que
            plusieurs instances peuvent partager (tables créées au premier démarrage)
  --data    avec PostgreSQL : dossier des pièces et des fichiers du serveur, partagé par
            les instances (défaut : data)
  --spec    dossier des procédures (défaut : ${DEFAULT_SPEC_ROOT})
  --web     dossier de l’application web construite (défaut : forms/web/dist s’il existe)
  --court   juridiction des nouvelles affaires qui n’en indiquent pas
  --trust-proxy  derrière un mandataire HTTPS : cookies Secure, HSTS, X-Forwarded-For/Proto crus
  --dev     mode développement : utilisateurs d’exemple pour chaque rôle et horloge réglable
            (POST /api/dev/clock). Refusé si NODE_ENV=production.
Code de sortie : 0 à l’arrêt normal, 1 si le serveur ne démarre pas, 2 si l’appel est incorrect.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  data: { type: 'string' },
  spec: { type: 'string' },
  web: { type: 'string' },
  court: { type: 'string' },
  dev: { type: 'boolean' },
  'trust-proxy': { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'sert la plateforme (API, application web, délais, messages)',
  async run(args) {
    const parsed = parseCommand('serve', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`greffe serve : port invalide « ${String(values.port)} ».`);
      return 2;
    }
    if (values.dev && process.env.NODE_ENV === 'production') {
      console.error('greffe serve : le mode développement (--dev) est refusé lorsque NODE_ENV=production.');
      return 2;
    }
    const webDir =
      (values.web as string | undefined) ?? (existsSync(WEB_DIST_DIR) ? WEB_DIST_DIR : undefined);
    try {
      const server = await startServer({
        db: (values.db as string | undefined) ?? 'data/greffe.sqlite',
        ...(typeof values.data === 'string' && { dataDir: values.data }),
        spec: (values.spec as string | undefined) ?? DEFAULT_SPEC_ROOT,
        port,
        host: (values.host as string | undefined) ?? '127.0.0.1',
        dev: values.dev === true,
        trustProxy: values['trust-proxy'] === true,
        ...(webDir && { webDir }),
        ...(typeof values.court === 'string' && { court: values.court }),
      });
      const procs = server.runtime.catalog.procedures.map((p) => `${p.id} ${p.version}`).join(', ');
      console.log(
        `greffe : plateforme servie sur ${server.url.replace('127.0.0.1', 'localhost')} (procédures : ${procs}).`,
      );
      console.log(
        `greffe : base ${server.runtime.store.location} ; référence de l’API : ${server.url}/api/docs`,
      );
      if (server.devClock) {
        console.log(
          'greffe : MODE DÉVELOPPEMENT — utilisateurs d’exemple (GET /api/dev/users), horloge réglable (POST /api/dev/clock).',
        );
      } else {
        console.log(
          process.env.GREFFE_SMTP_URL
            ? 'greffe : connexion par code envoyé par courriel (serveur SMTP de GREFFE_SMTP_URL).'
            : `greffe : connexion par code envoyé par courriel ; sans serveur SMTP, les courriels sont écrits dans ${mailFolder(server.runtime.store.dataDir)}`,
        );
        console.log(
          'greffe : comptes des agents : npx greffe users add --email … --role juge --court tj-exemple',
        );
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      console.log('greffe : arrêt…');
      await server.close();
      return 0;
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        console.error(
          `greffe serve : démarrage impossible : le port ${port} est déjà utilisé par un autre programme ; choisissez-en un autre avec --port (ou PORT).`,
        );
        return 1;
      }
      console.error(
        `greffe serve : démarrage impossible : ${err instanceof Error ? err.message : String(err)}`,
      );
      return 1;
    }
  },
};
