/**
 * The `greffe` command for tests: `runGreffe` runs the real binary in a child process, as a user
 * would (exit code, stdout, stderr across the process boundary); `runGreffeHere` calls the same
 * `main()` in the test's process, for tests about what a command does rather than about the
 * process (it saves the ~2 s of starting node and tsx per call). Each CLI keeps at least one
 * spawned test for its exit codes.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { format } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'cli/bin/greffe.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `input` is written to its standard input (closed either way); `cwd` defaults to the repository. */
export function runGreffe(
  args: string[],
  options: { input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * `main(args)` of cli/main.ts in this process, its console.log/info going to stdout and
 * console.error/warn to stderr as in the binary (the commands write only through the console).
 * `input` stands in for standard input (empty if not given), as `runGreffe` writes it.
 * Calls run one at a time, since the console, stdin and the working directory are the process's.
 * A command that throws fails the test with its error, as the binary would crash.
 * Not for commands that stay running (serve, dev).
 */
export function runGreffeHere(
  args: string[],
  options: { input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const run = queue.then(() => runNow(args, options.cwd ?? ROOT, options.input ?? ''));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], cwd: string, input: string): Promise<CliResult> {
  const { main } = await import('../../cli/main.ts');
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (!stdin?.configurable) throw new Error('process.stdin ne peut pas être remplacé');
  Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: true,
    value: Readable.from([Buffer.from(input, 'utf8')]),
  });
  const before = process.cwd();
  let stdout = '';
  let stderr = '';
  console.log = console.info = (...a: unknown[]) => {
    stdout += `${format(...a)}\n`;
  };
  console.error = console.warn = (...a: unknown[]) => {
    stderr += `${format(...a)}\n`;
  };
  try {
    if (cwd !== before) process.chdir(cwd);
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    Object.assign(console, saved);
    Object.defineProperty(process, 'stdin', stdin);
    if (process.cwd() !== before) process.chdir(before);
  }
}
