/**
 * The SQLite store's receipts (what came back from outside, journaled once per
 * key) and dead letters (outbox messages that failed for good, retried by the
 * registry staff).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DeadLetter, ReceiptRecord } from './case-store.ts';
import { appendJournal } from './journal.ts';
import type { Store } from './open.ts';
import { cases, documents, type OutboxRow, outbox, receipts } from './schema.ts';

export function recordReceipt(s: Store, r: ReceiptRecord): { recorded: boolean; seq: number } {
  const { db, q } = s;
  return s.tx(() => {
    const known = db.select().from(receipts).where(eq(receipts.key, r.key)).get();
    if (known) return { recorded: false, seq: known.journalSeq };
    const c = q.caseById.get({ id: r.caseId });
    if (!c) throw new Error(`Affaire ${r.caseId} inconnue.`);
    const d = r.document;
    const { seq } = appendJournal(q, c, {
      kind: 'connecteur',
      event: r.event,
      actorId: r.actorId,
      actorRole: null,
      at: r.at,
      data: { ...r.data, label: r.label },
      ...(d && { documents: [{ id: d.id, kind: d.kind, sha256: d.sha256 }] }),
      visibleTo: r.visibleTo,
      caseVersion: c.version,
    });
    if (d) {
      db.insert(documents)
        .values({
          ...d,
          caseId: r.caseId,
          origin: 'acte',
          uploadedAt: r.at,
          uploadedBy: r.actorId,
          uploadedByRole: null,
          journalSeq: seq,
        })
        .run();
    }
    db.insert(receipts).values({ key: r.key, caseId: r.caseId, journalSeq: seq, at: r.at }).run();
    return { recorded: true, seq };
  });
}

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
      .set({ status: 'pending', attempts: 0, availableAt: at })
      .where(and(eq(outbox.id, id), sql`${outbox.status} = 'failed'`))
      .run().changes > 0
  );
}
