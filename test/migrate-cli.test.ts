/**
 * Issue 13, point 3: `greffe migrate` moves the open cases of mediation 1.0.0
 * to 2.0.0 as 2.0.0's transitional provisions say (test/fixtures/transitional).
 * Three cases: one invited (moves, its fact renamed, its deadline still
 * running), one not invited (refused: 2.0.0's agreement reads a fact it
 * lacks), one closed (stays). A dry run writes nothing (the files' bytes
 * compared, and every case row and journal item); the real run journals each
 * move, the case then runs on 2.0.0, and `greffe audit verify` replays the
 * journals across both versions. On PostgreSQL too when GREFFE_TEST_DB is set.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../runtime/catalog.ts';
import { type Runtime, rulesGuards } from '../runtime/service/context.ts';
import { readCaseView } from '../runtime/service/case-view.ts';
import { fireEvent } from '../runtime/service/fire-event.ts';
import { openCaseFor } from '../runtime/service/open-case.ts';
import type { CaseStore } from '../runtime/store/case-store.ts';
import { openAuditSource, openCaseStore } from '../runtime/store/open-any.ts';
import { ManualClock } from '../runtime/time/index.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { freshStore, MEDIATRICE } from './helpers/runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-migrate-'));
const spec = join(dir, 'spec');
/** The SQLite file, or the PostgreSQL database's URL. */
let db = '';
let drop: () => Promise<void> = async () => undefined;
const reopen = () => openCaseStore(db, { dataDir: dir });
const ids: Record<'invited' | 'fresh' | 'closed', string> = { invited: '', fresh: '', closed: '' };

function runtimeOn(store: CaseStore): Runtime {
  return {
    store,
    catalog: loadCatalog(spec),
    clock: new ManualClock(new Date()),
    dev: false,
    sampleUsers: [],
    defaultCourt: 'tj',
    guards: rulesGuards,
    afterCommit: () => undefined,
    expireDue: async () => false,
  };
}

/**
 * Every file of the store's folder (database, documents…) with the SHA-256 of its bytes. Left out:
 * an empty write-ahead log (no transaction in it) and the shared-memory index (-shm), which SQLite
 * makes when a reader opens a WAL database: neither holds data.
 */
function bytes(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'spec') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const b = readFileSync(p);
        if ((b.length === 0 && p.endsWith('-wal')) || p.endsWith('-shm')) continue;
        out.set(p, createHash('sha256').update(b).digest('hex'));
      }
    }
  };
  walk(dir);
  return out;
}

/** Every case row and its journal, deadlines and participants, as the read-only audit source reads them. */
async function rows(): Promise<string> {
  const opened = await openAuditSource(db, dir);
  if (!opened.ok) throw new Error(opened.reason);
  try {
    const cases = await opened.source.cases();
    const journals = await Promise.all(cases.map((c) => opened.source.caseRows(c.id)));
    return JSON.stringify({ cases, journals });
  } finally {
    await opened.source.close();
  }
}

const migrate = (...args: string[]) =>
  runGreffe([
    'migrate',
    '--db',
    db,
    '--data',
    dir,
    '--spec',
    spec,
    '--from',
    '1.0.0',
    '--to',
    '2.0.0',
    ...args,
  ]);
/** audit verify's main() in this process (migrate itself runs the binary). */
const audit = () => runGreffeHere(['audit', 'verify', '--db', db, '--data', dir, '--spec', spec]);

beforeAll(async () => {
  cpSync('test/fixtures/transitional/mediation', join(spec, 'mediation'), { recursive: true });
  const fresh = await freshStore(dir);
  ({ drop } = fresh);
  db = fresh.pgUrl ?? fresh.file;
  const { store } = fresh;
  const rt = runtimeOn(store);
  await store.upsertUser({ ...MEDIATRICE, source: 'test' }, new Date());
  const open = () => openCaseFor(rt, MEDIATRICE, { procedure: 'mediation', version: '1.0.0' });
  const fire = (id: string, event: string, key: string) =>
    fireEvent(rt, MEDIATRICE, id, { event, data: {}, expectedVersion: 0 }, key);
  ids.invited = await open();
  await fire(ids.invited, 'inviter_voisin', 'k1');
  ids.fresh = await open();
  ids.closed = await open();
  await fire(ids.closed, 'constater_echec', 'k2');
  await store.extendLog();
  await store.close();
}, 60_000);

afterAll(() => drop());

