/** The outbox worker on a real SQLite file: due messages only, at least once, idempotent local connectors, retries. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../spec/index.ts';
import type { CaseRow, CaseStore } from '../store/case-store.ts';
import { enqueueForTest, sqlOf } from '../store/sqlite-inspect.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { ManualClock } from '../time/index.ts';
import { type Connector, UndeliverableError } from './connector.ts';
import { CONNECTOR_NAMES, localConnectors } from './local.ts';
import { type DeliveryOutcome, MAX_ATTEMPTS, OutboxWorker } from './outbox-worker.ts';

let dir: string;
let store: CaseStore;
let c: CaseRow;
const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'greffe-outbox-'));
  store = openSqliteStore(join(dir, 'g.sqlite'));
  clock.set(new Date('2027-03-01T09:00:00Z'));
  sqlOf(store)
    .prepare("INSERT INTO users (id, name, roles, source, created_at) VALUES ('u', 'U', '[]', 'test', 'x')")
    .run();
  c = await store.openCase({
    procedureId: 'p',
    procedureVersion: '1.0.0',
    initialState: 's',
    court: 'tj',
    creator: { id: 'u', name: 'U' },
    actorRole: 'r',
    at: clock.now(),
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const queue = (connector: string, availableAt = '2027-03-01T09:00:00.000Z', key = connector) =>
  enqueueForTest(
    store,
    c,
    {
      kind: 'notify',
      connector,
      recipient: { role: 'r', userId: 'u', name: 'U' },
      subject: 's',
      body: 'b',
      dedupeKey: key,
      availableAt,
    },
    clock.now().toISOString(),
  );
const status = () => sqlOf(store).prepare('SELECT connector, status, attempts FROM outbox ORDER BY id').all();

describe('connectors', () => {
  it('implements exactly the spec vocabulary’s connectors, plus the platform inbox', () => {
    expect([...localConnectors(store).keys()].sort()).toEqual(['plateforme', ...CONNECTORS].sort());
    expect(CONNECTOR_NAMES).toHaveLength(CONNECTORS.length + 1);
  });

  it('records a delivery once even when a message is delivered twice (crash before the acknowledgement)', async () => {
    const log = join(dir, 'deliveries.jsonl');
    const courriel = localConnectors(store, log).get('courriel') as Connector;
    const m = {
      outboxId: 1,
      kind: 'notify',
      connector: 'courriel',
      caseId: c.id,
      reference: c.reference ?? '',
      recipient: { role: 'r', userId: 'u', name: 'U' },
      subject: 's',
      body: 'b',
    };
    await courriel.deliver(m);
    await courriel.deliver(m);
    expect(sqlOf(store).prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 1 });
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { outboxId: number; repeat?: boolean });
    // The second hand-over is logged as a repeat: a message sent twice shows (test/multi-instance.test.ts).
    expect(lines.map((l) => [l.outboxId, l.repeat ?? false])).toEqual([
      [1, false],
      [1, true],
    ]);
  });
});

describe('OutboxWorker', () => {
  it('does not drain after stop a kick asked just before it (the server closes the store next)', async () => {
    queue('courriel');
    const w = new OutboxWorker(store, localConnectors(store), clock);
    w.kick(); // e.g. an event committed just before shutdown
    w.stop();
    w.kick();
    await w.idle();
    await new Promise<void>((resolve) => setImmediate(resolve));
    await w.idle();
    expect(status()).toEqual([{ connector: 'courriel', status: 'pending', attempts: 0 }]);
    // Started again, it delivers.
    w.start();
    w.stop();
    expect(await w.drain()).toBe(1);
  });

  it('delivers what is due now, and a reminder only when the clock reaches it', async () => {
    queue('courriel');
    queue('sms', '2027-03-12T07:00:00.000Z');
    const w = new OutboxWorker(store, localConnectors(store), clock);
    expect(await w.drain()).toBe(1);
    expect(status()).toEqual([
      { connector: 'courriel', status: 'delivered', attempts: 1 },
      { connector: 'sms', status: 'pending', attempts: 0 },
    ]);
    clock.set(new Date('2027-03-12T07:00:00Z'));
    expect(await w.drain()).toBe(1);
    expect(sqlOf(store).prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 2 });
  });

  it('retries a failing connector later, then gives up after the last attempt', async () => {
    queue('courriel');
    let fail = true;
    const flaky: Connector = {
      name: 'courriel',
      description: 'panne simulée',
      async deliver() {
        if (fail) throw new Error('serveur SMTP injoignable');
        return undefined;
      },
    };
    const w = new OutboxWorker(store, new Map([['courriel', flaky]]), clock);
    expect(await w.drain()).toBe(0);
    expect(status()).toEqual([{ connector: 'courriel', status: 'pending', attempts: 1 }]);
    expect(await w.drain()).toBe(0); // not due again before its retry delay
    clock.advance('PT2M');
    fail = false;
    expect(await w.drain()).toBe(1);
    expect(status()).toEqual([{ connector: 'courriel', status: 'delivered', attempts: 2 }]);

    queue('courriel', clock.now().toISOString(), 'second');
    fail = true;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await w.drain();
      clock.advance('PT7H');
    }
    expect(status()).toContainEqual({ connector: 'courriel', status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('dead-letters at once, without retrying, a message that can never be delivered as it stands', async () => {
    queue('courriel');
    let calls = 0;
    const noAddress: Connector = {
      name: 'courriel',
      description: 'destinataire sans adresse',
      async deliver() {
        calls++;
        throw new UndeliverableError('Aucune adresse électronique connue pour U.');
      },
    };
    const outcomes: DeliveryOutcome[] = [];
    const w = new OutboxWorker(store, new Map([['courriel', noAddress]]), clock, {
      onOutcome: async (_m, _r, o) => {
        outcomes.push(o);
      },
    });
    expect(await w.drain()).toBe(0);
    expect(status()).toEqual([{ connector: 'courriel', status: 'failed', attempts: 1 }]);
    expect(outcomes).toEqual([
      { status: 'dead', error: 'Aucune adresse électronique connue pour U.', attempts: 1, permanent: true },
    ]);
    clock.advance('P1D');
    await w.drain();
    expect(calls).toBe(1);
  });

  it('marks a message for an unknown connector failed at once', async () => {
    queue('pigeon_voyageur');
    await new OutboxWorker(store, localConnectors(store), clock).drain();
    expect(status()).toEqual([{ connector: 'pigeon_voyageur', status: 'failed', attempts: 1 }]);
  });
});

describe('reminders', () => {
  it('drops a reminder whose deadline stopped before its time', async () => {
    const at = '2027-03-01T09:00:00.000Z';
    const deadline = (status: string) =>
      Number(
        sqlOf(store)
          .prepare(
            "INSERT INTO deadlines (case_id, court, deadline, status, duration, started_at, start_date, due, due_at, explanation, started_seq) VALUES (?, ?, 'd', ?, 'P7D', ?, '2027-03-01', '2027-03-08', '2027-03-08T23:00:00.000Z', 'x', 1)",
          )
          .run(c.id, c.court, status, at).lastInsertRowid,
      );
    const remind = (deadlineId: number, key: string) =>
      enqueueForTest(
        store,
        c,
        {
          kind: 'reminder',
          connector: 'sms',
          recipient: { role: 'r', userId: 'u', name: 'U' },
          subject: 's',
          body: 'b',
          dedupeKey: key,
          availableAt: at,
          deadlineId,
        },
        at,
      );
    remind(deadline('running'), 'a');
    remind(deadline('stopped'), 'b');
    expect(await new OutboxWorker(store, localConnectors(store), clock).drain()).toBe(1);
    expect(sqlOf(store).prepare('SELECT dedupe_key, status FROM outbox ORDER BY id').all()).toEqual([
      { dedupe_key: 'a', status: 'delivered' },
      { dedupe_key: 'b', status: 'cancelled' },
    ]);
  });
});
