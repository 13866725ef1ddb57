/**
 * Post through La Poste's hybrid-mail provider Maileva (Docaposte), in the
 * shape of its REST API — behind the same `LetterClient` interface as the
 * platform's neutral shape (hybrid-mail.ts), chosen by configuration
 * (`GREFFE_POSTE_API=maileva`, config.ts).
 *
 * What is VERIFIED from public client code (generated OpenAPI SDKs and
 * integrations read on 2026-12-03, cited in docs/exploitation.md):
 * - token: OAuth2 « password » grant, form-encoded `grant_type=password`,
 *   `username`, `password`, `client_id`, `client_secret`, answer
 *   `access_token` (sandbox `https://api.sandbox.maileva.net/authentication/oauth2/token`);
 *   then `Authorization: Bearer …` on every call;
 * - simple letter: `POST /mail/v2/sendings` (JSON: `name`, `custom_id`,
 *   `custom_data`, `postage_type`, …; answer `id`), then
 *   `POST /mail/v2/sendings/{id}/documents` (multipart: `document` = the
 *   file, `metadata` = JSON `{priority, name}`),
 *   `POST /mail/v2/sendings/{id}/recipients` (JSON: `address_line_1`…
 *   `address_line_6`, `country_code`, `custom_id`),
 *   `POST /mail/v2/sendings/{id}/submit`; `GET /sendings` lists sendings
 *   (paginated `start_index`, `count`; « il est possible de rajouter un
 *   attribut dans les paramètres afin de filtrer la liste »);
 * - `custom_id` at most 38 characters (SDK's SendingCreation validation);
 * - notifications (notification_center): a POST of JSON `event_type`,
 *   `resource_type`, `resource_id`, `resource_custom_id`,
 *   `resource_custom_data`, `event_date`… to a subscribed callback URL that
 *   must answer 201, authenticated by `basic` or `oauth2` (subscription's
 *   `authentication`); event types include
 *   `ON_ACKNOWLEDGEMENT_OF_RECEIPT_RECEIVED`, `ON_UNDELIVERED_MAIL_RECEIVED`,
 *   `ON_MAIN_DELIVERY_STATUS_DELIVERED`, `ON_MAIN_DELIVERY_STATUS_UNDELIVERED`,
 *   `ON_MAIN_DELIVERY_STATUS_FIRST_PRESENTATION`.
 *
 * ASSUMPTIONS (not confirmed by what was found; to check against Maileva's
 * sandbox before going live):
 * - registered letters use the same four steps under
 *   `/registered_mail/v4/sendings` (path seen in an integration, not in an
 *   SDK), with `acknowledgement_of_receipt: true` for the « avis de
 *   réception »;
 * - `GET …/sendings?custom_id=<key>` filters on our key (the SDK's doc says
 *   a filter attribute may be added, without naming it), and a sending
 *   answers `status` (`DRAFT` until submitted);
 * - `GET …/sendings/{id}/documents` and `…/recipients` list what a draft
 *   holds (the SDK has their list models), so a draft left by a crash is
 *   completed, not duplicated;
 * - `postage_type: 'ECONOMIC'` for a simple letter (value seen in an integration).
 * Maileva documents no idempotency key: ours (`outbox-<id>`) travels as
 * `custom_id` and is looked up before anything is created.
 */
import { UndeliverableError } from '../connector.ts';
import type { TrackingStatus } from './hybrid-mail.ts';
import type { LetterRequest } from './hybrid-mail.ts';

export interface MailevaConfig {
  /** API base, e.g. https://api.sandbox.maileva.net (no trailing slash needed). */
  readonly apiUrl: string;
  /** OAuth2 token endpoint. */
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
}

type Json = Record<string, unknown>;

const RESOURCES = { simple: 'mail/v2', recommande_ar: 'registered_mail/v4' } as const;

/** The letter's recipient as Maileva's six address lines (name first; French address, line per line). */
export function addressLines(name: string, address: string): Json {
  const lines = [name, ...address.split(/\r?\n|,\s*/)].map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length > 6)
    throw new UndeliverableError(
      `Adresse de ${name} trop longue pour le prestataire : ${lines.length} lignes, 6 au plus.`,
    );
  const out: Json = { country_code: 'FR' };
  // Name on line 1, the town (last line) on line 6 — the French postal standard (NF Z10-011).
  lines.slice(0, -1).forEach((l, i) => {
    out[`address_line_${i + 1}`] = l;
  });
  out.address_line_6 = lines[lines.length - 1];
  return out;
}

export class MailevaClient {
  #token: { value: string; until: number } | undefined;
  constructor(private readonly c: MailevaConfig) {}

