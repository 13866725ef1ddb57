/**
 * What a verified webhook does to a case (routes-webhooks.ts verified it):
 * - `signification.retour` / `acte.accompli` (commissaire de justice): the act
 *   is performed on the case as an event of the partner's account, through the
 *   reducer like any user's (role, state, form data checked), idempotent on
 *   the delivery id; its return (à personne, à domicile, procès-verbal de
 *   recherches…) is the event's form data, journaled with it;
 * - `saisie.reponse` (bank): the balance and protected balance, journaled;
 * - `courrier.suivi` (hybrid-mail provider): the letter's tracking event,
 *   journaled; a letter **returned** means the step of the cascade it carried
 *   failed: the deadline its sending event started ends now, firing the event
 *   the spec gives its expiry (the next step), as its expiry would.
 * Each delivery is journaled once (receipt key `webhook:<partner>:<id>`).
 */
import type { Procedure } from '../../../spec/index.ts';
import { GreffeError } from '../../errors.ts';
import { fireEvent } from '../../service/fire-event.ts';
import type { Runtime } from '../../service/context.ts';
import { type CaseRow, type OutboxRow, SYSTEM_ACTOR, toCaller } from '../../store/case-store.ts';
import { TRACKING_STATUSES, type TrackingStatus } from '../post/hybrid-mail.ts';
import { courtRoles, receiptVisibility } from '../receipts.ts';
import { failStep, stepOf } from '../step-failure.ts';
import type { WebhookDelivery, WebhookInbox } from './inbox.ts';

const euros = (cents: unknown) =>
  typeof cents === 'number'
    ? `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`
    : '?';

/** The act's choices in words: each answer of its form given among listed values, with the value's title. */
function choices(p: Procedure, event: unknown, data: unknown): string {
  const t = p.transitions.find((x) => x.event === event && x.form);
  const props = (p.forms[t?.form ?? '']?.schema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  if (!props || typeof data !== 'object' || data === null) return '';
  const said = Object.entries(data).flatMap(([k, v]) => {
    const s = props[k] as { title?: string; oneOf?: { const?: unknown; title?: string }[] } | undefined;
    const title = s?.oneOf?.find((o) => o.const === v)?.title;
    return title ? [`${s?.title ?? k} : ${title.charAt(0).toLowerCase()}${title.slice(1)}`] : [];
  });
  return said.length > 0 ? ` — ${said.join(' ; ')}` : '';
}

export interface CaseInboxOptions {
  /** The platform account each partner acts as (its user id), for the acts it performs on cases. */
  readonly actors: Readonly<Record<string, string>>;
}

export class CaseWebhookInbox implements WebhookInbox {
  constructor(
    private readonly rt: Runtime,
    private readonly o: CaseInboxOptions,
  ) {}

  async record(d: WebhookDelivery): Promise<'recorded' | 'duplicate'> {
    const c = await this.rt.store.getCase(d.caseId);
    const p = c ? this.rt.catalog.get(c.procedureId, c.procedureVersion) : undefined;
    if (!c || !p) throw new GreffeError(404, 'NOT_FOUND', `Affaire « ${d.caseId} » inconnue.`);
    const key = `webhook:${d.partner}:${d.id}`;
    if (d.type === 'signification.retour' || d.type === 'acte.accompli') await this.#act(d, c);
    const step =
      d.type === 'courrier.suivi' && d.data.status === 'retourne'
        ? await stepOf(this.rt, c, p, await this.#letter(d))
        : undefined;
    const { recorded } = await this.rt.store.recordReceipt({
      key,
      caseId: c.id,
      event: d.type,
      label: this.#label(d, p),
      // `etapeClose`: the deadline this answer ends (the audit's replay reads it: runtime/audit/replay.ts).
      data: {
        partner: d.partner,
        delivery: d.id,
        keyId: d.keyId,
        ...d.data,
        ...(step && { etapeClose: step.deadline }),
      },
      actorId: SYSTEM_ACTOR,
      visibleTo: await this.#visibility(d, p),
      at: this.rt.clock.now().toISOString(), // procedural time, as the case's other items
    });
    if (recorded && step) await failStep(this.rt, step, c, p);
    return recorded ? 'recorded' : 'duplicate';
  }

  /** The outbox message of a letter's tracking event. */
  async #letter(d: WebhookDelivery): Promise<OutboxRow | undefined> {
    const outboxId = Number(d.data.outboxId);
    return Number.isInteger(outboxId) ? this.rt.store.outboxMessage(outboxId) : undefined;
  }

  /** A letter's tracking: the court and the letter's addressee; the other answers: every role of the case. */
  async #visibility(d: WebhookDelivery, p: Procedure): Promise<string[]> {
    if (d.type !== 'courrier.suivi') return [];
    const row = await this.rt.store.outboxMessage(Number(d.data.outboxId));
    return row?.caseId === d.caseId ? receiptVisibility(p, row.recipientRole) : courtRoles(p);
  }

  #label(d: WebhookDelivery, p: Procedure): string {
    const x = d.data;
    switch (d.type) {
      case 'courrier.suivi': {
        const s = TRACKING_STATUSES[x.status as TrackingStatus] ?? String(x.status);
        return `Suivi postal : lettre ${s}${x.trackingNumber ? ` (pli n° ${String(x.trackingNumber)})` : ''}`;
      }
      case 'saisie.reponse':
        return `Réponse de la banque à la saisie-attribution : solde ${euros(x.solde)}, solde bancaire insaisissable ${euros(x.soldeInsaisissable)}, somme disponible ${euros(x.disponible)}`;
      default:
        return `Retour du commissaire de justice reçu${choices(p, x.event, x.data)}`;
    }
  }

  /** The commissaire's act, fired as an event of its platform account (idempotent on the delivery id). */
  async #act(d: WebhookDelivery, c: CaseRow): Promise<void> {
    const userId = this.o.actors[d.partner];
    if (!userId)
      throw new GreffeError(
        403,
        'FORBIDDEN',
        `Aucun compte de la plateforme n’est associé au partenaire « ${d.partner} ».`,
      );
    const user = await this.rt.store.userById(userId);
    if (!user) throw new GreffeError(403, 'FORBIDDEN', `Compte « ${userId} » du partenaire introuvable.`);
    const event = typeof d.data.event === 'string' ? d.data.event : undefined;
    const data = d.data.data;
    if (!event || typeof data !== 'object' || data === null)
      throw new GreffeError(400, 'INVALID_REQUEST', 'Champs attendus pour un acte : event et data.');
    await fireEvent(
      this.rt,
      toCaller(user),
      c.id,
      { event, data: data as Record<string, unknown>, expectedVersion: c.version },
      `webhook:${d.partner}:${d.id}`,
    );
  }
}
