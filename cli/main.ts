/** The `greffe` command: parses the subcommand and hands over to cli/commands/<name>.ts. */
import { pathToFileURL } from 'node:url';
import type { Command } from './command.ts';

export type { Command } from './command.ts';

/** Subcommands, loaded lazily so `greffe validate` never loads the HTTP server. */
const commands: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import('./commands/validate.ts'),
  deadline: () => import('./commands/deadline.ts'),
  eligibility: () => import('./commands/eligibility.ts'),
  referral: () => import('./commands/referral.ts'),
  test: () => import('./commands/test.ts'),
  serve: () => import('./commands/serve.ts'),
  audit: () => import('./commands/audit.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  docs: () => import('./commands/docs.ts'),
  users: () => import('./commands/users.ts'),
  acts: () => import('./commands/acts.ts'),
  'new-version': () => import('./commands/new-version.ts'),
  publish: () => import('./commands/publish.ts'),
  migrate: () => import('./commands/migrate.ts'),
  dev: () => import('./commands/dev.ts'),
  diff: () => import('./commands/diff.ts'),
  conservation: () => import('./commands/conservation.ts'),
};

/** The subcommands' names, in the order `greffe --help` lists them. */
export function commandNames(): string[] {
  return Object.keys(commands);
}

function usage(): string {
  return [
    'Usage : greffe <commande> [options]',
    '',
    'Commandes :',
    ...commandNames().map((c) => `  ${c}`),
    '',
    'greffe <commande> --help affiche l’aide d’une commande.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(`greffe : commande inconnue « ${name} ».\n\n${usage()}`);
    return 2;
  }
  const { command } = await load();
  return command.run(rest);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
