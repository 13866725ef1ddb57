/** `greffe dev`: live preview of the spec — annex pages, forms, diagnostics and the application, reloaded on each save. */
import { WEB_DIST_DIR, webDistReady } from '../../forms/index.ts';
import { DEFAULT_SPEC_ROOT, findProcedureDirs } from '../../spec/index.ts';
import { type Command, parseCommand } from '../command.ts';

const HELP = `Usage : greffe dev [--port N] [--spec DOSSIER] [--app-port N] [--host ADRESSE] [--web DOSSIER]

Aperçu en direct pour la rédaction : surveille --spec (par défaut ${DEFAULT_SPEC_ROOT}) et,
à chaque enregistrement, revérifie la version modifiée (mêmes diagnostics que
greffe validate, imprimés ici et affichés dans la page), puis recharge les pages
ouvertes : texte de l’annexe, récapitulatif, diagrammes, formulaires rendus par
l’application. L’application elle-même tourne à côté (mode développement,
utilisateurs d’exemple, base SQLite temporaire) avec les versions en projet.
Une version qui ne se charge plus reste servie dans son dernier état valide.
  --port      port de l’aperçu (défaut : 3100)
  --app-port  port de l’application (défaut : port de l’aperçu + 1 ; 0 : un port libre)
  --host      adresse d’écoute (défaut : 127.0.0.1)
  --web       application web construite (défaut : forms/web/dist, npm run build:web)
Code de sortie : 0 à l’arrêt (Ctrl+C), 1 si l’aperçu ne démarre pas, 2 si l’appel est incorrect.`;

const OPTIONS = {
  port: { type: 'string' },
  'app-port': { type: 'string' },
  host: { type: 'string' },
  spec: { type: 'string' },
  web: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'aperçu en direct de la spécification (annexe, formulaires, application)',
  async run(args) {
    const parsed = parseCommand('dev', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const port = Number(values.port ?? 3100);
    const appPort = Number(values['app-port'] ?? (port === 0 ? 0 : port + 1));
    for (const [name, n] of [
      ['--port', port],
      ['--app-port', appPort],
    ] as const) {
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        console.error(`greffe dev : ${name} invalide.`);
        return 2;
      }
    }
    if (process.env.NODE_ENV === 'production') {
      console.error(
        'greffe dev : refusé lorsque NODE_ENV=production (utilisateurs d’exemple, horloge réglable).',
      );
      return 2;
    }
    const spec = (values.spec as string | undefined) ?? DEFAULT_SPEC_ROOT;
    if (findProcedureDirs(spec).length === 0) {
      console.error(`greffe dev : aucun procedure.yaml trouvé sous « ${spec} ».`);
      return 2;
    }
    const webDir = (values.web as string | undefined) ?? (webDistReady() ? WEB_DIST_DIR : undefined);
    if (!webDir)
      console.log(
        'greffe dev : application web non construite (npm run build:web) : ni formulaires rendus, ni pages de l’application.',
      );
    const { startDev } = await import('../dev/dev-server.ts');
    try {
      const dev = await startDev({
        spec,
        port,
        appPort,
        ...(typeof values.host === 'string' && { host: values.host }),
        ...(webDir && { webDir }),
      });
      console.log(
        `greffe dev : aperçu sur ${dev.url.replace('127.0.0.1', 'localhost')} ; application sur ${dev.appUrl() ?? '(non démarrée)'}.`,
      );
      console.log(
        'greffe dev : enregistrez un fichier de la spécification, la page se recharge. Ctrl+C pour arrêter.',
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      console.log('greffe dev : arrêt…');
      await dev.close();
      return 0;
    } catch (err: unknown) {
      console.error(
        `greffe dev : démarrage impossible : ${err instanceof Error ? err.message : String(err)}`,
      );
      return 1;
    }
  },
};
