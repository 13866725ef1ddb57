/** One server per SQLite file: a second one is refused in French; the lock ends with the first. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.ts';

const SPEC = 'test/fixtures/procedures/mediation';
const dir = mkdtempSync(join(tmpdir(), 'greffe-lock-'));
const db = join(dir, 'g.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = () => startServer({ db, spec: SPEC, port: 0, log: () => undefined });

describe('the SQLite server lock', () => {
  it('refuses a second server on the same file, then lets one start once the first stopped', async () => {
    const first = await start();
    try {
      await expect(start()).rejects.toThrow(
        /Un autre serveur greffe utilise déjà la base SQLite .*PostgreSQL/,
      );
    } finally {
      await first.close();
    }
    const again = await start();
    await again.close();
  });

  it('is held against another process, and released when that process is killed (kill -9)', async () => {
    // Another process takes the lock the way a server does, then waits to be killed.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./runtime/store/sqlite-lock.ts').then((m) => { m.lockServer(${JSON.stringify(db)}); console.log('verrou'); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('verrou') && resolve());
      child.once('exit', (code) => reject(new Error(`processus sorti (${code})`)));
    });
    await expect(start()).rejects.toThrow(/Un autre serveur greffe/);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const after = await start();
    await after.close();
  }, 30_000);
});
