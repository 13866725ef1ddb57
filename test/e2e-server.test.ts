/**
 * The server as an operator runs it: `greffe serve` from the command line,
 * development mode only on request, deadlines that survive a restart, the
 * generated OpenAPI document and reference page, the web app's files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../runtime/index.ts';
import { Api } from './helpers/api.ts';

const MEDIATION = 'test/fixtures/procedures/mediation';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'greffe-srv-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const quiet = { log: () => undefined, port: 0 };

describe('greffe serve', () => {
  it('serves the annex from the command line on a fresh database, and stops cleanly', async () => {
    const db = join(tmp(), 'sub', 'greffe.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'serve', '--port', '0', '--db', db],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /servie sur (http:\/\/\S+) /.exec(out);
        if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
      });
      child.once('exit', (code) => reject(new Error(`serve s’est arrêté (${code}) : ${out}`)));
    });
    const api = new Api(url);
    expect((await api.get('/api/health')).body).toEqual({ ok: true });
    const procs = (await api.get<{ id: string; status: string }[]>('/api/procedures')).body;
    expect(procs).toContainEqual(
      expect.objectContaining({ id: 'petits-litiges', version: '1.0.0', status: 'published' }),
    );
    expect((await api.post('/api/dev/login', { user: 'demandeur' })).status).toBe(404);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses development mode when NODE_ENV=production', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'serve', '--dev', '--db', join(tmp(), 'x.sqlite')],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--dev.*refusé.*production/);
  });

  it('ends with exit 1 and says which port is taken when another program holds it', async () => {
    const holder = createNetServer();
    await new Promise<void>((ok) => holder.listen(0, '127.0.0.1', ok));
    const { port } = holder.address() as AddressInfo;
    try {
      // Asynchronous: the holder answers in this process while the command runs. Before the fix, the
      // command printed its error and stayed alive on its timers: the timeout below caught it.
      const r = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            'cli/main.ts',
            'serve',
            '--port',
            String(port),
            '--db',
            join(tmp(), 'x.sqlite'),
          ],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          fail(new Error(`greffe serve ne s’est pas arrêté :\n${stderr}`));
        }, 45_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          done({ code, stderr });
        });
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`le port ${port} est déjà utilisé`);
      expect(r.stderr).toContain('--port');
    } finally {
      await new Promise((ok) => holder.close(ok));
    }
  });
});

describe('restart', () => {
  it('fires a deadline that fell due while the server was stopped', async () => {
    const db = join(tmp(), 'g.sqlite');
    const first = await startServer({
      ...quiet,
      db,
      spec: MEDIATION,
      dev: true,
      clockStart: new Date('2027-03-01T09:00:00Z'),
    });
    const med = new Api(first.url);
    await med.login('mediateur');
    const c = await med.open('mediation');
    await med.ok(c.id, 'inviter_voisin');
    await first.close();

    const second = await startServer({
      ...quiet,
      db,
      spec: MEDIATION,
      dev: true,
      clockStart: new Date('2027-04-01T09:00:00Z'),
    });
    const again = new Api(second.url);
    await again.login('mediateur');
    const v = (await again.view(c.id)).body;
    expect(v.state.id).toBe('close_echec');
    expect(v.timeline.filter((item) => item.kind !== 'connecteur').at(-1)).toMatchObject({
      event: 'expirer_delai_reponse',
      kind: 'transition',
    });
    await second.close();
  });
});

describe('API description and web app', () => {
  it('publishes an OpenAPI document whose event bodies are the spec’s forms, and a self-contained reference page', async () => {
    const s = await startServer({ ...quiet, db: join(tmp(), 'g.sqlite'), spec: MEDIATION });
    const api = new Api(s.url);
    const doc = (
      await api.get<{
        openapi: string;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      }>('/api/openapi.json')
    ).body;
    expect(doc.openapi).toBe('3.1.0');
    const form = doc.components.schemas['mediation_1.0.0_form_accord'];
    expect(form?.properties).toHaveProperty('termes');
    expect(doc.components.schemas['mediation_1.0.0_event_constater_accord']?.properties?.data).toEqual({
      $ref: '#/components/schemas/mediation_1.0.0_form_accord',
    });
    expect(doc.components.schemas).not.toHaveProperty('mediation_1.0.0_event_expirer_delai_reponse');
    const page = await fetch(`${s.url}/api/docs`).then((r) => r.text());
    expect(page).toContain('constater_accord');
    expect(page).toContain('VERSION_CONFLICT');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    await s.close();
  });

  it('serves the web app with a fallback to index.html, and JSON errors under /api', async () => {
    const web = tmp();
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>greffe web</title>');
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const s = await startServer({ ...quiet, db: join(tmp(), 'g.sqlite'), spec: MEDIATION, webDir: web });
    expect(await fetch(`${s.url}/affaires/123`).then((r) => r.text())).toContain('greffe web');
    expect((await fetch(`${s.url}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${s.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // The API and the web app are split on the /api prefix: its edges.
    for (const path of ['/api', '/api?x=1', '/api/']) {
      const r = await fetch(`${s.url}${path}`);
      expect(`${path} ${r.status} ${r.headers.get('content-type')}`).toMatch(/ 404 application\/json/);
    }
    expect(await fetch(`${s.url}/apiculture`).then((r) => r.text())).toContain('greffe web');
    const posted = await fetch(`${s.url}/affaires/123`, { method: 'POST' });
    expect(posted.status).toBe(404);
    expect(await posted.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await s.close();
  });

  it('sends the build’s precompressed files, caches hashed assets for a year, gzips API JSON', async () => {
    const web = tmp();
    const js = `export const texte = ${JSON.stringify('é'.repeat(3000))};\n`;
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>greffe web</title>');
    writeFileSync(join(web, 'index.html.br'), brotliCompressSync('<!doctype html><title>greffe web</title>'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'assets', 'app-AbC123.js'), js);
    writeFileSync(join(web, 'assets', 'app-AbC123.js.br'), brotliCompressSync(js));
    writeFileSync(join(web, 'assets', 'app-AbC123.js.gz'), gzipSync(js));
    const s = await startServer({ ...quiet, db: join(tmp(), 'g.sqlite'), spec: MEDIATION, webDir: web });
    const get = (path: string, encoding: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        httpGet(`${s.url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        }).once('error', reject);
      });
    const br = await get('/assets/app-AbC123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    const gz = await get('/assets/app-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get('/assets/app-AbC123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
    const missing = await get('/assets/app-Old999.js', 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    for (const path of ['/', '/index.html', '/affaires/123']) {
      const page = await get(path, 'br');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(page.body).toString()).toContain('greffe web');
    }
    const view = await get('/api/procedures/mediation/1.0.0', 'gzip, br');
    expect(view.headers['content-encoding']).toBe('gzip');
    expect(view.headers['content-type']).toMatch(/application\/json/);
    // No transition out of an initial state is guarded: no eligibility questionnaire.
    expect(JSON.parse(gunzipSync(view.body).toString())).toMatchObject({
      id: 'mediation',
      eligibility: null,
    });
    const raw = await get('/api/procedures/mediation/1.0.0', 'identity');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(raw.body.toString())).toEqual(JSON.parse(gunzipSync(view.body).toString()));
    await s.close();
  });
});
