/** What each cli/commands/<name>.ts exports; its own file so commands and main.ts do not import each other. */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface Command {
  readonly summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Exit code of a malformed call, the same for every command (0 done, 1 the command's own failure). */
export const USAGE_ERROR = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export type CommandArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>
>;

/** Prints `greffe <name> : <message>` and the command's help on stderr; returns the usage exit code. */
export function usageError(name: string, message: string, help: string): number {
  console.error(`greffe ${name} : ${message}\n\n${help}`);
  return USAGE_ERROR;
}

/**
 * node:util's parse errors are English and name the option in its own words: say them in French,
 * naming the argument, for the drafters and operators who read them.
 */
function frenchParseError(err: unknown, args: readonly string[]): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue « ${quoted ?? args.find((a) => a.startsWith('-')) ?? '?'} ».`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /--([\w-]+)/.exec(message)?.[1];
      return option && /argument missing|<value>/.test(message)
        ? `l’option --${option} attend une valeur.`
        : `valeur invalide${option ? ` pour --${option}` : ''}.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu « ${quoted ?? '?'} » : cette commande ne prend que des options.`;
    default:
      return `appel invalide (${message}).`;
  }
}

/**
 * Parses a command's arguments the same way for every command: `--help`/`-h` prints `help` on stdout
 * (exit 0); an unknown option, a missing value or an unexpected argument prints the reason in French
 * and `help` on stderr (exit 2). Returns the parsed arguments, or the exit code when the command has
 * nothing more to do.
 */
export function parseCommand<const O extends Options>(
  name: string,
  help: string,
  options: O,
  args: string[],
  { positionals = false }: { positionals?: boolean } = {},
): CommandArgs<O> | number {
  let parsed: CommandArgs<O>;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, ...HELP_OPTION },
      allowPositionals: true,
      strict: true,
    }) as CommandArgs<O>;
  } catch (err: unknown) {
    return usageError(name, frenchParseError(err, args), help);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return 0;
  }
  if (!positionals && parsed.positionals.length > 0) {
    return usageError(
      name,
      `argument inattendu « ${parsed.positionals[0]} » : cette commande ne prend que des options.`,
      help,
    );
  }
  return parsed;
}
