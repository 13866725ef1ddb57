/**
 * The preview's HTTP application (hono): the annex pages of each version
 * from memory, their diagrams drawn on demand, the forms drawn by the web
 * app's renderers, the index, and a Server-Sent Events stream that tells
 * open pages which generation is served (they reload when it moves on).
 * Everything is served from the loopback; nothing is fetched elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { build } from 'esbuild';
import { type Context, Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { anchor } from '../../renderer/html.ts';
import { STYLE_CSS } from '../../renderer/site/style.ts';
import { formView } from '../../runtime/api/procedure-view.ts';
import type { SampleUserRef } from './app-host.ts';
import type { DiagramCache } from './diagram-cache.ts';
import {
  brokenVersionPage,
  decorate,
  EVENTS_PATH,
  formsPage,
  indexPage,
  LIVE_JS,
  LIVE_PATH,
} from './preview-pages.ts';
import type { PreviewState, VersionBuild } from './preview-state.ts';

export interface PreviewAppOptions {
  readonly state: PreviewState;
  readonly diagrams: DiagramCache;
  /** The running application's address, once started. */
  readonly appUrl: () => string | undefined;
  /** Sample users the application offers. */
  readonly samples: () => readonly SampleUserRef[];
  /** The built web app (forms/web/dist): its stylesheet and assets style the forms page. */
  readonly webDir?: string;
  /** The forms page's script (see bundleFormsPreview). */
  readonly formsScript: string;
}

export interface PreviewApp {
  readonly app: Hono;
  /** Tells every open page the generation now served. */
  notify(): void;
  /** Ends the open event streams (before the server closes). */
  closeStreams(): void;
}

const NO_STORE = { 'cache-control': 'no-store' };
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  md: 'text/markdown; charset=utf-8',
  mmd: 'text/plain; charset=utf-8',
  json: 'application/json',
};
const typeOf = (file: string) => TYPES[file.split('.').pop() ?? ''] ?? 'text/plain; charset=utf-8';

/** Bundles the forms page's script (cli/dev/client/forms-preview.tsx) with esbuild, in memory. */
export async function bundleFormsPreview(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'client', 'forms-preview.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild n’a pas produit le script des formulaires.');
  return out.text;
}

/** The web app's stylesheets, as its index.html names them (app CSS and fonts). */
function webStylesheets(webDir: string | undefined): string[] {
  if (!webDir) return [];
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  return [
    ...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g),
    ...html.matchAll(/<meta name="greffe-fonts" content="([^"]+)">/g),
  ].map((m) => m[1] as string);
}

