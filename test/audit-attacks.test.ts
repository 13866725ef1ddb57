/**
 * `greffe audit verify` against the nine tampering attacks of issue 17, each
 * made on its own copy of a real database (served, checkpointed, timestamped
 * by a local RFC 3161 authority, exported to a folder the attacker does not
 * write): each is caught with exit 1 and the case named. An empty file and a
 * file that is not SQLite give exit 2 with a French message, and the audit
 * never changes a byte of the file it checks.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPgUrl } from '../runtime/store/pg-testing.ts';
import { generateDevelopmentPki } from '../runtime/connectors/seal/pki.ts';
import { LocalTsa } from '../runtime/connectors/seal/tsa.ts';
import { eventHash, sha256Hex } from '../runtime/index.ts';
import { filing } from './helpers/annex.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { withDb } from './helpers/db.ts';
import { Cast } from './helpers/journeys.ts';
import { startTestServer } from './helpers/server.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n% facture du vendeur\n%%EOF\n');
let base: string;
const copies: string[] = [];
let claim: { id: string; reference: string };
let other: { id: string; reference: string };
let documentSha: string;

beforeAll(async () => {
  const pki = await generateDevelopmentPki();
  base = mkdtempSync(join(tmpdir(), 'greffe-attacks-'));
  const t = await startTestServer({
    spec: 'spec/procedures',
    transparency: {
      timestamp: new LocalTsa(pki.tsa).connector(),
      exportTarget: join(base, 'export'),
      debounceMs: 60_000,
    },
  });
  const cast = new Cast(t);
  const demandeur = await cast.as('demandeur');
  const a = await demandeur.open('petits-litiges', { version: '1.0.0' });
  const filedA = await demandeur.ok(a.id, 'deposer_demande', filing());
  await (await cast.as('greffe')).ok(a.id, 'convoquer_defendeur');
  const up = await demandeur.upload(a.id, 'pieces', PDF, 'facture.pdf');
  expect(up.status).toBe(201);
  documentSha = up.body.sha256;
  const b = await demandeur.open('petits-litiges', { version: '1.0.0' });
  const filedB = await demandeur.ok(b.id, 'deposer_demande', filing({ montant: 450 }));
  claim = { id: a.id, reference: filedA.reference as string };
  other = { id: b.id, reference: filedB.reference as string };
  const cp = await t.server.checkpointer.take();
  expect(cp?.timestampToken).toBeTruthy();
  await t.server.close();
  cpSync(t.dir, join(base, 'db'), { recursive: true });
  rmSync(t.dir, { recursive: true, force: true });
}, 120_000);

afterAll(() => {
  for (const d of [base, ...copies]) rmSync(d, { recursive: true, force: true });
});

/** A copy of the database and its documents (the export stays where it is: the attacker cannot write there). */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-attack-'));
  copies.push(dir);
  cpSync(join(base, 'db'), dir, { recursive: true });
  return join(dir, 'greffe.sqlite');
}

const auditArgs = (file: string) => ['audit', 'verify', '--db', file, '--points', join(base, 'export')];
/** The real binary in a child process: the exit codes as a shell sees them. */
const audit = (file: string) => runGreffe(auditArgs(file));
/** The same command's main() in this process, for the attacks (what is caught, not the process). */
const auditHere = (file: string) => runGreffeHere(auditArgs(file));

const fileSha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

type Db = Parameters<Parameters<typeof withDb>[1]>[0];

/** Recomputes a case's chain from its rows (what an attacker with the file does after an edit). */
function rechain(db: Db, caseId: string): void {
  const rows = db
    .prepare('SELECT * FROM journal_events WHERE case_id = ? ORDER BY seq')
    .all(caseId) as Record<string, unknown>[];
  let prev = '0'.repeat(64);
  const update = db.prepare(
    'UPDATE journal_events SET data_sha256 = ?, prev_hash = ?, hash = ? WHERE id = ?',
  );
  for (const r of rows) {
    const dataSha256 = sha256Hex(r.data as string);
    const hash = eventHash({
      caseId,
      seq: r.seq as number,
      kind: r.kind as string,
      event: r.event as string | null,
      transitionIndex: r.transition_index as number | null,
      fromState: r.from_state as string | null,
      toState: r.to_state as string | null,
      actorId: r.actor_id as string,
      actorRole: r.actor_role as string | null,
      at: r.at as string,
      dataSha256,
      documents: r.documents as string,
      visibleTo: r.visible_to as string,
      specId: r.spec_id as string,
      specVersion: r.spec_version as string,
      caseVersion: r.case_version as number,
      prevHash: prev,
    });
    update.run(dataSha256, prev, hash, r.id);
    prev = hash;
  }
  db.prepare('UPDATE cases SET last_hash = ?, journal_seq = ? WHERE id = ?').run(prev, rows.length, caseId);
}

