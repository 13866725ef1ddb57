/**
 * SMS through OVHcloud's API (POST /1.0/sms/{serviceName}/jobs), as its
 * public client ovh/node-ovh signs requests: X-Ovh-Application,
 * X-Ovh-Consumer, X-Ovh-Timestamp (server time, from GET /auth/time) and
 * X-Ovh-Signature = "$1$" + SHA-1 of secret+consumer+method+url+body+timestamp.
 * The endpoint is configuration: OVH in production, the local simulator
 * (simulator.ts) otherwise. Each call also carries an `Idempotency-Key`
 * header: the simulator honours it; OVH does not document one, so against
 * OVH the outbox's own record is what prevents a second send.
 */
import { createHash } from 'node:crypto';
import { UndeliverableError } from '../connector.ts';
import { E164, smsLength } from './gsm7.ts';

export interface Sms {
  readonly idempotencyKey: string;
  /** E.164, e.g. +33612345678. */
  readonly to: string;
  readonly text: string;
}

export interface SmsResult {
  readonly providerId: string;
  readonly segments: number;
}

export interface SmsSender {
  send(sms: Sms): Promise<SmsResult>;
}

export interface OvhConfig {
  /** e.g. https://eu.api.ovh.com/1.0 */
  readonly endpoint: string;
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly serviceName: string;
  /** Sender name validated on the OVH account (e.g. GREFFE). */
  readonly sender: string;
  /** Above this many parts a message is refused before it is sent (default 3). */
  readonly maxSegments?: number;
}

export const ovhSignature = (
  secret: string,
  consumer: string,
  method: string,
  url: string,
  body: string,
  ts: number,
) => `$1$${createHash('sha1').update(`${secret}+${consumer}+${method}+${url}+${body}+${ts}`).digest('hex')}`;

export class OvhSmsClient implements SmsSender {
  #delta: number | undefined;
  constructor(private readonly c: OvhConfig) {}

  /** Seconds to add to the local clock to get OVH's (the signature's timestamp must be the server's). */
  private async delta(): Promise<number> {
    if (this.#delta === undefined) {
      const res = await fetch(`${this.c.endpoint}/auth/time`);
      if (!res.ok) throw new Error(`OVH /auth/time : HTTP ${res.status}.`);
      this.#delta = Number(await res.text()) - Math.floor(Date.now() / 1000);
    }
    return this.#delta;
  }

  async send(sms: Sms): Promise<SmsResult> {
    if (!E164.test(sms.to))
      throw new UndeliverableError(`Numéro de téléphone invalide : « ${sms.to} » (format +33612345678).`);
    const length = smsLength(sms.text);
    const max = this.c.maxSegments ?? 3;
    if (length.segments > max)
      throw new UndeliverableError(
        `SMS trop long : ${length.segments} parties (${length.encoding}, ${length.units} unités), ${max} au plus.`,
      );
    const url = `${this.c.endpoint}/sms/${encodeURIComponent(this.c.serviceName)}/jobs`;
    const body = JSON.stringify({
      message: sms.text,
      receivers: [sms.to],
      sender: this.c.sender,
      senderForResponse: false,
      noStopClause: true,
      priority: 'high',
      coding: length.encoding === 'gsm7' ? '7bit' : '8bit',
      charset: 'UTF-8',
      class: 'phoneDisplay',
    });
    const ts = Math.floor(Date.now() / 1000) + (await this.delta());
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ovh-application': this.c.applicationKey,
        'x-ovh-consumer': this.c.consumerKey,
        'x-ovh-timestamp': String(ts),
        'x-ovh-signature': ovhSignature(this.c.applicationSecret, this.c.consumerKey, 'POST', url, body, ts),
        'idempotency-key': sms.idempotencyKey,
      },
      body,
    });
    const answer = (await res.json()) as { ids?: number[]; invalidReceivers?: string[]; message?: string };
    if (!res.ok) throw new Error(`OVH SMS : HTTP ${res.status} ${answer.message ?? ''}`.trim());
    if (answer.invalidReceivers?.length)
      throw new UndeliverableError(`OVH SMS : destinataire refusé ${answer.invalidReceivers.join(', ')}.`);
    const id = answer.ids?.[0];
    if (id === undefined) throw new Error('OVH SMS : réponse sans identifiant d’envoi.');
    return { providerId: String(id), segments: length.segments };
  }
}
