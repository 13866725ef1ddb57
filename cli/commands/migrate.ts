/**
 * `greffe migrate --db FICHIER --from <v> --to <v> [--procedure ID] [--dry-run]`:
 * applies the transitional provisions of a version to the open cases of an
 * earlier one (runtime/service/migrate-cases.ts).
 */
import { existsSync } from 'node:fs';
import {
  type CaseMigration,
  isPostgresUrl,
  loadCatalog,
  migrateCases,
  openAuditSource,
  openCaseStore,
  planCaseMigrations,
} from '../../runtime/index.ts';
import { DEFAULT_SPEC_ROOT, type Procedure } from '../../spec/index.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage : greffe migrate --db FICHIER --from <version> --to <version> [--procedure ID] [--dry-run] [--json]

Applique aux affaires en cours de la version --from les dispositions
transitoires (transitional:) de la version --to : chaque affaire passe à
l'état que prévoit la correspondance, ses faits renommés ou complétés, ou
reste sur sa version (affaire close, dispositions « stay »), ou est refusée
avec la raison (un délai en cours qui ne courrait plus, un fait qui manque).
Chaque passage est inscrit au journal de l'affaire (greffe audit verify le
rejoue).
  --db         fichier SQLite (défaut : data/greffe.sqlite) ou base PostgreSQL (postgres://…)
  --data       avec PostgreSQL : dossier partagé des instances (défaut : data)
  --spec       dossier des procédures (défaut : ${DEFAULT_SPEC_ROOT})
  --procedure  identifiant de la procédure (défaut : toutes celles qui ont les deux versions)
  --dry-run    dit ce qui se passerait, sans rien écrire (la base est ouverte en lecture seule)
  --json       rapport en JSON
Code de sortie : 0 si aucune affaire n'est refusée, 1 sinon, 2 si l'appel est incorrect.`;

const OPTIONS = {
  db: { type: 'string' },
  data: { type: 'string' },
  spec: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  procedure: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function describe(m: CaseMigration, source: Procedure, dry: boolean): string {
  const p = m.plan;
  const who = `${m.reference === null ? 'Brouillon' : `Affaire ${m.reference}`} (${m.caseId})`;
  if (p.kind === 'stay') return `${who} : reste sur la version ${source.version} (${p.reason}).`;
  if (p.kind === 'refused') return `${who} : refusée, reste sur la version ${source.version} — ${p.reason}.`;
  const renamed = Object.entries(p.data.renamed).map(([a, b]) => `${a} → ${b}`);
  const defaulted = Object.entries(p.data.defaulted).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  return (
    `${who} : ${dry ? 'passerait' : 'est passée'} à la version ${p.data.to}, de l’état « ${p.fromState} » à « ${p.toState} »` +
    `${renamed.length > 0 ? ` ; faits renommés : ${renamed.join(', ')}` : ''}` +
    `${defaulted.length > 0 ? ` ; faits complétés : ${defaulted.join(', ')}` : ''}` +
    `${m.seq !== undefined ? ` (événement n° ${m.seq})` : ''}.`
  );
}

export const command: Command = {
  summary: 'fait passer les affaires en cours à une nouvelle version (dispositions transitoires)',
  async run(args) {
    const parsed = parseCommand('migrate', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const { from, to } = values;
    if (!from || !to) {
      return usageError('migrate', `--from et --to sont obligatoires.`, HELP);
    }
    const file = values.db ?? 'data/greffe.sqlite';
    if (!isPostgresUrl(file) && !existsSync(file)) {
      console.error(`greffe migrate : base introuvable « ${file} ».`);
      return 2;
    }
    const catalog = loadCatalog(values.spec ?? DEFAULT_SPEC_ROOT);
    const ids = [...new Set(catalog.procedures.map((p) => p.id))].filter(
      (id) =>
        (values.procedure === undefined || id === values.procedure) &&
        catalog.get(id, from) &&
        catalog.get(id, to),
    );
    if (ids.length === 0) {
      console.error(
        `greffe migrate : aucune procédure${values.procedure ? ` « ${values.procedure} »` : ''} n’a à la fois les versions ${from} et ${to} (qui se chargent sans erreur).`,
      );
      return 2;
    }
    const dry = values['dry-run'] === true;
    const now = new Date();
    const opened = await openAuditSource(file, values.data);
    if (!opened.ok) {
      console.error(`greffe migrate : ${file} : ${opened.reason}`);
      return 2;
    }
    const pairs = ids.map((id) => ({
      source: catalog.get(id, from) as Procedure,
      target: catalog.get(id, to) as Procedure,
    }));
    const plans: CaseMigration[][] = [];
    try {
      for (const { source, target } of pairs)
        plans.push(await planCaseMigrations(opened.source, source, target, now));
    } finally {
      await opened.source.close();
    }
    const results: CaseMigration[][] = [];
    if (dry) results.push(...plans);
    else {
      const store = await openCaseStore(file, { ...(values.data && { dataDir: values.data }) });
      try {
        for (const [i, { source, target }] of pairs.entries())
          results.push(await migrateCases(store, plans[i] ?? [], source, target, now));
      } finally {
        await store.close();
      }
    }
    const all = results.flat();
    const count = (k: CaseMigration['plan']['kind']) => all.filter((m) => m.plan.kind === k).length;
    if (values.json) console.log(JSON.stringify({ dryRun: dry, from, to, cases: all }, null, 2));
    else {
      for (const [i, { source }] of pairs.entries())
        for (const m of results[i] ?? []) console.log(describe(m, source, dry));
      console.log(
        `${all.length} affaire(s) de la version ${from} : ${count('move')} ${dry ? 'passeraient' : 'passée(s)'} à la version ${to}, ` +
          `${count('refused')} refusée(s), ${count('stay')} restée(s) sur leur version${dry ? ' (essai : rien n’a été écrit)' : ''}.`,
      );
    }
    return count('refused') > 0 ? 1 : 0;
  },
};
