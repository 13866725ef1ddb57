/**
 * A case's pages come with their data (runtime/api/page-data.ts, issue 15:
 * the filing form usable in under 3 s on a slow line): the server writes the
 * API answers the page opens with into it, as the API gives them to the
 * same caller, and the app takes them from there instead of asking again.
 * Not signed in, or someone else's case: the plain page, with its prefetcher.
 */
import { describe, expect, it } from 'vitest';
import { openAs, setUpWebStack } from './web-helpers.ts';

const web = setUpWebStack();

async function newCase(): Promise<{
  token: string;
  id: string;
  event: string;
  procedure: string;
  version: string;
}> {
  const login = await fetch(`${web.server.url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'demandeur' }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const [p] = (await (await fetch(`${web.server.url}/api/procedures`, { headers })).json()) as {
    id: string;
    version: string;
  }[];
  if (!p) throw new Error('aucune procédure servie');
  const created = (await (
    await fetch(`${web.server.url}/api/cases`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ procedure: p.id, version: p.version }),
    })
  ).json()) as { id: string; actions: { event: string; form?: string | null }[] };
  const filing = created.actions.find((a) => a.form);
  if (!filing) throw new Error('aucune action avec formulaire');
  return { token, id: created.id, event: filing.event, procedure: p.id, version: p.version };
}

const BLOCK = /<script type="application\/json" id="greffe-donnees">([\s\S]*?)<\/script>/;

describe('a case’s pages with their data', () => {
  it('carry the answers of the API to the same caller, and no prefetcher', async () => {
    const c = await newCase();
    const auth = { authorization: `Bearer ${c.token}` };
    const res = await fetch(`${web.server.url}/affaires/${c.id}/actions/${c.event}`, { headers: auth });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const data = JSON.parse(BLOCK.exec(html)?.[1] ?? 'null') as Record<string, unknown>;
    const base = `/api/procedures/${c.procedure}/${c.version}`;
    const caseUrl = `/api/cases/${c.id}`;
    const keys = Object.keys(data);
    expect(keys).toEqual(expect.arrayContaining(['/api/me', caseUrl, base]));
    expect(keys.filter((k) => k.startsWith(`${base}/forms/`))).toHaveLength(1);
    for (const url of keys) {
      const api = await (await fetch(`${web.server.url}${url}`, { headers: auth })).json();
      expect(data[url], url).toEqual(api);
    }
    expect(html).not.toMatch(/assets\/boot-/);
    // Nothing in the data can end the element early.
    expect(BLOCK.exec(html)?.[1]).not.toContain('<');
  });

  it('are the plain page to someone not signed in, or for a case they cannot see', async () => {
    const c = await newCase();
    for (const headers of [{}, { authorization: `Bearer ${c.token}` }] as Record<string, string>[]) {
      const id = Object.keys(headers).length ? 'affaire-inconnue' : c.id;
      const html = await (
        await fetch(`${web.server.url}/affaires/${id}/actions/${c.event}`, { headers })
      ).text();
      expect(html).not.toMatch(BLOCK);
      expect(html).toMatch(/assets\/boot-/);
    }
  });

  it('open the filing form without asking the API for what the page holds', async () => {
    const { page, context } = await openAs(web, 'demandeur');
    const c = await newCase();
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(path);
    });
    await page.goto(`${web.server.url}/affaires/${c.id}/actions/${c.event}`);
    await page.locator('form input:not([type=hidden]), form select, form textarea').first().waitFor();
    expect(asked.filter((p) => p === `/api/cases/${c.id}` || p.startsWith('/api/procedures/'))).toEqual([]);
    await context.close();
  });
});
