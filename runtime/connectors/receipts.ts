/**
 * Delivery status on the case: each outbox outcome (sent through its provider,
 * failed for good) and each answer from outside (a letter's tracking event, a
 * bank's answer) becomes a journal item of the case (kind `connecteur`), once
 * per key, shown in the case's history to the recipient's role and the court.
 */
import type { Procedure } from '../../spec/index.ts';
import type { Catalog } from '../catalog.ts';
import { isCourtRole } from '../engine/actions.ts';
import { type CaseStore, type OutboxRow, type ReceiptRecord, SYSTEM_ACTOR } from '../store/case-store.ts';
import type { Clock } from '../time/index.ts';
import { type OutboundMessage, PLATFORM_CONNECTOR } from './connector.ts';
import type { DeliveryOutcome } from './outbox-worker.ts';

/** How the history names each connector (the spec vocabulary's connectors). */
export const CONNECTOR_LABELS: Readonly<Record<string, string>> = {
  courriel: 'Courriel',
  sms: 'SMS',
  lettre_simple: 'Lettre simple',
  lettre_recommandee: 'Lettre recommandée avec avis de réception',
  lettre_recommandee_electronique: 'Lettre recommandée électronique',
  signification_electronique: 'Demande de signification électronique',
  signification_papier: 'Demande de signification par commissaire de justice',
  signature_electronique: 'Demande de signature électronique',
  franceconnect: 'FranceConnect',
  saisie_attribution: 'Saisie-attribution adressée à la banque',
};

/** The court's roles of a procedure: they see every delivery status. */
export const courtRoles = (p: Procedure | undefined): string[] =>
  p ? Object.entries(p.roles).flatMap(([id, r]) => (isCourtRole(r) ? [id] : [])) : [];

/** Who sees a receipt about a message to `role`: that role and the court. */
export const receiptVisibility = (p: Procedure | undefined, role: string | null): string[] => {
  const court = courtRoles(p);
  return role && !court.includes(role) ? [role, ...court] : court;
};

/** « (défendeur) »: the addressee's role as the history names it, or nothing. */
export const addressee = (p: Procedure | undefined, role: string | null): string => {
  const to = role ? (p?.roles[role]?.label ?? role) : '';
  return to ? ` (${to.toLowerCase()})` : '';
};

export function outcomeReceipt(
  p: Procedure | undefined,
  m: OutboundMessage,
  outcome: DeliveryOutcome,
  at: string,
): ReceiptRecord | undefined {
  if (!m.caseId || m.connector === PLATFORM_CONNECTOR) return undefined;
  const what = CONNECTOR_LABELS[m.connector] ?? m.connector;
  const toWhom = addressee(p, m.recipient.role);
  const common = {
    caseId: m.caseId,
    actorId: SYSTEM_ACTOR,
    visibleTo: receiptVisibility(p, m.recipient.role),
    at,
  };
  if (outcome.status === 'sent') {
    const detail = outcome.result?.detail ? ` — ${outcome.result.detail}` : '';
    return {
      ...common,
      key: `outbox-${m.outboxId}:envoye`,
      event: `${m.connector}.envoye`,
      label: `${what} envoyé${toWhom}${detail}`,
      data: {
        outboxId: m.outboxId,
        connector: m.connector,
        status: 'envoye',
        attempts: outcome.attempts,
        ...(outcome.result?.providerId && { providerId: outcome.result.providerId }),
      },
    };
  }
  return {
    ...common,
    key: `outbox-${m.outboxId}:echec`,
    event: `${m.connector}.echec`,
    label: outcome.permanent
      ? `${what}${toWhom} : non envoyé, échec définitif sans nouvelle tentative — ${outcome.error}`
      : `${what}${toWhom} : échec de l’envoi après ${outcome.attempts} tentative(s) — ${outcome.error}`,
    data: { outboxId: m.outboxId, connector: m.connector, status: 'echec', error: outcome.error },
  };
}

/** The worker's `onOutcome`: journals sends and dead letters on their case, and keeps the provider's id of a send. */
export function journalOutcomes(store: CaseStore, catalog: Catalog, clock: Clock) {
  return async (m: OutboundMessage, _row: OutboxRow, outcome: DeliveryOutcome): Promise<void> => {
    if (!m.caseId) return;
    // The provider's id, which its delivery reports name (delivery-reports.ts).
    const providerId = outcome.status === 'sent' ? outcome.result?.providerId : undefined;
    if (providerId)
      await store.recordProviderMessage({
        connector: m.connector,
        providerId,
        outboxId: m.outboxId,
        at: clock.now().toISOString(),
      });
    const c = await store.getCase(m.caseId);
    const p = c ? catalog.get(c.procedureId, c.procedureVersion) : undefined;
    const r = outcomeReceipt(p, m, outcome, clock.now().toISOString());
    if (r) await store.recordReceipt(r);
  };
}
