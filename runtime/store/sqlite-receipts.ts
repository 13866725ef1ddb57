/**
 * The SQLite store's dead letters (outbox messages that failed for good,
 * retried by the registry staff). Receipts are written by the shared step
 * (journal.ts recordReceipt).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DeadLetter, ProviderMessage } from './case-store.ts';
import type { Store } from './open.ts';
import { cases, type OutboxRow, outbox, providerMessages } from './schema.ts';

export function outboxMessage(s: Store, id: number): OutboxRow | undefined {
  return s.db.select().from(outbox).where(eq(outbox.id, id)).get();
}

export function deadLetters(s: Store, court?: string): DeadLetter[] {
  const rows = s.db
    .select({ o: outbox, reference: cases.reference, court: cases.court })
    .from(outbox)
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.id))
    .all();
  return rows
    .filter((r) => court === undefined || r.court === court)
    .map((r) => ({ ...r.o, reference: r.reference }));
}

export function retryOutbox(s: Store, id: number, at: string): boolean {
  return (
    s.db
      .update(outbox)
      .set({ status: 'pending', attempts: 0, availableAt: at, leaseOwner: null, leaseUntil: null })
      .where(and(eq(outbox.id, id), sql`${outbox.status} = 'failed'`))
      .run().changes > 0
  );
}

export function recordProviderMessage(s: Store, m: ProviderMessage): void {
  s.db.insert(providerMessages).values(m).onConflictDoNothing().run();
}

export function outboxByProviderId(s: Store, connector: string, providerId: string): OutboxRow | undefined {
  return s.db
    .select({ o: outbox })
    .from(providerMessages)
    .innerJoin(outbox, eq(outbox.id, providerMessages.outboxId))
    .where(and(eq(providerMessages.connector, connector), eq(providerMessages.providerId, providerId)))
    .get()?.o;
}
