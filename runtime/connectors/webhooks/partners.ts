/**
 * How a partner (commissaire de justice, bank, hybrid-mail provider) posts
 * its answers to the platform: /api/webhooks/<partner>, signed with its keys,
 * over real HTTP. Its simulators (partner-connectors.ts, post/simulator.ts)
 * use it.
 */
import { signWebhook, type WebhookKey } from './signature.ts';

export class WebhookSender {
  constructor(
    private readonly url: string,
    private readonly keys: readonly WebhookKey[],
  ) {}
  /** Posts `payload` (plus the instant it is sent, so a retry is a new signature) and returns the HTTP status. */
  async post(payload: Readonly<Record<string, unknown>>): Promise<number> {
    const body = JSON.stringify({ ...payload, sentAt: new Date().toISOString() });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(body, this.keys) },
      body,
    });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`Webhook ${this.url} : HTTP ${res.status}.`);
    return res.status;
  }
}

export interface BankAccountSample {
  /** Balance of the debtor's accounts, in cents. */
  readonly balance: number;
  /** Protected balance left to the debtor (CPCE art. L162-2), in cents: a figure the simulator is given. */
  readonly protectedBalance: number;
}
