/** What each cli/commands/<name>.ts exports; its own file so commands and main.ts do not import each other. */
export interface Command {
  readonly summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}
