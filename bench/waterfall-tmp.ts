import { buildWebTo, devLogin, launchChromium, startGreffe } from '../test/web-helpers.ts';
const SLOW = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const { dir } = await buildWebTo();
const server = await startGreffe({ webDir: dir });
const browser = await launchChromium();
try {
  const login = await fetch(`${server.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'demandeur' }) });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const p = ((await (await fetch(`${server.url}/api/procedures`, { headers: auth })).json()) as { id: string; version: string }[])[0]!;
  const created = (await (await fetch(`${server.url}/api/cases`, { method: 'POST', headers: auth, body: JSON.stringify({ procedure: p.id, version: p.version }) })).json()) as { id: string; actions: { event: string; form?: string | null }[] };
  const filing = created.actions.find((a) => a.form)!;
  for (let run = 0; run < 2; run++) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  await devLogin(context, server.url, 'demandeur');
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW);
  const reqs = new Map<string, { url: string; start: number; resp?: number; end?: number; bytes?: number }>();
  let t0 = 0;
  cdp.on('Network.requestWillBeSent', (e: any) => { reqs.set(e.requestId, { url: e.request.url.replace(server.url, ''), start: e.timestamp }); if (!t0) t0 = e.timestamp; });
  cdp.on('Network.responseReceived', (e: any) => { const r = reqs.get(e.requestId); if (r) r.resp = e.timestamp; });
  cdp.on('Network.loadingFinished', (e: any) => { const r = reqs.get(e.requestId); if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; } });
  const s = performance.now();
  await page.goto(`${server.url}/affaires/${created.id}/actions/${filing.event}`, { waitUntil: 'commit' });
  await page.locator('form input:not([type=hidden]), form select, form textarea').first().waitFor({ state: 'visible', timeout: 120000 });
  const ms = performance.now() - s;
  console.log(`usable ${ms.toFixed(0)} ms`);
  for (const r of reqs.values()) console.log(`${((r.start - t0) * 1000).toFixed(0).padStart(6)} ${(((r.resp ?? 0) - t0) * 1000).toFixed(0).padStart(6)} ${(((r.end ?? 0) - t0) * 1000).toFixed(0).padStart(6)} ${String(r.bytes).padStart(7)} ${r.url.slice(0, 90)}`);
  await context.close();
  }
} finally { await browser.close(); await server.close(); }
