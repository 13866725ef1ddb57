/**
 * Delivers the outbox: messages whose time has come (procedural clock, so a
 * reminder planned for a date goes out on that date, also in tests), oldest
 * first, through the connector they name. At least once: a message is marked
 * delivered only after its connector returned; a failure is retried later
 * with a growing delay, up to MAX_ATTEMPTS, then marked failed for the staff.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Store } from '../store/open.ts';
import { type OutboxRow, outbox, participants } from '../store/schema.ts';
import type { Clock } from '../time/index.ts';
import type { Connector, OutboundMessage } from './connector.ts';

export const MAX_ATTEMPTS = 8;
/** 1 min, 2 min, 4 min… capped at 6 h. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(60_000 * 2 ** (attempts - 1), 6 * 3_600_000);

/**
 * A message queued for a party role nobody held yet (e.g. a reminder planned
 * before the defendant identified) goes to whoever holds the role now.
 */
function recipientNow(store: Store, row: OutboxRow, name: string): OutboundMessage['recipient'] {
  if (row.recipientUser !== null || row.recipientRole === null || row.caseId === null) {
    return { role: row.recipientRole, userId: row.recipientUser, name };
  }
  const holder = store.db
    .select()
    .from(participants)
    .where(and(eq(participants.caseId, row.caseId), eq(participants.role, row.recipientRole)))
    .get();
  return holder
    ? { role: row.recipientRole, userId: holder.userId, name: holder.name }
    : { role: row.recipientRole, userId: null, name };
}

function toMessage(store: Store, row: OutboxRow): OutboundMessage {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  const doc = payload.document as OutboundMessage['document'] | undefined;
  return {
    outboxId: row.id,
    kind: row.kind,
    connector: row.connector,
    caseId: row.caseId,
    reference: String(payload.reference ?? ''),
    recipient: recipientNow(store, row, String(payload.recipient ?? '')),
    subject: String(payload.subject ?? ''),
    body: String(payload.body ?? ''),
    ...(doc && { document: doc }),
  };
}

export class OutboxWorker {
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<number> | undefined;
  #again = false;
  /** Set by stop(): a kick scheduled before it must not drain afterwards (the store may be closed). */
  #stopped = false;

  constructor(
    private readonly store: Store,
    private readonly connectors: ReadonlyMap<string, Connector>,
    private readonly clock: Clock,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#timer ??= setInterval(() => this.kick(), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Asks for a drain soon (after a commit), unless stopped by then; never throws. */
  kick(): void {
    if (this.#stopped) return;
    setImmediate(() => {
      if (this.#stopped) return;
      this.drain().catch((err: unknown) => console.error('greffe : distribution des messages :', err));
    });
  }

  /** Resolves when no drain is in progress. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining.catch(() => undefined);
  }

  /** Delivers every message due now; resolves with how many were delivered. One drain at a time. */
  drain(): Promise<number> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = this.#drainLoop().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainLoop(): Promise<number> {
    let delivered = 0;
    do {
      this.#again = false;
      for (;;) {
        const now = this.clock.now();
        const batch = this.store.db
          .select()
          .from(outbox)
          // A literal, not a bound value: the partial index outbox_due applies only then.
          .where(and(sql`${outbox.status} = 'pending'`, lte(outbox.availableAt, now.toISOString())))
          .orderBy(asc(outbox.availableAt), asc(outbox.id))
          .limit(50)
          .all();
        if (batch.length === 0) break;
        for (const row of batch) delivered += (await this.#deliver(row, now)) ? 1 : 0;
      }
    } while (this.#again);
    return delivered;
  }

  async #deliver(row: OutboxRow, now: Date): Promise<boolean> {
    // A reminder is sent only while its deadline still runs (stopping a deadline leaves its reminders queued).
    if (row.kind === 'reminder' && row.deadlineId !== null) {
      const d = this.store.q.deadlineStatus.get({ id: row.deadlineId });
      if (d?.status !== 'running') {
        this.store.db.update(outbox).set({ status: 'cancelled' }).where(eq(outbox.id, row.id)).run();
        return false;
      }
    }
    const connector = this.connectors.get(row.connector);
    try {
      if (!connector) throw new Error(`aucun connecteur « ${row.connector} »`);
      await connector.deliver(toMessage(this.store, row));
      this.store.db
        .update(outbox)
        .set({
          status: 'delivered',
          attempts: row.attempts + 1,
          deliveredAt: now.toISOString(),
          lastError: null,
        })
        .where(eq(outbox.id, row.id))
        .run();
      return true;
    } catch (err: unknown) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS || !connector;
      this.store.db
        .update(outbox)
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          lastError: err instanceof Error ? err.message : String(err),
          availableAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        })
        .where(eq(outbox.id, row.id))
        .run();
      console.error(
        `greffe : message ${row.id} (${row.connector}) non distribué, tentative ${attempts} :`,
        err,
      );
      return false;
    }
  }
}
