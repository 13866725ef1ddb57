/**
 * « Suivi de vos envois » in the reader's inbox (issue 16, point 7): what
 * became of the messages sent to him outside the platform — an e-mail or an
 * SMS sent or failed, a letter delivered, unclaimed or returned — read from
 * what the case's history already records (journal items of kind
 * `connecteur`, connectors/receipts.ts and the post's tracking), keeping only
 * those he may see and that concern a message addressed to him.
 */
import type { Caller } from '../access/policy.ts';
import { caseAccess } from '../access/case-access.ts';
import { CONNECTOR_LABELS } from '../connectors/receipts.ts';
import { GreffeError } from '../errors.ts';
import type { OutboxRow } from '../store/case-store.ts';
import { visibleItems } from './case-view.ts';
import type { Runtime } from './context.ts';

export interface DeliveryStatus {
  readonly caseId: string;
  readonly reference: string | null;
  readonly at: string;
  readonly connector: string;
  /** « Courriel », « Lettre recommandée avec avis de réception »… */
  readonly channel: string;
  /** envoye | echec (the outbox), distribue | avise_non_reclame | retourne (a letter's tracking). */
  readonly status: string;
  /** The history's line, as the case page shows it. */
  readonly label: string;
}

/** How many of the reader's cases, most recently active first, are read for it. */
const CASES = 20;

export async function deliveryStatusesOf(rt: Runtime, caller: Caller, limit = 50): Promise<DeliveryStatus[]> {
  const { cases } = await rt.store.listCases({ userId: caller.id, court: null });
  const recent = [...cases].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, CASES);
  const rows = new Map<number, OutboxRow | undefined>();
  const out: DeliveryStatus[] = [];
  for (const c of recent) {
    let access: Awaited<ReturnType<typeof caseAccess>>;
    try {
      access = await caseAccess(rt, caller, c.id);
    } catch (e: unknown) {
      if (e instanceof GreffeError && e.code === 'CASE_NOT_FOUND') continue;
      throw e;
    }
    const record = await rt.store.caseRecord(c.id, caller.id);
    const { visibleSeq } = visibleItems(record, access, caller);
    for (const j of record.journal) {
      if (j.kind !== 'connecteur' || !visibleSeq.has(j.seq)) continue;
      const data = JSON.parse(j.data) as Record<string, unknown>;
      const id = Number(data.outboxId);
      if (!Number.isSafeInteger(id) || typeof data.status !== 'string') continue;
      if (!rows.has(id)) rows.set(id, await rt.store.outboxMessage(id));
      const row = rows.get(id);
      if (!row || row.caseId !== c.id || row.recipientUser !== caller.id) continue;
      out.push({
        caseId: c.id,
        reference: c.reference,
        at: j.at,
        connector: row.connector,
        channel: CONNECTOR_LABELS[row.connector] ?? row.connector,
        status: data.status,
        label: typeof data.label === 'string' ? data.label : '',
      });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
