/**
 * `greffe dev`'s machinery: watches the spec folder (node's fs.watch,
 * recursive — supported on Linux since Node 19.1, so on the Node 20 the
 * project requires, with no extra dependency), checks again the version a
 * save touched, prints its diagnostics as `greffe validate` does, tells the
 * open preview pages to reload, and restarts the application on the new
 * catalog. Used by cli/commands/dev.ts, the browser test and the bench.
 */
import { type FSWatcher, mkdtempSync, rmSync, watch } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { foldDiagnostics, formatFolded } from '../../spec/index.ts';
import { AppHost } from './app-host.ts';
import { DiagramCache } from './diagram-cache.ts';
import { bundleFormsPreview, previewApp } from './preview-server.ts';
import { PreviewState, type RebuildReport } from './preview-state.ts';

export interface DevOptions {
  /** Folder of procedures to watch (e.g. spec/procedures). */
  readonly spec: string;
  readonly port: number;
  readonly host?: string;
  /** Port of the application (0: a free one). */
  readonly appPort: number;
  /** The built web app, served by the application and styling the forms page. */
  readonly webDir?: string;
  /** Milliseconds of quiet after a change before checking (editors write a file in several steps). */
  readonly debounceMs?: number;
  /**
   * Milliseconds of quiet after a check before the application restarts on the new catalog
   * (default 500): the open pages reload first, and quick successive saves restart it once.
   */
  readonly appRestartDelayMs?: number;
  readonly log?: (line: string) => void;
}

export interface DevServer {
  /** The preview's address. */
  readonly url: string;
  readonly state: PreviewState;
  /** The application's address (undefined if it could not start). */
  appUrl(): string | undefined;
  /** Called after each check a save caused, once open pages have been told. */
  onRebuilt(listener: (report: RebuildReport) => void): void;
  close(): Promise<void>;
}

/** Editors' temporary and backup files: not part of the spec. */
const IGNORED = /(^|\/)(\.[^/]*|[^/]*~|[^/]*\.sw[px]|4913)$/;

const count = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

export async function startDev(o: DevOptions): Promise<DevServer> {
  const log = o.log ?? ((line: string) => console.log(line));
  const root = resolve(o.spec);
  const state = new PreviewState(root);

  const report = (r: RebuildReport) => {
    for (const v of state.versions.filter((x) => r.checked.includes(x.dir))) {
      // Root causes, what follows from each folded under it, as `greffe validate` prints them.
      for (const text of formatFolded(v.diagnostics)) log(text);
      const roots = foldDiagnostics(v.diagnostics).map((f) => f.root);
      const errors = roots.filter((d) => d.severity === 'error').length;
      const kept = v.stale ? ' ; la dernière version valide reste servie' : '';
      log(
        `greffe dev : ${v.key} vérifiée : ${count(errors, 'erreur')}, ${count(roots.length - errors, 'avertissement')}${kept}.`,
      );
    }
    log(`greffe dev : ${count(r.checked.length, 'version')} vérifiée(s) en ${Math.round(r.ms)} ms.`);
  };
  report(state.rebuild());

  let restarts = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'greffe-dev-'));
  const diagrams = new DiagramCache();
  const host = new AppHost({
    db: join(dataDir, 'greffe.sqlite'),
    port: o.appPort,
    ...(o.webDir && { webDir: o.webDir }),
    // Its start-up notices are printed once, not at every restart.
    log: (line) => {
      if (!host.url) log(`application : ${line}`);
    },
  });
  const restartApp = () =>
    host.restart(state.procedures()).then(
      () => {
        if (restarts++ > 0)
          log(`greffe dev : application redémarrée (${count(state.procedures().length, 'version')}).`);
      },
      (err: unknown) => {
        log(
          `greffe dev : l’application n’a pas redémarré : ${err instanceof Error ? err.message : String(err)}`,
        );
      },
    );

  const preview = previewApp({
    state,
    diagrams,
    appUrl: () => host.url,
    samples: () => host.samples(),
    ...(o.webDir && { webDir: o.webDir }),
    formsScript: await bundleFormsPreview(),
  });
  await restartApp();

  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: preview.app.fetch, port: o.port, hostname: o.host ?? '127.0.0.1' }, () => ok(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host ?? '127.0.0.1'}:${port}`;

  const listeners: ((r: RebuildReport) => void)[] = [];
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let appTimer: NodeJS.Timeout | undefined;
  const onChange = () => {
    timer = undefined;
    const files = [...changed];
    changed = new Set();
    const r = state.rebuild(files);
    report(r);
    preview.notify();
    for (const l of listeners) l(r);
    if (!r.servedChanged) return;
    if (appTimer) clearTimeout(appTimer);
    appTimer = setTimeout(() => {
      appTimer = undefined;
      void restartApp();
    }, o.appRestartDelayMs ?? 500);
  };
  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, filename) => {
    if (!filename || IGNORED.test(filename)) return;
    changed.add(join(root, filename));
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, o.debounceMs ?? 30);
  });
  watcher.on('error', (err) => log(`greffe dev : surveillance de ${root} interrompue : ${err.message}`));

  return {
    url,
    state,
    appUrl: () => host.url,
    onRebuilt: (l) => listeners.push(l),
    async close() {
      watcher.close();
      if (timer) clearTimeout(timer);
      if (appTimer) clearTimeout(appTimer);
      preview.closeStreams();
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await host.close();
      await diagrams.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
