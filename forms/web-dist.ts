/** Where `npm run build:web` writes the web app, for the runtime to serve. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built web app (forms/web/dist): index.html and hashed assets. */
export const WEB_DIST_DIR: string = fileURLToPath(new URL('./web/dist/', import.meta.url));

/** True once the web app has been built into `dir` (index.html present). */
export function webDistReady(dir: string = WEB_DIST_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}
