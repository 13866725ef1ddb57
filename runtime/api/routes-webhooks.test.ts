/**
 * Signed webhooks over real HTTP: the commissaire and bank simulators post
 * their answers; a bad signature, an old timestamp or a replayed body → 401
 * and nothing recorded; key rotation; a partner's retry is recorded once.
 */
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../connectors/connector.ts';
import { MemoryWebhookInbox } from '../connectors/webhooks/inbox.ts';
import {
  partnerConnector,
  startBankSimulator,
  startCommissaireSimulator,
} from '../connectors/webhooks/partner-connectors.ts';
import { PartnerClient } from '../connectors/webhooks/partner-http.ts';
import { WebhookSender } from '../connectors/webhooks/partners.ts';
import { signWebhook, type WebhookKey } from '../connectors/webhooks/signature.ts';
import { onError } from './errors.ts';
import { webhookRoutes } from './routes-webhooks.ts';

const OLD: WebhookKey = { id: 'cj-2026', secret: 'ancien-secret-partage' };
const NEW: WebhookKey = { id: 'cj-2027', secret: 'nouveau-secret-partage' };
const BANK: WebhookKey = { id: 'bq-1', secret: 'secret-banque' };
const inbox = new MemoryWebhookInbox();
let server: ServerType;
let base = '';

const message = (outboxId: number): OutboundMessage => ({
  outboxId,
  kind: 'call',
  connector: 'signification_papier',
  caseId: 'case-1',
  reference: '27/00042',
  recipient: { role: 'defendeur', userId: null, name: 'SARL Élan Rénovation' },
  subject: 'Signification',
  body: '',
});

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/webhooks/commissaire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as { error?: { details?: { reason?: string } } } };
}

beforeAll(async () => {
  const app = new Hono();
  app.onError(onError);
  // The commissaire's old key is still accepted until the end of its rotation.
  const partners = {
    commissaire: [{ ...OLD, notAfter: new Date(Date.now() + 60_000) }, NEW],
    banque: [BANK],
  };
  app.route('/api/webhooks', webhookRoutes({ partners, inbox }));
  await new Promise<void>((ok) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      ok();
    });
  });
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('signed webhooks', () => {
  it('records the commissaire’s and the bank’s answers, a retried delivery once', async () => {
    const PLATFORM: WebhookKey = { id: 'plateforme', secret: 'secret-des-demandes-de-la-plateforme' };
    const cj = await startCommissaireSimulator({
      keys: [PLATFORM],
      webhook: () => new WebhookSender(`${base}/api/webhooks/commissaire`, [NEW]),
    });
    const bank = await startBankSimulator({
      keys: [PLATFORM],
      webhook: () => new WebhookSender(`${base}/api/webhooks/banque`, [BANK]),
      account: () => ({ balance: 250_000, protectedBalance: 64_000 }),
    });
    try {
      const data = { modalite: 'a_domicile', date_signification: '2027-03-20' };
      await cj.act('case-1', 'signifier_identifiants', data);
      const saisie = partnerConnector(
        'saisie_attribution',
        'banque',
        new PartnerClient(bank.url, [PLATFORM]),
      );
      const m = { ...message(42), connector: 'saisie_attribution' };
      await saisie.deliver(m);
      await saisie.deliver(m); // redelivered by the outbox after a crash: same key, the bank answers once
      await expect.poll(() => inbox.deliveries.length).toBe(2);
      expect(bank.hits()).toBe(2);
      expect(bank.received).toHaveLength(1);
      expect(inbox.deliveries.map((d) => [d.partner, d.type, d.keyId])).toEqual([
        ['commissaire', 'signification.retour', 'cj-2027'],
        ['banque', 'saisie.reponse', 'bq-1'],
      ]);
      expect(inbox.deliveries[0]?.data).toMatchObject({ event: 'signifier_identifiants', data });
      expect(inbox.deliveries[1]?.data).toMatchObject({
        solde: 250_000,
        soldeInsaisissable: 64_000,
        disponible: 186_000,
      });
      // A request not signed with the platform's key is refused by the partner.
      await expect(new PartnerClient(bank.url, [NEW]).request('k', {})).rejects.toThrow(/401/);
    } finally {
      await cj.close();
      await bank.close();
    }
  });

  it('bad signature, old timestamp, replayed body, unknown key → 401 and nothing recorded', async () => {
    const before = inbox.deliveries.length;
    const body = JSON.stringify({
      id: 'x-1',
      type: 'signification.retour',
      caseId: 'case-1',
      data: { mode: 'a_personne' },
    });
    const good = signWebhook(body, [NEW]);
    const forged = { ...good, 'x-greffe-signature': `cj-2027=${'0'.repeat(64)}` };
    expect((await post(body, forged)).json.error?.details?.reason).toBe('signature');
    expect((await post(`${body} `, good)).status).toBe(401); // body changed after signing
    const old = signWebhook(body, [NEW], new Date(Date.now() - 10 * 60_000));
    expect((await post(body, old)).json.error?.details?.reason).toBe('timestamp');
    expect((await post(body, signWebhook(body, [BANK]))).status).toBe(401); // the bank's key is not the commissaire's
    expect((await post(body, {})).json.error?.details?.reason).toBe('missing');
    expect(inbox.deliveries.length).toBe(before);

    expect((await post(body, good)).status).toBe(202);
    const replay = await post(body, good);
    expect(replay.status).toBe(401);
    expect(replay.json.error?.details?.reason).toBe('replay');
    expect(inbox.deliveries.length).toBe(before + 1);
  });

  it('key rotation: old and new keys both verify during the overlap; an expired key does not', async () => {
    const body = (id: string) =>
      JSON.stringify({ id, type: 'signification.retour', caseId: 'case-1', data: {} });
    expect((await post(body('r-1'), signWebhook(body('r-1'), [OLD]))).status).toBe(202);
    expect((await post(body('r-2'), signWebhook(body('r-2'), [OLD, NEW]))).status).toBe(202);
    const app = new Hono();
    app.onError(onError);
    const expired = { commissaire: [{ ...OLD, notAfter: new Date(Date.now() - 1000) }, NEW] };
    app.route('/api/webhooks', webhookRoutes({ partners: expired, inbox: new MemoryWebhookInbox() }));
    const res = await app.request('/api/webhooks/commissaire', {
      method: 'POST',
      body: body('r-3'),
      headers: signWebhook(body('r-3'), [OLD]),
    });
    expect(res.status).toBe(401);
  });

  it('refuses an unknown partner and an unknown type', async () => {
    const res = await fetch(`${base}/api/webhooks/inconnu`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    const body = JSON.stringify({ id: 't-1', type: 'saisie.reponse', caseId: 'c', data: {} });
    expect((await post(body, signWebhook(body, [NEW]))).status).toBe(400);
  });
});