describe('greffe migrate', { timeout: 120_000 }, () => {
  it('--dry-run reports per case what would happen and writes nothing', async () => {
    const before = bytes();
    const stored = await rows();
    const r = await migrate('--dry-run');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      `(${ids.invited}) : passerait à la version 2.0.0, de l’état « ouverte » à « en_mediation » ; faits renommés : voisin_invite → invitation_faite.`,
    );
    expect(r.stdout).toContain(
      `(${ids.fresh}) : refusée, reste sur la version 1.0.0 — le fait « invitation_faite », lu par une décision à venir à l’état « en_mediation », manque à l’affaire.`,
    );
    expect(r.stdout).toContain(`(${ids.closed}) : reste sur la version 1.0.0 (affaire close).`);
    expect(r.stdout).toMatch(
      /3 affaire\(s\) de la version 1\.0\.0 : 1 passeraient .* 1 refusée\(s\), 1 restée\(s\).*rien n’a été écrit/,
    );
    expect(r.code).toBe(1);
    expect(bytes()).toEqual(before);
    expect(await rows()).toBe(stored);
  });

  it('moves the case as a journaled event; the case then runs on 2.0.0 and audit verify passes', async () => {
    const r = await migrate('--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // one case refused
    const report = JSON.parse(r.stdout) as {
      cases: { caseId: string; plan: { kind: string; toState?: string }; seq?: number }[];
    };
    const byId = new Map(report.cases.map((c) => [c.caseId, c]));
    expect(byId.get(ids.invited)).toMatchObject({ plan: { kind: 'move', toState: 'en_mediation' }, seq: 3 });
    expect(byId.get(ids.fresh)?.plan.kind).toBe('refused');
    expect(byId.get(ids.closed)?.plan.kind).toBe('stay');

    const store = await reopen();
    try {
      const moved = await store.getCase(ids.invited);
      expect(moved).toMatchObject({
        procedureVersion: '2.0.0',
        state: 'en_mediation',
        version: 2,
        journalSeq: 3,
      });
      expect(JSON.parse(moved?.facts ?? '{}')).toEqual({
        invitation_faite: { value: true, seq: 2, visibleTo: [] },
      });
      const record = await store.caseRecord(ids.invited, MEDIATRICE.id);
      expect(record.journal.at(-1)).toMatchObject({
        kind: 'migration',
        fromState: 'ouverte',
        toState: 'en_mediation',
        specVersion: '2.0.0',
        caseVersion: 2,
      });
      expect(record.deadlines.map((d) => d.deadline)).toEqual(['delai_reponse']);
      expect((await store.getCase(ids.fresh))?.procedureVersion).toBe('1.0.0');

      // On 2.0.0 now: its agreement reads the renamed fact, and closes the case.
      const rt = runtimeOn(store);
      const a = await fireEvent(
        rt,
        MEDIATRICE,
        ids.invited,
        {
          event: 'constater_accord',
          data: { termes: 'Le voisin taille la haie chaque printemps.' },
          expectedVersion: 2,
        },
        'k3',
      );
      expect(a.status).toBe(200);
      expect((await store.getCase(ids.invited))?.state).toBe('close_accord');
      const view = await readCaseView(rt, MEDIATRICE, ids.invited);
      expect(view.timeline.map((t) => t.label)).toEqual([
        'Ouverture de l’affaire',
        'Inviter le voisin à répondre',
        'Passage à la version 2.0.0 de la procédure (dispositions transitoires)',
        "Constater l'accord",
      ]);
      await store.extendLog();
    } finally {
      await store.close();
    }

    const verified = await audit();
    expect(verified.stdout).toMatch(/3 affaire\(s\), 7 événement\(s\).*: intacts\./);
    expect(verified.code).toBe(0);

    // A second run has nothing left to move: the moved case is on 2.0.0 now.
    const again = await migrate('--dry-run');
    expect(again.stdout).not.toContain(ids.invited);
    expect(again.stdout).toMatch(/2 affaire\(s\) de la version 1\.0\.0 : 0 passeraient/);
  });

  it('audit verify replays a migration against the provisions: one they refuse is caught, chain intact', async () => {
    // Written through the store as a migration would be, but for the case the provisions refuse.
    const store = await reopen();
    try {
      const c = await store.getCase(ids.fresh);
      if (!c) throw new Error('affaire introuvable');
      await store.migrateCase({
        caseId: c.id,
        expectedVersion: c.version,
        expectedSeq: c.journalSeq,
        fromState: 'ouverte',
        toState: 'en_mediation',
        facts: {},
        data: { from: '1.0.0', to: '2.0.0', renamed: {}, defaulted: {} },
        actorId: 'systeme',
        at: new Date().toISOString(),
      });
      await store.extendLog();
    } finally {
      await store.close();
    }
    const verified = await audit();
    expect(verified.stdout).toContain(
      `(${ids.fresh}), événement n° 2 : rejeu impossible : la migration vers 2.0.0 est refusée (le fait « invitation_faite »`,
    );
    expect(verified.stdout).not.toMatch(/chaîne rompue/);
    expect(verified.code).toBe(1);
  });
});
