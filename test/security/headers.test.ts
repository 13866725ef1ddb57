/**
 * Browser hardening headers on every answer: each path of the OpenAPI
 * document (every method it lists, answered or refused), the web app's pages,
 * assets and fallback, and the guard's own refusals. HSTS only over HTTPS
 * (behind a proxy trusted with --trust-proxy), never over plain HTTP.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlainServer, startPlainServer } from '../helpers/plain-server.ts';

let plain: PlainServer;
let proxied: PlainServer;
let caseId: string;
let token: string;
beforeAll(async () => {
  const web = mkdtempSync(join(tmpdir(), 'greffe-web-headers-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>greffe web</title>');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'assets', 'app-AbC123.js'), 'console.log(1)');
  plain = await startPlainServer({ webDir: web });
  proxied = await startPlainServer({ webDir: web, trustProxy: true });
  const alice = await plain.login('alice');
  token = alice.token as string;
  caseId = (await alice.open('petits-litiges')).id;
});
afterAll(async () => {
  await plain.close();
  await proxied.close();
});

function expectHardened(h: Headers, what: string): void {
  const csp = h.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(/default-src 'self'/);
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/script-src 'self' 'unsafe-eval'(;|$)/); // ajv in the browser, no inline script
  expect(csp, what).not.toMatch(/unsafe-inline/);
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toBe('same-origin');
  expect(h.get('permissions-policy'), what).toMatch(/camera=\(\)/);
  expect(h.get('x-frame-options'), what).toBe('DENY');
}

/** Every (method, path) of the OpenAPI document, its parameters filled with real or absurd values. */
async function apiRoutes(): Promise<[string, string][]> {
  const doc = (await (await fetch(`${plain.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const fill = (p: string) =>
    p
      .replace('{id}', caseId)
      .replace('{procedure}', 'petits-litiges')
      .replace('{version}', '1.0.0')
      .replace(/\{[^}]+\}/g, 'constructor');
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
      .map((m) => [m.toUpperCase(), `/api${fill(p).replace(/^\/api/, '')}`] as [string, string]),
  );
}

describe('security headers', () => {
  it('are on every API answer the OpenAPI document lists, answered or refused, with and without a session', async () => {
    const routes = await apiRoutes();
    expect(routes.length).toBeGreaterThan(8);
    for (const [method, path] of routes) {
      for (const auth of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
        const r = await fetch(`${plain.url}${path}`, {
          method,
          headers: { ...auth, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        expectHardened(r.headers, `${method} ${path} → ${r.status}`);
        expect(r.headers.get('strict-transport-security')).toBeNull();
      }
    }
  });

  it('are on the web app’s pages, assets, fallback, the API reference and the guard’s refusals', async () => {
    const answers: [string, Response][] = [
      ['/', await fetch(`${plain.url}/`)],
      ['/affaires/123', await fetch(`${plain.url}/affaires/123`)],
      ['/assets/app-AbC123.js', await fetch(`${plain.url}/assets/app-AbC123.js`)],
      ['/assets/absent.js', await fetch(`${plain.url}/assets/absent.js`)],
      ['/api/docs', await fetch(`${plain.url}/api/docs`)],
      ['/api/nope', await fetch(`${plain.url}/api/nope`)],
      [
        'cross-site POST',
        await fetch(`${plain.url}/api/cases`, {
          method: 'POST',
          headers: { origin: 'https://evil.example' },
        }),
      ],
      [
        '413',
        await fetch(`${plain.url}/api/cases/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: 'x'.repeat(100_000),
        }),
      ],
    ];
    for (const [what, r] of answers) expectHardened(r.headers, `${what} → ${r.status}`);
    const docs = answers.find(([w]) => w === '/api/docs')?.[1];
    expect(docs?.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('add HSTS behind a proxy trusted with --trust-proxy, never over plain HTTP', async () => {
    const r = await fetch(`${proxied.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    const api = await fetch(`${proxied.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(api.headers.get('strict-transport-security')).toMatch(/max-age/);
    const http = await fetch(`${proxied.url}/api/health`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });
});
