/**
 * A case's pages (`/affaires/:id`, `/affaires/:id/actions/:event`) served
 * with the API answers they open with inside them (issue 15: the filing form
 * usable in under 3 s on a slow line). The web app's prefetcher (boot.ts)
 * asked for the case, and only once it had it for the procedure and the
 * form: two round trips after the page's own, ~0.8 s at 400 ms. Here the
 * server answers those same GETs through the API itself (same cookie, same
 * rights, same JSON) and writes them into the page as a JSON data block
 * (`<script type="application/json">`, which no browser runs, so the CSP
 * still allows no inline script); lib/api.ts takes each answer once, as it
 * takes the prefetcher's. The prefetcher is left out of such a page: it
 * would only ask again. Not signed in, or the case not visible to the
 * caller: the plain shell, and the app says why as before.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { acceptsGzip } from './json.ts';

/** What the page's data block is keyed by: the URL of each GET, as lib/api.ts asks it. */
export const PAGE_DATA_ID = 'greffe-donnees';

type ApiFetch = (request: Request, env?: unknown) => Response | Promise<Response>;

const enc = encodeURIComponent;
/** Request headers worth passing to the API: who is calling, and from where (rate limits, proxies). */
const PASSED = ['cookie', 'authorization', 'user-agent', 'x-forwarded-for', 'x-forwarded-proto', 'x-real-ip'];

interface CaseLike {
  readonly procedure: string;
  readonly version: string;
  readonly actions: readonly { readonly event: string; readonly form?: string | null }[];
}

/** The boot script's tag in the shell (forms/web/build.ts writes it first in <head>). */
const BOOT_TAG = /<script type="module" src="\/assets\/boot-[^"]*"[^>]*><\/script>\n?/;

/** The JSON data block: each answer's text as is; `<` escaped so nothing in it ends the element. */
export function dataBlock(answers: ReadonlyMap<string, string>): string {
  const body = [...answers].map(([url, text]) => `${JSON.stringify(url)}:${text}`).join(',');
  return `<script type="application/json" id="${PAGE_DATA_ID}">{${body.replace(/</g, '\\u003c')}}</script>\n`;
}

function takesBrotli(header: string | undefined): boolean {
  return /(^|,)\s*br\s*(,|;(?!\s*q=0(\.0*)?\s*(,|$))|$)/i.test(header ?? '');
}

/** Mounts the case pages with their data on the web app, before its SPA fallback. */
export function mountCasePages(app: Hono, shell: () => string, api: ApiFetch): void {
  const withData = async (
    c: Context,
    id: string,
    event: string | undefined,
  ): Promise<Response | undefined> => {
    const headers = new Headers();
    for (const h of PASSED) {
      const v = c.req.header(h);
      if (v) headers.set(h, v);
    }
    if (!headers.has('cookie') && !headers.has('authorization')) return undefined;
    headers.set('accept', 'application/json');
    const answers = new Map<string, string>();
    const get = async (url: string): Promise<string | undefined> => {
      const res = await api(new Request(new URL(url, c.req.url), { headers }), c.env);
      if (res.status !== 200) return undefined;
      const text = await res.text();
      answers.set(url, text);
      return text;
    };
    const caseUrl = `/api/cases/${enc(id)}`;
    const [me, caseText] = await Promise.all([get('/api/me'), get(caseUrl)]);
    if (!me || !caseText) return undefined;
    const view = JSON.parse(caseText) as CaseLike;
    const base = `/api/procedures/${enc(view.procedure)}/${enc(view.version)}`;
    const form = event ? view.actions.find((a) => a.event === event)?.form : undefined;
    await Promise.all([get(base), form ? get(`${base}/forms/${enc(form)}`) : undefined]);
    const html = shell()
      .replace(BOOT_TAG, '')
      .replace('</body>', `${dataBlock(answers)}</body>`);
    // Personal data: never kept by a cache; compressed here, as the static files are by the build.
    const out: Record<string, string> = {
      'content-type': 'text/html; charset=UTF-8',
      'cache-control': 'no-store',
      vary: 'Accept-Encoding, Cookie',
    };
    const accept = c.req.header('accept-encoding');
    if (takesBrotli(accept)) {
      const body = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      return new Response(body, { headers: { ...out, 'content-encoding': 'br' } });
    }
    if (acceptsGzip(accept))
      return new Response(gzipSync(html), { headers: { ...out, 'content-encoding': 'gzip' } });
    return new Response(html, { headers: out });
  };
  app.get('/affaires/:id', async (c, next) => (await withData(c, c.req.param('id'), undefined)) ?? next());
  app.get(
    '/affaires/:id/actions/:event',
    async (c, next) => (await withData(c, c.req.param('id'), c.req.param('event'))) ?? next(),
  );
}