export function previewApp(o: PreviewAppOptions): PreviewApp {
  const { state } = o;
  const app = new Hono();
  const streams = new Set<{ stream: SSEStreamingApi; end: () => void }>();
  const css = webStylesheets(o.webDir);
  const html = (c: Context, body: string, status: 200 | 404 = 200) =>
    c.body(body, status, { ...NO_STORE, 'content-type': TYPES.html as string });

  app.get(LIVE_PATH, (c) =>
    c.body(LIVE_JS, 200, { ...NO_STORE, 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/__greffe/formulaires.js', (c) =>
    c.body(o.formsScript, 200, { ...NO_STORE, 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/__greffe/style.css', (c) =>
    c.body(STYLE_CSS, 200, { ...NO_STORE, 'content-type': TYPES.css as string }),
  );
  app.get('/__greffe/etat', (c) =>
    c.json(
      {
        generation: state.generation,
        application: o.appUrl() ?? null,
        versions: state.versions.map((v) => ({
          version: v.key,
          loaded: v.content !== undefined,
          stale: v.stale,
          diagnostics: v.diagnostics,
        })),
      },
      200,
      NO_STORE,
    ),
  );
  app.get(EVENTS_PATH, (c) =>
    streamSSE(c, async (stream) => {
      await new Promise<void>((end) => {
        const entry = { stream, end };
        streams.add(entry);
        stream.onAbort(() => {
          streams.delete(entry);
          end();
        });
        // The current generation at once: a page made just before a rebuild reloads even if it missed the event.
        void stream.writeSSE({ event: 'generation', data: String(state.generation) });
      });
    }),
  );
  if (o.webDir) app.get('/assets/*', serveStatic({ root: o.webDir }));

  app.get('/', (c) => html(c, indexPage(state, o.appUrl(), o.samples())));
  // Opens the application as a sample user: the preview logs in through the application's development
  // route and hands its session cookie to the browser. Cookies are not bound to a port, so the cookie
  // set here for this host is the one the application reads on the same host.
  app.post('/__greffe/connexion', async (c) => {
    const appUrl = o.appUrl();
    const user = (await c.req.parseBody()).utilisateur;
    if (!appUrl || typeof user !== 'string')
      return c.text('Application non démarrée ou utilisateur absent.', 400);
    const res = await fetch(`${appUrl}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    const cookie = res.headers.get('set-cookie');
    if (!res.ok || !cookie) return c.text(`Connexion refusée par l’application : ${await res.text()}`, 502);
    const target = new URL(appUrl);
    target.hostname = new URL(c.req.url).hostname;
    return c.body(null, 303, { ...NO_STORE, location: `${target.origin}/`, 'set-cookie': cookie });
  });

  const version = (c: Context): VersionBuild | undefined =>
    state.byKey(c.req.param('id') ?? '', c.req.param('version') ?? '');
  const missing = (c: Context) =>
    html(
      c,
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Introuvable — aperçu greffe</title></head><body><main><h1>Version introuvable</h1><p><a href="/">Retour à la liste des versions</a></p></main></body></html>`,
      404,
    );

  app.get('/:id/:version', (c) => c.redirect(`/${c.req.param('id')}/${c.req.param('version')}/`));
  app.get('/:id/:version/formulaires-apercu.html', (c) => {
    const v = version(c);
    return v ? html(c, formsPage(state, v, css, o.appUrl())) : missing(c);
  });
  app.get('/:id/:version/formulaires-apercu.json', (c) => {
    const p = version(c)?.content?.procedure;
    if (!p) return c.json({ message: 'Version introuvable ou jamais chargée.' }, 404, NO_STORE);
    return c.json(
      Object.values(p.forms).map((f) => formView(p, f)),
      200,
      NO_STORE,
    );
  });
  app.get('/:id/:version/diagrammes/:file{.+\\.svg}', async (c) => {
    const content = version(c)?.content;
    const name = c.req.param('file').replace(/\.svg$/, '');
    const d = content?.diagrams.find((x) => anchor(x.id) === name);
    if (!d) return missing(c);
    try {
      const svg = await o.diagrams.svg(d.source);
      return c.body(svg, 200, { ...NO_STORE, 'content-type': TYPES.svg as string });
    } catch (err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      return c.body(`Diagramme « ${d.title} » non dessiné : ${message}`, 500, {
        ...NO_STORE,
        'content-type': 'text/plain; charset=utf-8',
      });
    }
  });
  app.get('/:id/:version/*', (c) => {
    const v = version(c);
    if (!v) return missing(c);
    const prefix = `/${v.key}/`;
    const file = decodeURIComponent(c.req.path.slice(prefix.length)) || 'index.html';
    if (!v.content) return html(c, brokenVersionPage(state, v, o.appUrl()));
    const body = v.content.files.get(file);
    if (body === undefined) return missing(c);
    if (file.endsWith('.html')) return html(c, decorate(body, state, v, o.appUrl()));
    return c.body(body, 200, { ...NO_STORE, 'content-type': typeOf(file) });
  });

  return {
    app,
    notify() {
      for (const { stream } of streams)
        void stream.writeSSE({ event: 'generation', data: String(state.generation) });
    },
    closeStreams() {
      for (const { stream, end } of streams) {
        void stream.close();
        end();
      }
      streams.clear();
    },
  };
}
