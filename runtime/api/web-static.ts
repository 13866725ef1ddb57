/**
 * The built web app's files: the build's precompressed `.br`/`.gz` variants
 * chosen from `Accept-Encoding`, hashed `/assets/*` cached for a year
 * (immutable), `index.html` and the SPA fallback revalidated on every visit
 * (`no-cache`) so a deployment reaches citizens at once.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { notFound } from './errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function mountWeb(app: Hono, root: string): void {
  const assets = serveStatic({
    root,
    precompressed: true,
    // A missing hashed file is a 404 (an old page asking for a replaced chunk), never cached.
    onNotFound: (_path, c) => {
      c.header('cache-control', 'no-store');
    },
  });
  app.get(
    '/assets/*',
    (c, next) => {
      c.header('cache-control', IMMUTABLE);
      return assets(c, next);
    },
    notFound,
  );
  const files = serveStatic({ root, precompressed: true });
  const index = serveStatic({ root, path: 'index.html', precompressed: true });
  app.get('/*', (c, next) => {
    c.header('cache-control', REVALIDATE);
    c.header('x-content-type-options', 'nosniff');
    return files(c, next);
  });
  app.get('/*', index);
}
