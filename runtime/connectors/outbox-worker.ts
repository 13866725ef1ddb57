/**
 * Delivers the outbox: messages whose time has come (procedural clock, so a
 * reminder planned for a date goes out on that date, also in tests), oldest
 * first, through the connector they name. At least once: a message is marked
 * delivered only after its connector returned; a failure is retried later
 * with a growing, jittered delay, up to MAX_ATTEMPTS, then marked failed: a
 * dead letter. A message that can never be delivered as it stands (no
 * address for its recipient: `UndeliverableError`, or no such connector) is
 * not retried: it is marked failed at once, a dead letter the registry staff see in the back office, with its error and a
 * « Réessayer » action (runtime/api/routes-outbox.ts). Each outcome (sent,
 * failed for good) is also handed to `onOutcome`, which journals it on the
 * case (receipts.ts). Sent once: connectors give the provider the message's
 * idempotency key (`outbox-<id>`), so a crash between the provider's answer
 * and `markOutbox` ends in a second call the provider recognises.
 */
import type { CaseStore, OutboxRow } from '../store/case-store.ts';
import type { Clock } from '../time/index.ts';
import {
  type Connector,
  type DeliveryResult,
  type OutboundMessage,
  UndeliverableError,
} from './connector.ts';

export const MAX_ATTEMPTS = 8;
/**
 * Exponential backoff with "equal jitter": the n-th retry waits half of
 * min(1 min × 2^(n−1), 6 h) plus a random part of the other half, so messages
 * that failed together (a provider down) do not all come back at once.
 * `random` in [0, 1) (injected by tests).
 */
export const retryDelayMs = (attempts: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(60_000 * 2 ** (attempts - 1), 6 * 3_600_000);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};

/** What became of a message, handed to `onOutcome` after the outbox row is marked. */
export type DeliveryOutcome =
  | { readonly status: 'sent'; readonly result: DeliveryResult | undefined; readonly attempts: number }
  | {
      readonly status: 'dead';
      readonly error: string;
      readonly attempts: number;
      /** Failed for good at once (UndeliverableError), not after MAX_ATTEMPTS tries. */
      readonly permanent?: true;
    };

export interface OutboxWorkerOptions {
  readonly intervalMs?: number;
  readonly random?: () => number;
  /** Journals the outcome on the case (receipts.ts); its own failure is logged, never retried as a send. */
  readonly onOutcome?: (message: OutboundMessage, row: OutboxRow, outcome: DeliveryOutcome) => Promise<void>;
}

/**
 * A message queued for a party role nobody held yet (e.g. a reminder planned
 * before the defendant identified) goes to whoever holds the role now.
 */
async function recipientNow(
  store: CaseStore,
  row: OutboxRow,
  name: string,
): Promise<OutboundMessage['recipient']> {
  if (row.recipientUser !== null || row.recipientRole === null || row.caseId === null) {
    return { role: row.recipientRole, userId: row.recipientUser, name };
  }
  const holder = await store.participantByRole(row.caseId, row.recipientRole);
  return holder
    ? { role: row.recipientRole, userId: holder.userId, name: holder.name }
    : { role: row.recipientRole, userId: null, name };
}

async function toMessage(store: CaseStore, row: OutboxRow): Promise<OutboundMessage> {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  const doc = payload.document as OutboundMessage['document'] | undefined;
  return {
    outboxId: row.id,
    kind: row.kind,
    connector: row.connector,
    caseId: row.caseId,
    reference: String(payload.reference ?? ''),
    recipient: await recipientNow(store, row, String(payload.recipient ?? '')),
    subject: String(payload.subject ?? ''),
    body: String(payload.body ?? ''),
    ...(doc && { document: doc }),
    ...(typeof payload.attach === 'string' && { attach: payload.attach }),
    ...(payload.visio === true && { visio: true }),
  };
}

export class OutboxWorker {
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<number> | undefined;
  #again = false;
  /** Set by stop(): a kick scheduled before it must not drain afterwards (the store may be closed). */
  #stopped = false;

  private readonly intervalMs: number;
  constructor(
    private readonly store: CaseStore,
    private readonly connectors: ReadonlyMap<string, Connector>,
    private readonly clock: Clock,
    options: number | OutboxWorkerOptions = {},
  ) {
    this.options = typeof options === 'number' ? { intervalMs: options } : options;
    this.intervalMs = this.options.intervalMs ?? 5_000;
  }
  private readonly options: OutboxWorkerOptions;

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
        const batch = await this.store.claimOutbox(now.toISOString(), 50);
        if (batch.length === 0) break;
        for (const row of batch) delivered += (await this.#deliver(row, now)) ? 1 : 0;
      }
    } while (this.#again);
    return delivered;
  }

  async #deliver(row: OutboxRow, now: Date): Promise<boolean> {
    // A reminder is sent only while its deadline still runs (stopping a deadline leaves its reminders queued).
    if (row.kind === 'reminder' && row.deadlineId !== null) {
      if ((await this.store.deadlineStatus(row.deadlineId)) !== 'running') {
        await this.store.markOutbox(row.id, { status: 'cancelled' });
        return false;
      }
    }
    const connector = this.connectors.get(row.connector);
    const message = await toMessage(this.store, row);
    const attempts = row.attempts + 1;
    let result: DeliveryResult | undefined;
    try {
      if (!connector) throw new Error(`aucun connecteur « ${row.connector} »`);
      result = (await connector.deliver(message)) ?? undefined;
    } catch (err: unknown) {
      const permanent = err instanceof UndeliverableError || !connector;
      const failed = permanent || attempts >= MAX_ATTEMPTS;
      const error = err instanceof Error ? err.message : String(err);
      // Journaled before the row is marked: a crash in between journals it again, once (keyed receipt).
      if (failed)
        await this.#outcome(message, row, {
          status: 'dead',
          error,
          attempts,
          ...(permanent && { permanent: true as const }),
        });
      await this.store.markOutbox(row.id, {
        status: failed ? 'failed' : 'pending',
        attempts,
        error,
        availableAt: new Date(now.getTime() + retryDelayMs(attempts, this.options.random)).toISOString(),
      });
      if (permanent)
        // One line, no stack: the cause is known and said in French; the message waits in the dead letters.
        console.error(
          `greffe : message ${row.id} (${row.connector}) non distribuable, non réessayé (lettres en souffrance) : ${error}`,
        );
      else
        console.error(
          `greffe : message ${row.id} (${row.connector}) non distribué, tentative ${attempts} :`,
          err,
        );
      return false;
    }
    await this.#outcome(message, row, { status: 'sent', result, attempts });
    await this.store.markOutbox(row.id, { status: 'delivered', attempts, at: now.toISOString() });
    return true;
  }

  async #outcome(message: OutboundMessage, row: OutboxRow, outcome: DeliveryOutcome): Promise<void> {
    try {
      await this.options.onOutcome?.(message, row, outcome);
    } catch (err: unknown) {
      console.error(`greffe : suivi du message ${row.id} non journalisé :`, err);
    }
  }
}