  async #accessToken(): Promise<string> {
    if (this.#token && this.#token.until > Date.now()) return this.#token.value;
    const res = await fetch(this.c.authUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: this.c.username,
        password: this.c.password,
        client_id: this.c.clientId,
        client_secret: this.c.clientSecret,
      }),
    });
    const text = await res.text();
    if (!res.ok)
      throw new Error(`Maileva : authentification refusée (HTTP ${res.status}) ${text.slice(0, 200)}`);
    const t = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof t.access_token !== 'string') throw new Error('Maileva : jeton absent de la réponse.');
    const ttl = typeof t.expires_in === 'number' ? t.expires_in : 300;
    this.#token = { value: t.access_token, until: Date.now() + Math.max(0, ttl - 30) * 1000 };
    return t.access_token;
  }

  async #call(method: string, path: string, body?: Json | FormData): Promise<Json> {
    const url = `${this.c.apiUrl.replace(/\/$/, '')}/${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.#accessToken()}`,
      accept: 'application/json',
    };
    if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      ...(body && { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status === 401) this.#token = undefined;
    // A refused recipient or document will be refused again: a dead letter at once, for the registry to fix.
    if (res.status === 400 && path.endsWith('/recipients'))
      throw new UndeliverableError(`Maileva refuse le destinataire : ${text.slice(0, 200)}`);
    if (!res.ok)
      throw new Error(`Maileva ${method} /${path} : HTTP ${res.status} ${text.slice(0, 200)}`.trim());
    return text ? (JSON.parse(text) as Json) : {};
  }

  /**
   * Sends one letter once per idempotency key (the `PartnerClient.request` contract): finds the sending
   * already made under that key (`custom_id`), completes a draft a crash left (document, recipient,
   * submit — each only if missing), or creates it. Answers `{ id }`, the Maileva sending id.
   */
  async request(idempotencyKey: string, payload: unknown): Promise<Json> {
    const letter = payload as LetterRequest;
    if (idempotencyKey.length > 38) throw new Error('Maileva : clé d’idempotence de plus de 38 caractères.');
    const base = `${RESOURCES[letter.service]}/sendings`;
    const found = await this.#call('GET', `${base}?custom_id=${encodeURIComponent(idempotencyKey)}`);
    const list = Array.isArray(found.sendings) ? (found.sendings as Json[]) : [];
    let sending = list.find((s) => s.custom_id === idempotencyKey);
    if (sending && sending.status !== 'DRAFT') return { id: sending.id, status: sending.status };
    if (!sending)
      sending = await this.#call('POST', base, {
        name: `${letter.reference} — ${letter.recipient.name}`.slice(0, 256),
        custom_id: idempotencyKey,
        custom_data: letter.caseId,
        ...(letter.service === 'simple'
          ? { postage_type: 'ECONOMIC' }
          : { acknowledgement_of_receipt: true }),
        color_printing: false,
        duplex_printing: false,
      });
    const id = typeof sending.id === 'string' ? sending.id : undefined;
    if (!id) throw new Error('Maileva : envoi sans identifiant.');
    const at = `${base}/${encodeURIComponent(id)}`;
    const docs = await this.#call('GET', `${at}/documents`);
    if (!(Array.isArray(docs.documents) && docs.documents.length > 0)) {
      const form = new FormData();
      const name = `${letter.reference.replace(/[^\w-]+/g, '_')}.pdf`;
      form.append(
        'document',
        new Blob([Buffer.from(letter.pdf, 'base64')], { type: 'application/pdf' }),
        name,
      );
      form.append('metadata', JSON.stringify({ priority: 1, name }));
      await this.#call('POST', `${at}/documents`, form);
    }
    const recipients = await this.#call('GET', `${at}/recipients`);
    if (!(Array.isArray(recipients.recipients) && recipients.recipients.length > 0))
      await this.#call('POST', `${at}/recipients`, {
        ...addressLines(letter.recipient.name, letter.recipient.address),
        custom_id: idempotencyKey,
        custom_data: letter.caseId,
      });
    await this.#call('POST', `${at}/submit`);
    return { id, status: 'PENDING' };
  }
}

/** A Maileva notification (notification_center), as posted to the platform's callback URL. */
export interface MailevaNotification {
  readonly event_type?: unknown;
  readonly resource_type?: unknown;
  readonly resource_id?: unknown;
  readonly resource_custom_id?: unknown;
  readonly resource_custom_data?: unknown;
  readonly event_date?: unknown;
}

/**
 * Maileva's delivery events in the post's words. Production events (accepted, processed, deposit proof…)
 * say nothing of the letter's fate and are acknowledged without being recorded. Maileva's event names do not
 * tell « avisé non réclamé » from another return (an assumption: the reason would be in the recipient's detail,
 * not read here): an undelivered letter is « retournée ».
 */
export const MAILEVA_EVENTS: Readonly<Record<string, TrackingStatus>> = {
  ON_MAIN_DELIVERY_STATUS_DELIVERED: 'distribue',
  ON_ACKNOWLEDGEMENT_OF_RECEIPT_RECEIVED: 'distribue',
  ON_MAIN_DELIVERY_STATUS_UNDELIVERED: 'retourne',
  ON_UNDELIVERED_MAIL_RECEIVED: 'retourne',
};

/**
 * The neutral tracking delivery (`courrier.suivi`, the same the neutral provider posts) a Maileva
 * notification amounts to, or undefined when it says nothing of the letter's fate. The case is the
 * sending's `custom_data`, the outbox message its `custom_id` (`outbox-<id>`), both set when it was created.
 */
export function trackingFromMaileva(
  n: MailevaNotification,
): { id: string; caseId: string; data: Record<string, unknown> } | undefined {
  const status = typeof n.event_type === 'string' ? MAILEVA_EVENTS[n.event_type] : undefined;
  if (!status) return undefined;
  const key = typeof n.resource_custom_id === 'string' ? /^outbox-(\d+)$/.exec(n.resource_custom_id) : null;
  if (typeof n.resource_id !== 'string' || typeof n.resource_custom_data !== 'string' || !key)
    throw new Error(
      'Notification Maileva incomplète : resource_id, resource_custom_id et resource_custom_data attendus.',
    );
  return {
    // Maileva's example payload carries no notification id: the sending and its event make one.
    id: `maileva-${n.resource_id}-${n.event_type as string}`,
    caseId: n.resource_custom_data,
    data: { letterId: n.resource_id, outboxId: Number(key[1]), status, trackingNumber: null },
  };
}
