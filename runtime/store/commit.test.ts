/** The commit on a real SQLite file: all of an event or nothing, the version checked inside the transaction. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { transition } from '../engine/transition.ts';
import { rulesGuards } from '../engine/guards.ts';
import { auditDatabase } from '../audit/verify.ts';
import { openCase, snapshotOf } from './cases.ts';
import { type Accepted, type CommitInput, VersionConflict, writeEvent } from './commit.ts';
import { appendJournal } from './journal.ts';
import { openStore, type Store } from './open.ts';
import { openSqliteAudit } from './sqlite-audit.ts';
import { runSync, type Step } from './steps.ts';
import { upsertUser } from './users.ts';

const p = loadProcedure('test/fixtures/procedures/mediation/1.0.0').procedure as Procedure;
const NOW = new Date('2027-03-01T09:00:00Z');
let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greffe-store-'));
  store = openStore(join(dir, 'g.sqlite'));
  upsertUser(
    store.db,
    { id: 'm', name: 'Médiateur', roles: ['mediateur'], court: 'tj', source: 'test' },
    NOW,
  );
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A step of the shared write logic in one transaction, as the SQLite store runs it. */
const write = <T>(step: Step<T>): T => store.tx(() => runSync(step, store.ops));
const commitEvent = (_: Store, input: CommitInput) => write(writeEvent(input));
const getCase = (_: unknown, id: string) => store.q.caseById.get({ id });

/** `greffe audit verify` on the store's file (read-only, the store stays open). */
async function audit() {
  const o = openSqliteAudit(store.file);
  if (!o.ok) throw new Error(o.reason);
  try {
    return await auditDatabase(o.source, { procedures: [p] });
  } finally {
    await o.source.close();
  }
}

const TABLES = [
  'cases',
  'journal_events',
  'deadlines',
  'outbox',
  'documents',
  'participants',
  'invitations',
  'idempotency_keys',
];
const dump = () =>
  TABLES.map((t) => JSON.stringify(store.sqlite.prepare(`SELECT * FROM ${t}`).all())).join('\n');

async function accepted(
  caseId: string,
  event: string,
  data: Record<string, unknown> = {},
): Promise<Accepted> {
  const c = getCase(store.q, caseId);
  if (!c) throw new Error('no case');
  const d = await transition(
    p,
    runSync(snapshotOf(c), store.ops),
    { event, data, expectedVersion: c.version, actor: { kind: 'user', id: 'm', roles: ['mediateur'] } },
    NOW,
    rulesGuards(p),
  );
  if (!d.ok) throw new Error(d.error.code);
  return d;
}

const open = () =>
  write(
    openCase({
      procedureId: p.id,
      procedureVersion: p.version,
      initialState: 'ouverte',
      court: 'tj',
      creator: { id: 'm', name: 'M' },
      actorRole: 'mediateur',
      at: NOW,
    }),
  );

describe('commitEvent', () => {
  it('writes journal, projection, deadline, reminder and one access code together, and the chain verifies', async () => {
    const c = open();
    commitEvent(store, {
      procedure: p,
      caseId: c.id,
      decision: await accepted(c.id, 'inviter_voisin'),
      actorId: 'm',
    });
    const row = getCase(store.q, c.id);
    expect(row).toMatchObject({ state: 'ouverte', version: 1, journalSeq: 2 });
    const count = (t: string) =>
      (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count('deadlines')).toBe(1);
    expect(count('invitations')).toBe(1);
    const messages = store.sqlite
      .prepare('SELECT kind, payload, available_at FROM outbox ORDER BY kind')
      .all() as { kind: string; payload: string; available_at: string }[];
    // The notification to the summoned neighbour carries the access code; no second letter for the summons.
    expect(messages.map((m) => m.kind)).toEqual(['notify', 'reminder']);
    expect(JSON.parse(messages[0]?.payload ?? '{}').body).toMatch(
      /Code d’accès .*: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/,
    );
    // Due Tuesday 16 March; 3 days before is Saturday 13, moved back to Friday 12, 08:00 Paris.
    expect(messages[1]?.available_at).toBe('2027-03-12T07:00:00.000Z');
    expect(await audit()).toMatchObject({ cases: 1, events: 2, findings: [] });
  });

  it.each(['journal', 'effects', 'case'] as const)(
    'leaves nothing behind when it fails after the %s step',
    async (step) => {
      const c = open();
      const decision = await accepted(c.id, 'inviter_voisin');
      const before = dump();
      expect(() =>
        commitEvent(store, { procedure: p, caseId: c.id, decision, actorId: 'm', failAfter: step }),
      ).toThrow(/échec simulé/);
      expect(dump()).toBe(before);
    },
  );

  it('refuses a decision taken on a version another commit already moved past', async () => {
    const c = open();
    const first = await accepted(c.id, 'inviter_voisin');
    const second = await accepted(c.id, 'inviter_voisin');
    commitEvent(store, { procedure: p, caseId: c.id, decision: first, actorId: 'm' });
    const before = dump();
    expect(() => commitEvent(store, { procedure: p, caseId: c.id, decision: second, actorId: 'm' })).toThrow(
      VersionConflict,
    );
    expect(dump()).toBe(before);
  });

  it('persists the reducer’s facts, numbered by the journal item written when a piece slipped in', async () => {
    const c = open();
    const d = await accepted(c.id, 'inviter_voisin');
    // As if the event recorded a fact (the fixture's events record none): the reducer numbers it next.seq.
    const fact = { value: 'oui', seq: d.snapshot.seq, visibleTo: [] };
    const decision = { ...d, snapshot: { ...d.snapshot, facts: { ...d.snapshot.facts, accord: fact } } };
    // A journal item that does not change the version (a piece) is written between the decision and the commit.
    store.tx(() => {
      const row = getCase(store.q, c.id);
      if (!row) throw new Error('no case');
      runSync(
        appendJournal(row, {
          kind: 'piece',
          actorId: 'm',
          actorRole: 'mediateur',
          at: NOW.toISOString(),
          caseVersion: 0,
          data: {},
        }),
        store.ops,
      );
    });
    const { seq } = commitEvent(store, { procedure: p, caseId: c.id, decision, actorId: 'm' });
    expect(seq).toBe(d.snapshot.seq + 1);
    expect(JSON.parse(getCase(store.q, c.id)?.facts ?? '{}')).toEqual({ accord: { ...fact, seq } });
  });

  it('keeps the journal append-only and reports a tampered row', async () => {
    const c = open();
    commitEvent(store, {
      procedure: p,
      caseId: c.id,
      decision: await accepted(c.id, 'constater_accord', { termes: 'Accord trouvé entre voisins.' }),
      actorId: 'm',
    });
    expect(() => store.sqlite.prepare('DELETE FROM journal_events').run()).toThrow(/ajout seul/);
    store.sqlite.exec('DROP TRIGGER journal_events_no_update');
    store.sqlite.prepare("UPDATE journal_events SET actor_id = 'intrus' WHERE seq = 2").run();
    expect((await audit()).findings).toEqual([
      expect.objectContaining({ caseId: null, what: expect.stringMatching(/journal_events_no_update/) }),
      expect.objectContaining({ caseId: c.id, seq: 2, what: expect.stringMatching(/empreinte/) }),
    ]);
  });
});