const DROP_ALL = [
  'journal_events_no_update',
  'journal_events_no_delete',
  'log_leaves_no_update',
  'log_leaves_no_delete',
  'checkpoints_no_update',
  'checkpoints_no_delete',
]
  .map((t) => `DROP TRIGGER ${t};`)
  .join('\n');

const ATTACKS: [string, (file: string) => void][] = [
  [
    'claim raised from 800 to 3,900 € with the chain recomputed and the facts to match',
    (file) =>
      withDb(file, (db) => {
        db.exec('DROP TRIGGER journal_events_no_update');
        db.prepare(
          `UPDATE journal_events SET data = replace(data, '"montant":800', '"montant":3900') WHERE case_id = ? AND event = 'deposer_demande'`,
        ).run(claim.id);
        rechain(db, claim.id);
        db.prepare(`UPDATE cases SET facts = replace(facts, '"value":800', '"value":3900') WHERE id = ?`).run(
          claim.id,
        );
      }),
  ],
  [
    'last event removed, the case row moved back to match',
    (file) =>
      withDb(file, (db) => {
        db.exec('DROP TRIGGER journal_events_no_delete; DROP TRIGGER journal_events_no_update;');
        db.prepare(
          'DELETE FROM journal_events WHERE case_id = ? AND seq = (SELECT max(seq) FROM journal_events WHERE case_id = ?)',
        ).run(claim.id, claim.id);
        rechain(db, claim.id);
      }),
  ],
  [
    'case deleted with everything it had',
    (file) =>
      withDb(file, (db) => {
        db.exec(DROP_ALL);
        for (const t of ['notice_reads', 'provider_messages'])
          db.prepare(`DELETE FROM ${t} WHERE outbox_id IN (SELECT id FROM outbox WHERE case_id = ?)`).run(
            claim.id,
          );
        for (const t of [
          'signature_codes',
          'receipts',
          'journal_events',
          'participants',
          'deadlines',
          'documents',
          'invitations',
          'outbox',
          'idempotency_keys',
          'drafts',
        ])
          db.prepare(`DELETE FROM ${t} WHERE case_id = ?`).run(claim.id);
        db.prepare('DELETE FROM log_leaves WHERE case_id = ?').run(claim.id);
        db.prepare('DELETE FROM cases WHERE id = ?').run(claim.id);
      }),
  ],
  [
    'cases.facts edited',
    (file) =>
      withDb(file, (db) =>
        db
          .prepare(`UPDATE cases SET facts = replace(facts, '"value":800', '"value":3900') WHERE id = ?`)
          .run(claim.id),
      ),
  ],
  [
    'participant replaced',
    (file) =>
      withDb(file, (db) =>
        db
          .prepare(
            `UPDATE participants SET user_id = 'juge', name = 'Un autre' WHERE case_id = ? AND role = 'demandeur'`,
          )
          .run(claim.id),
      ),
  ],
  [
    'deadline moved',
    (file) =>
      withDb(file, (db) => {
        const n = db
          .prepare(
            `UPDATE deadlines SET due = '2099-12-31', due_at = '2099-12-31T23:00:00.000Z' WHERE case_id = ?`,
          )
          .run(claim.id).changes;
        expect(n).toBeGreaterThan(0);
      }),
  ],
  [
    'deadline moved to another court (out of its court’s queue, into another’s)',
    (file) =>
      withDb(file, (db) => {
        const n = db
          .prepare(`UPDATE deadlines SET court = 'tj-ailleurs' WHERE case_id = ?`)
          .run(claim.id).changes;
        expect(n).toBeGreaterThan(0);
      }),
  ],
  [
    'running deadlines count zeroed (the case enters the court’s « sans délai » queue)',
    (file) =>
      withDb(file, (db) => {
        const n = db
          .prepare('UPDATE cases SET running_deadlines = 0 WHERE id = ? AND running_deadlines > 0')
          .run(claim.id).changes;
        expect(n).toBe(1);
      }),
  ],
  [
    'case moved to another court, its deadlines with it',
    (file) =>
      withDb(file, (db) => {
        db.prepare(`UPDATE cases SET court = 'tj-ailleurs' WHERE id = ?`).run(claim.id);
        db.prepare(`UPDATE deadlines SET court = 'tj-ailleurs' WHERE case_id = ?`).run(claim.id);
      }),
  ],
  [
    'document bytes changed',
    (file) =>
      writeFileSync(
        join(file, '..', 'documents', documentSha.slice(0, 2), documentSha.slice(2)),
        '%PDF-1.4\n% faux\n%%EOF\n',
      ),
  ],
  [
    'document recorded hash changed (with bytes to match)',
    (file) => {
      const fake = Buffer.from('%PDF-1.4\n% autre facture\n%%EOF\n');
      const sha = createHash('sha256').update(fake).digest('hex');
      cpSync(
        join(file, '..', 'documents', documentSha.slice(0, 2)),
        join(file, '..', 'documents', sha.slice(0, 2)),
        {
          recursive: true,
        },
      );
      writeFileSync(join(file, '..', 'documents', sha.slice(0, 2), sha.slice(2)), fake);
      withDb(file, (db) =>
        db.prepare('UPDATE documents SET sha256 = ? WHERE case_id = ?').run(sha, claim.id),
      );
    },
  ],
  [
    'triggers dropped, then journal, log and the database’s checkpoints rewritten together',
    (file) =>
      withDb(file, (db) => {
        db.exec(DROP_ALL);
        db.prepare(
          `UPDATE journal_events SET data = replace(data, '"montant":800', '"montant":3900') WHERE case_id = ?`,
        ).run(claim.id);
        rechain(db, claim.id);
        db.prepare(`UPDATE cases SET facts = replace(facts, '"value":800', '"value":3900') WHERE id = ?`).run(
          claim.id,
        );
        const heads = db.prepare('SELECT id, case_id, seq, hash FROM journal_events').all() as {
          id: number;
          case_id: string;
          seq: number;
          hash: string;
        }[];
        for (const h of heads) {
          const leaf = createHash('sha256')
            .update(
              Buffer.concat([
                Buffer.from([0]),
                Buffer.from(`greffe-journal/v1\n${h.case_id}\n${h.seq}\n${h.hash}`),
              ]),
            )
            .digest('hex');
          db.prepare('UPDATE log_leaves SET leaf_hash = ? WHERE journal_id = ?').run(leaf, h.id);
        }
        db.exec('DELETE FROM checkpoints');
      }),
  ],
];

