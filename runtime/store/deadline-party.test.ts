/** Per-party deadline rows on a real SQLite file: one row per party, restarted per party (CPC art. 528). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { twoPartyFixture } from '../../test/helpers/spec-copy.ts';
import { rulesGuards } from '../engine/guards.ts';
import { instanceKey } from '../engine/instances.ts';
import { transition } from '../engine/transition.ts';
import type { CaseSnapshot, TransitionResult } from '../engine/types.ts';
import { type OpenCaseInput, openCase as openCaseStep, snapshotOf as snapshotStep } from './cases.ts';
import { type CommitInput, writeEvent } from './commit.ts';
import { openStore, type Store } from './open.ts';
import type { CaseRow } from './schema.ts';
import { runSync, type Step } from './steps.ts';
import { userDeadlines } from './sqlite-queries.ts';
import { upsertUser } from './users.ts';

/** The shared write logic's steps, run as the SQLite store runs them (steps.ts). */
const write = <T>(store: Store, step: Step<T>): T => store.tx(() => runSync(step, store.ops));
const openCase = (store: Store, input: OpenCaseInput) => write(store, openCaseStep(input));
const commitEvent = (store: Store, input: CommitInput) => write(store, writeEvent(input));
const getCase = (q: Store['q'], id: string): CaseRow | undefined => q.caseById.get({ id });
let current: Store;
const snapshotOf = (_: Store['q'], c: CaseRow) => runSync(snapshotStep(c), current.ops);

const twoParties = () => loadProcedure(twoPartyFixture()).procedure as Procedure;
const ok = (d: TransitionResult) => {
  if (!d.ok) throw new Error(`refusé : ${d.error.code} ${d.error.message}`);
  return d;
};
const fire = (
  p: Procedure,
  s: CaseSnapshot,
  event: string,
  data: Record<string, unknown>,
  role: string,
  now: Date,
) =>
  transition(
    p,
    s,
    { event, data, expectedVersion: s.version, actor: { kind: 'user', id: 'u', roles: [role] } },
    now,
    rulesGuards(p),
  );

describe('deadlines per party on a real SQLite store', () => {
  const p = twoParties();
  let dir: string;
  let store: Store;
  afterEach(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each instance with its party; a restart replaces each party’s own instance', () => {
    dir = mkdtempSync(join(tmpdir(), 'greffe-time-'));
    store = openStore(join(dir, 'g.sqlite'));
    current = store;
    const now = new Date('2027-03-01T09:00:00Z');
    upsertUser(store.db, { id: 'm', name: 'M', roles: ['mediateur'], court: 'tj', source: 'test' }, now);
    const c = openCase(store, {
      procedureId: p.id,
      procedureVersion: p.version,
      initialState: 'ouverte',
      court: 'tj',
      creator: { id: 'm', name: 'M' },
      actorRole: 'mediateur',
      at: now,
    });
    const snap = () => snapshotOf(store.q, getCase(store.q, c.id) as NonNullable<ReturnType<typeof getCase>>);
    commitEvent(store, {
      procedure: p,
      caseId: c.id,
      decision: ok(fire(p, snap(), 'inviter_voisin', {}, 'mediateur', now)),
      actorId: 'm',
    });
    const rows = () =>
      store.sqlite
        .prepare('SELECT deadline, party, status, start_date AS startDate, due FROM deadlines ORDER BY id')
        .all();
    expect(rows()).toEqual([
      {
        deadline: 'delai_reponse',
        party: 'requerant_voisin',
        status: 'running',
        startDate: '2027-03-01',
        due: '2027-03-16',
      },
      {
        deadline: 'delai_reponse',
        party: 'voisin_mis_en_cause',
        status: 'running',
        startDate: '2027-03-01',
        due: '2027-03-16',
      },
    ]);
    expect(snap().runningDeadlines.map(instanceKey)).toEqual([
      'delai_reponse@requerant_voisin',
      'delai_reponse@voisin_mis_en_cause',
    ]);
    // Inviting again restarts each party's instance, not the other's: still two running.
    commitEvent(store, {
      procedure: p,
      caseId: c.id,
      decision: ok(fire(p, snap(), 'inviter_voisin', {}, 'mediateur', new Date('2027-03-02T09:00:00Z'))),
      actorId: 'm',
    });
    expect(snap().runningDeadlines.map((d) => `${instanceKey(d)} ${d.due}`)).toEqual([
      'delai_reponse@requerant_voisin 2027-03-17',
      'delai_reponse@voisin_mis_en_cause 2027-03-17',
    ]);
  });
});

describe('per-party deadlines on a user’s calendar', () => {
  let dir: string;
  let store: Store;
  afterEach(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists a party’s own instance, never the other party’s', () => {
    dir = mkdtempSync(join(tmpdir(), 'greffe-time-'));
    store = openStore(join(dir, 'g.sqlite'));
    const now = new Date('2027-03-01T09:00:00Z');
    upsertUser(store.db, { id: 'jeanne', name: 'Jeanne', roles: [], source: 'test' }, now);
    const c = openCase(store, {
      procedureId: 'p',
      procedureVersion: '1.0.0',
      initialState: 's',
      court: 'tj',
      creator: { id: 'jeanne', name: 'Jeanne' },
      actorRole: 'demandeur',
      at: now,
    });
    store.sqlite
      .prepare(
        "INSERT INTO participants (case_id, role, user_id, name, created_at) VALUES (?, 'demandeur', 'jeanne', 'Jeanne', 'x')",
      )
      .run(c.id);
    const row = store.sqlite.prepare(
      `INSERT INTO deadlines (case_id, court, deadline, party, status, duration, started_at, start_date, due, due_at, explanation, started_seq)
       VALUES (?, 'tj', ?, ?, 'running', 'P2M', 'x', '2027-03-01', ?, ?, 'x', 1)`,
    );
    row.run(c.id, 'delai_pourvoi', 'demandeur', '2027-05-03', '2027-05-03T21:59:59.999Z');
    row.run(c.id, 'delai_pourvoi', 'defendeur', '2027-05-20', '2027-05-20T21:59:59.999Z');
    row.run(c.id, 'delai_decision', null, '2027-05-01', '2027-05-01T21:59:59.999Z');
    expect(userDeadlines(store.sqlite, 'jeanne').map((d) => [d.deadline, d.due])).toEqual([
      ['delai_decision', '2027-05-01'],
      ['delai_pourvoi', '2027-05-03'],
    ]);
  });
});
