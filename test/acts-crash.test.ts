/**
 * Acts issued at start: `greffe serve` in a child process commits the
 * registry's convocation, then dies (kill -9) before issuing its act — the
 * time-stamping authority it calls kills it on its first request after the
 * event is committed, before the sealed PDF is stored. Restarted on the
 * same database, the server finds the act that should have been issued and
 * issues it, once; a further restart issues nothing more.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDevelopmentPki } from '../runtime/connectors/seal/pki.ts';
import { LocalTsa } from '../runtime/connectors/seal/tsa.ts';
import { withSqliteFile } from '../runtime/store/sqlite-inspect.ts';
import { Api } from './helpers/api.ts';
import { filing } from './helpers/annex.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-acts-crash-'));
const db = join(dir, 'greffe.sqlite');
const children: ChildProcessWithoutNullStreams[] = [];
let tsaServer: Server | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await new Promise((ok) => (tsaServer ? tsaServer.close(ok) : ok(undefined)));
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly output: () => string;
}

function serve(tsaUrl: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/main.ts', 'serve', '--dev', '--port', '0', '--db', db],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        GREFFE_TSA_URL: tsaUrl,
        GREFFE_DEV_PKI_DIR: join(dir, 'pki'),
        GREFFE_MAIL_DIR: join(dir, 'mail'),
      },
    },
  );
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /servie sur (http:\/\/\S+) /.exec(out);
      if (m?.[1]) resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), output: () => out });
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code, signal) => reject(new Error(`serve arrêté (${code ?? signal}) : ${out}`)));
  });
}

const stop = async (s: Served) => {
  const exit = new Promise((ok) => s.child.once('exit', ok));
  s.child.kill('SIGTERM');
  await exit;
};

/** The case's documents in the database file, by origin (read between two runs of the server). */
const documents = (caseId: string) =>
  withSqliteFile(db, (d) =>
    d.prepare('SELECT id, kind, origin FROM documents WHERE case_id = ? ORDER BY id').all(caseId),
  ) as { id: string; kind: string; origin: string }[];

describe('acts issued at start', () => {
  it('issues, once, the act a kill -9 between the event and its issuing left unissued', async () => {
    // A real RFC 3161 authority on loopback. Armed, it kills the server on the first request it gets once
    // the convocation is committed and its act not stored (the act's time-stamp, or the transparency
    // log's checkpoint that the same commit asks for: either way, before the act is issued).
    const tsa = new LocalTsa((await generateDevelopmentPki()).tsa);
    let victim: ChildProcessWithoutNullStreams | undefined;
    let caseId = '';
    const committedNotIssued = () => {
      const docs = caseId ? documents(caseId) : [];
      return docs.some((d) => d.kind === 'convocation') && !docs.some((d) => d.origin === 'acte');
    };
    tsaServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const c = victim && committedNotIssued() ? victim : undefined;
        if (c) {
          victim = undefined;
          const dead = new Promise((ok) => c.once('exit', ok));
          c.kill('SIGKILL');
          await dead;
          res.destroy();
          return;
        }
        const der = await tsa.respond(new Uint8Array(Buffer.concat(chunks)));
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(der);
      });
    });
    await new Promise<void>((ok) => tsaServer?.listen(0, '127.0.0.1', ok));
    const tsaUrl = `http://127.0.0.1:${(tsaServer.address() as AddressInfo).port}/`;

    const first = await serve(tsaUrl);
    const as = async (url: string, user: string) => {
      const api = new Api(url);
      await api.login(user);
      return api;
    };
    const demandeur = await as(first.url, 'demandeur');
    const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
    await demandeur.ok(opened.id, 'deposer_demande', filing());
    caseId = opened.id;
    victim = first.child; // the next time-stamp asked (the convocation's act) kills this server
    const greffe = await as(first.url, 'greffe');
    // The answer may or may not reach us before the kill: what counts is what the database holds.
    const answer = await greffe.fire(opened.id, 'convoquer_defendeur').then(
      (r) => r.status,
      (e: unknown) => `coupé : ${String(e)}`,
    );
    await expect.poll(() => first.child.signalCode, { timeout: 30_000 }).toBe('SIGKILL');
    expect([200, 'coupé']).toContain(typeof answer === 'number' ? answer : 'coupé');
    const before = documents(opened.id);
    expect(before.filter((d) => d.kind === 'convocation').map((d) => d.origin)).toEqual(['production']);
    expect(before.filter((d) => d.origin === 'acte')).toEqual([]);

    // Restarted: the missed act is issued (sealed and time-stamped), once.
    const second = await serve(tsaUrl);
    await expect
      .poll(
        () =>
          documents(opened.id)
            .filter((d) => d.origin === 'acte')
            .map((d) => d.kind),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['convocation']);
    await expect
      .poll(() => second.output(), { timeout: 10_000 })
      .toMatch(/Actes émis au démarrage \(non émis avant un arrêt\) : 1, dans 1 affaire\(s\)\./);
    const convocation = before.find((d) => d.kind === 'convocation');
    expect(documents(opened.id).find((d) => d.origin === 'acte')?.id).toBe(`${convocation?.id}-pdf`);
    await stop(second);

    // Idempotent: a further start finds nothing left to issue.
    const third = await serve(tsaUrl);
    const v = await (await as(third.url, 'greffe')).view(opened.id);
    expect(v.body.documents.filter((d) => d.origin === 'acte').map((d) => d.kind)).toEqual(['convocation']);
    expect(third.output()).not.toMatch(/Actes émis au démarrage/);
    await stop(third);
  }, 240_000);
});