// The attacks edit a SQLite file with the sqlite driver, as an operator with the file would; the
// same audit on PostgreSQL runs in migrate-cli and crypto-shredding under GREFFE_TEST_DB.
describe.skipIf(testPgUrl() !== undefined)('greffe audit verify', () => {
  it('passes on the sound database, and writes no byte of it', async () => {
    const file = copy();
    const before = fileSha(file);
    const r = await audit(file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/intacts/);
    expect(r.stdout).toMatch(/2 affaire\(s\)/);
    expect(r.code).toBe(0);
    expect(fileSha(file)).toBe(before);
  }, 60_000);

  it.each(ATTACKS)(
    'catches: %s — exit 1, the case named, the file untouched',
    async (_name, attack) => {
      const file = copy();
      attack(file);
      const before = fileSha(file);
      const r = await auditHere(file);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain(claim.id);
      expect(r.stdout).not.toContain(other.id);
      expect(fileSha(file)).toBe(before);
    },
    60_000,
  );

  it('reports dropped triggers alone', async () => {
    const file = copy();
    withDb(file, (db) => db.exec('DROP TRIGGER journal_events_no_delete'));
    const r = await auditHere(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/déclencheur « journal_events_no_delete »/);
  }, 60_000);

  it('exit 2 with a French message for an empty file and for a file that is not SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greffe-not-db-'));
    copies.push(dir);
    const empty = join(dir, 'vide.sqlite');
    const text = join(dir, 'texte.sqlite');
    writeFileSync(empty, '');
    writeFileSync(text, 'Ceci est une note, pas une base de données.\n'.repeat(20));
    const [e, t] = await Promise.all([audit(empty), audit(text)]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/base vide/);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/n’est pas une base SQLite/);
    expect(readFileSync(empty).length).toBe(0);
  }, 60_000);
});
