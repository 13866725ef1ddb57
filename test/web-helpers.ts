/**
 * Support for the browser tests and the web bench: build the web app, start
 * the real `greffe serve --dev` on a free loopback port with a temporary
 * SQLite file, drive Debian's Chromium with playwright-core, record every
 * request (nothing may leave the loopback), run axe-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type BuildInfo, buildWeb } from '../forms/web/build.ts';
import { launchBrowser } from '../renderer/browser.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The same offline, quiet Chromium the annex is rendered with (GREFFE_CHROMIUM or Debian's). */
export const launchChromium = (): Promise<Browser> => launchBrowser();

/**
 * The web app in a fresh temporary folder (its caller may remove it). Built once per vitest run
 * in the run's shared folder (test/global-setup.ts), then copied: the sources do not change
 * during a run. Outside vitest's global setup (the bench), built here.
 */
export async function buildWebTo(): Promise<{ dir: string; info: BuildInfo }> {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-web-'));
  const runDir = process.env.VITEST ? (inject('runDir') as string | undefined) : undefined;
  if (!runDir) return { dir, info: await buildWeb({ outDir: dir }) };
  const shared = join(runDir, 'web');
  if (!existsSync(join(shared, 'build-info.json'))) {
    // Built aside then renamed: a test file in another worker never copies half a build.
    const part = `${shared}.${process.pid}.part`;
    await buildWeb({ outDir: part });
    try {
      renameSync(part, shared);
    } catch (err: unknown) {
      // Another worker renamed its build first: the same sources, keep that one.
      if (!existsSync(join(shared, 'build-info.json'))) throw err;
      rmSync(part, { recursive: true, force: true });
    }
  }
  cpSync(shared, dir, { recursive: true });
  const info = JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8')) as BuildInfo;
  return { dir, info };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('pas de port')),
      );
    });
  });
}

export interface Greffe {
  readonly url: string;
  readonly dir: string;
  /** What the server printed, for failure messages. */
  readonly output: () => string;
  close(): Promise<void>;
}

/**
 * Starts `greffe serve --dev` as a child process; resolves once /api/health answers. `dataDir`: the folder
 * of an earlier server's database, to start again on it (kept on close; its owner removes it).
 */
export async function startGreffe(o: {
  webDir: string;
  spec?: string;
  dev?: boolean;
  dataDir?: string;
}): Promise<Greffe> {
  const dir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'greffe-srv-'));
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = [
    'cli/main.ts',
    'serve',
    ...(o.dev === false ? [] : ['--dev']), // without: as `npm start` serves it
    '--port',
    String(port),
    '--db',
    join(dir, 'greffe.db'),
    '--web',
    o.webDir,
  ];
  if (o.spec) args.push('--spec', o.spec);
  let out = '';
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`greffe serve s’est arrêté (${child.exitCode}) :\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch (e: unknown) {
      lastError = e; // Not listening yet: try again shortly.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`greffe serve ne répond pas sur ${url} (${String(lastError)}) :\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dir,
    output: () => out,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (o.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Records every request a context makes; `outside()` lists those to any host
 * but the loopback (a public-service page must load nothing from elsewhere).
 */
export function recordRequests(context: BrowserContext): { all: string[]; outside: () => string[] } {
  const all: string[] = [];
  context.on('request', (r) => {
    all.push(r.url());
  });
  const local = (u: string) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
    const host = new URL(u).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  };
  return { all, outside: () => all.filter((u) => !local(u)) };
}

/** axe-core violations of the page as it is now, summarised for an assertion message. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

/** Signs a browser context in as a sample user through the API (the dev login page is tested separately). */
export async function devLogin(context: BrowserContext, url: string, user: string): Promise<void> {
  const res = await context.request.post(`${url}/api/dev/login`, { data: { user } });
  if (!res.ok()) throw new Error(`connexion de ${user} refusée : ${res.status()} ${await res.text()}`);
}

/** Moves the server's procedural clock (dev mode). */
export async function advanceClock(context: BrowserContext, url: string, duration: string): Promise<void> {
  const res = await context.request.post(`${url}/api/dev/clock`, { data: { advance: duration } });
  if (!res.ok()) throw new Error(`horloge : ${res.status()} ${await res.text()}`);
}

export const CAPTURES = join(ROOT, 'docs/captures');

/**
 * Where the journey's screenshots go: the README's `docs/captures/` when
 * `GREFFE_CAPTURES=1` (to refresh them), else a temp folder, so an ordinary
 * test run leaves the work tree clean.
 */
export function capturesDir(): string {
  const dir = process.env.GREFFE_CAPTURES === '1' ? CAPTURES : join(tmpdir(), 'greffe-captures');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Builds the web app, starts `greffe serve --dev` on it and launches Chromium
 * for the test file that calls it, and stops both after its tests.
 */
export function setUpWebStack(o: { spec?: string } = {}): {
  readonly server: Greffe;
  readonly browser: Browser;
} {
  let server: Greffe | undefined;
  let browser: Browser | undefined;
  let webDir: string | undefined;
  beforeAll(async () => {
    const { dir } = await buildWebTo();
    webDir = dir;
    server = await startGreffe({ webDir: dir, ...(o.spec !== undefined && { spec: o.spec }) });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} n’est pas démarré (beforeAll a échoué ?)`);
    return v;
  };
  return {
    get server() {
      return ready(server, 'le serveur');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
  };
}

/**
 * A browser context signed in as `user` (French; desktop width, or a phone's 375 × 667 below 600 px)
 * and a page in it on which any JavaScript error fails the test.
 */
export async function openAs(
  web: { readonly server: Greffe; readonly browser: Browser },
  user: string,
  width = 1280,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({
    locale: 'fr-FR',
    viewport: width < 600 ? { width, height: 667 } : { width, height: 900 },
  });
  await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { context, page };
}
