/**
 * `greffe backup` while the server keeps writing (a burst of events and
 * uploads, checkpoints taken and exported as it goes), then `greffe restore`
 * into a new place: the restored database passes the audit against the
 * checkpoints saved with it, and holds every case acknowledged before the
 * backup began.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../runtime/index.ts';
import { testPgUrl } from '../runtime/store/pg-testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { counts } from './helpers/db.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

let t: TestServer;
let out: string;
beforeAll(async () => {
  t = await startTestServer({
    spec: [
      ...loadCatalog('spec/procedures').procedures,
      ...loadCatalog('test/fixtures/procedures/mediation').procedures,
    ],
    transparency: { timestamp: false, debounceMs: 20 },
  });
  out = mkdtempSync(join(tmpdir(), 'greffe-backup-'));
});
afterAll(async () => {
  await t.close();
  rmSync(out, { recursive: true, force: true });
});

// `greffe backup` copies a SQLite file online; a PostgreSQL database is saved with pg_dump
// (docs/exploitation.md), which the test below checks the command says instead of failing on the URL.
describe.skipIf(testPgUrl() !== undefined)('backup and restore', () => {
  it('backs up a running server under writes; the restore passes the audit', async () => {
    const demandeur = await t.as('demandeur');
    const file = async () => {
      const c = await demandeur.open('petits-litiges', { version: '1.0.0' });
      await demandeur.ok(c.id, 'deposer_demande', filing());
      return c.id;
    };
    const ackedBefore: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await file();
      const up = await demandeur.upload(id, 'pieces', new TextEncoder().encode(`%PDF-1.4\n% ${id}\n%%EOF\n`));
      expect(up.status).toBe(201);
      ackedBefore.push(id);
    }
    const med = await t.as('mediateur');
    await t.server.checkpointer.take();
    // Writers keep going during the backup.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      // One case, one event again and again (under the 120 acts a minute a person may make).
      const c = await med.open('mediation');
      while (writing && written < 100) {
        await med.ok(c.id, 'inviter_voisin');
        written++;
      }
    })();
    const backupDir = join(out, 'sauvegarde');
    const b = await runGreffe(['backup', '--out', backupDir, '--db', t.dbFile]);
    writing = false;
    await writer;
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/[1-9]\d* pièce\(s\), [1-9]\d* point\(s\) de contrôle exporté/);
    expect(written).toBeGreaterThan(0);

    const restored = join(out, 'restauree', 'greffe.sqlite');
    const r = await runGreffe([
      'restore',
      '--from',
      backupDir,
      '--db',
      restored,
      '--spec',
      'test/fixtures/procedures/mediation',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/intacts/);
    expect(r.code).toBe(0);
    const n = counts(restored).cases;
    expect(n).toBeGreaterThanOrEqual(ackedBefore.length);
    // A second restore over it is refused without --force.
    const again = await runGreffeHere(['restore', '--from', backupDir, '--db', restored]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/existe déjà/);
    // The standalone audit agrees.
    const a = await runGreffeHere([
      'audit',
      'verify',
      '--db',
      restored,
      '--points',
      join(backupDir, 'transparence'),
    ]);
    expect(a.code, a.stdout).toBe(0);
  }, 180_000);
});

describe('backup of a PostgreSQL database', () => {
  it('is refused with the pg_dump route, exit 2, without touching the database', async () => {
    const r = await runGreffeHere([
      'backup',
      '--out',
      join(out, 'pg'),
      '--db',
      'postgres://root@127.0.0.1/absente',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_dump');
  });
});
