/**
 * The Maileva-shaped post client against the loopback Maileva simulator:
 * token, sending, PDF document, recipient, submit — once per idempotency key
 * even when an answer is lost; notifications with Basic credentials at
 * /api/webhooks/maileva become the neutral `courrier.suivi`, and a returned
 * letter moves the case's cascade on a real server as the neutral provider's does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../../../test/helpers/api.ts';
import { CLAIM } from '../../../test/helpers/annex-1-1.ts';
import { ANNEX_ACTS_DIR, ANNEX_DIR } from '../../../test/helpers/spec-copy.ts';
import { loadProcedure } from '../../../spec/index.ts';
import { onError } from '../../api/errors.ts';
import { webhookRoutes } from '../../api/routes-webhooks.ts';
import { type RunningServer, startServer } from '../../index.ts';
import { connectorConfigFromEnv } from '../config.ts';
import type { OutboundMessage } from '../connector.ts';
import { MemoryWebhookInbox } from '../webhooks/inbox.ts';
import { postConnector } from './hybrid-mail.ts';
import { addressLines, MailevaClient } from './maileva.ts';
import { type MailevaSimulator, startMailevaSimulator } from './maileva-simulator.ts';

const ACCOUNT = {
  clientId: 'greffe-app',
  clientSecret: 'secret-app',
  username: 'tj-lyon',
  password: 'mot-de-passe',
};
const HOOK = { user: 'maileva', password: 'secret-du-webhook-maileva' };

const message = (outboxId: number, connector: string): OutboundMessage => ({
  outboxId,
  kind: 'call',
  connector,
  caseId: 'PL-2027-000001',
  reference: 'RG 27/00001',
  recipient: { role: 'defendeur', userId: null, name: 'Boutique Électro' },
  subject: '[RG 27/00001] Convocation',
  body: 'Vous êtes convoqué.',
});

describe('Maileva-shaped client and notifications on loopback', () => {
  const inbox = new MemoryWebhookInbox();
  let hook: ServerType;
  let hookUrl = '';
  let sim: MailevaSimulator;
  let client: MailevaClient;
  const options = {
    addressOf: () => ({ name: 'Boutique Électro', address: '5 avenue Jean Jaurès\n69007 Lyon' }),
    court: async () => 'Tribunal judiciaire de Lyon',
    today: () => '2027-07-05',
  };
  beforeAll(async () => {
    const app = new Hono();
    app.onError(onError);
    app.route('/api/webhooks', webhookRoutes({ partners: {}, inbox, maileva: HOOK }));
    hook = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ok) => hook.once('listening', () => ok()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/webhooks/maileva`;
    sim = await startMailevaSimulator({ ...ACCOUNT, callback: () => ({ url: hookUrl, ...HOOK }) });
    client = new MailevaClient({ ...ACCOUNT, apiUrl: sim.url, authUrl: sim.authUrl });
  });
  afterAll(async () => {
    await sim.close();
    await new Promise<void>((ok) => hook.close(() => ok()));
  });

  it('sends a simple and a registered letter once each, whatever the retries', async () => {
    const simple = postConnector('lettre_simple', client, options);
    const registered = postConnector('lettre_recommandee', client, options);
    const a = await simple.deliver(message(1, 'lettre_simple'));
    const again = await simple.deliver(message(1, 'lettre_simple')); // the outbox retries after a crash
    expect(again?.providerId).toBe(a?.providerId);
    const b = await registered.deliver(message(2, 'lettre_recommandee'));
    expect(sim.sendings.map((s) => [s.resource, s.body.custom_id, s.body.custom_data, s.submits])).toEqual([
      ['mail/v2', 'outbox-1', 'PL-2027-000001', 1],
      ['registered_mail/v4', 'outbox-2', 'PL-2027-000001', 1],
    ]);
    expect(sim.sendings[1]?.id).toBe(b?.providerId);
    expect(sim.sendings[1]?.body.acknowledgement_of_receipt).toBe(true);
    const doc = sim.sendings[0]?.documents;
    expect(doc).toHaveLength(1);
    expect(doc?.[0]?.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(doc?.[0]?.metadata).toEqual({ priority: 1, name: 'RG_27_00001.pdf' });
    expect(sim.sendings[0]?.recipients.map((r) => r.body)).toEqual([
      {
        address_line_1: 'Boutique Électro',
        address_line_2: '5 avenue Jean Jaurès',
        address_line_6: '69007 Lyon',
        country_code: 'FR',
        custom_id: 'outbox-1',
        custom_data: 'PL-2027-000001',
      },
    ]);
    expect(sim.tokens()).toBe(1); // the token is kept until it expires
  });

  it.each(['create', 'documents', 'recipients', 'submit'] as const)(
    'completes the draft a lost answer left at « %s », never a second sending',
    async (step) => {
      const n = { create: 11, documents: 12, recipients: 13, submit: 14 }[step];
      const letters = postConnector('lettre_simple', client, options);
      sim.failOnce(step);
      await expect(letters.deliver(message(n, 'lettre_simple'))).rejects.toThrow(/HTTP 500/);
      await letters.deliver(message(n, 'lettre_simple'));
      const mine = sim.sendings.filter((s) => s.body.custom_id === `outbox-${n}`);
      expect(mine.map((s) => [s.status, s.documents.length, s.recipients.length, s.submits])).toEqual([
        ['PENDING', 1, 1, 1],
      ]);
    },
  );

  it('turns delivery notifications into the neutral tracking, once, and ignores production events', async () => {
    const [simple, registered] = sim.sendings;
    if (!simple || !registered) throw new Error('envois attendus');
    expect(await sim.notify(simple.id, 'ON_STATUS_ACCEPTED')).toBe(201);
    expect(inbox.deliveries).toHaveLength(0);
    expect(await sim.notify(registered.id, 'ON_UNDELIVERED_MAIL_RECEIVED')).toBe(201);
    expect(await sim.notify(registered.id, 'ON_UNDELIVERED_MAIL_RECEIVED')).toBe(201); // Maileva retries
    expect(await sim.notify(simple.id, 'ON_MAIN_DELIVERY_STATUS_DELIVERED')).toBe(201);
    expect(
      inbox.deliveries.map((d) => [d.partner, d.type, d.caseId, d.data.outboxId, d.data.status]),
    ).toEqual([
      ['poste', 'courrier.suivi', 'PL-2027-000001', 2, 'retourne'],
      ['poste', 'courrier.suivi', 'PL-2027-000001', 1, 'distribue'],
    ]);
  });

  it('refuses a notification without the subscription’s credentials: 401, nothing recorded', async () => {
    const before = inbox.deliveries.length;
    const body = JSON.stringify({
      event_type: 'ON_UNDELIVERED_MAIL_RECEIVED',
      resource_id: 'x',
      resource_custom_id: 'outbox-9',
      resource_custom_data: 'PL-2027-000001',
    });
    for (const authorization of [
      undefined,
      `Basic ${Buffer.from(`${HOOK.user}:mauvais`).toString('base64')}`,
    ]) {
      const res = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body,
      });
      expect(res.status).toBe(401);
    }
    expect(inbox.deliveries).toHaveLength(before);
  });

  it('puts the name on line 1 and the town on line 6; more than six lines is undeliverable', () => {
    expect(addressLines('M. Dupont', '3 rue A, Bât. B, 69001 Lyon')).toEqual({
      country_code: 'FR',
      address_line_1: 'M. Dupont',
      address_line_2: '3 rue A',
      address_line_3: 'Bât. B',
      address_line_6: '69001 Lyon',
    });
    expect(() => addressLines('X', 'a\nb\nc\nd\ne\nf')).toThrow(/6 au plus/);
  });

  it('is chosen by configuration, every setting required', () => {
    expect(connectorConfigFromEnv({}).post).toEqual({ api: 'neutre' });
    expect(() => connectorConfigFromEnv({ GREFFE_POSTE_API: 'maileva' })).toThrow(
      /GREFFE_MAILEVA_API_URL, GREFFE_MAILEVA_AUTH_URL/,
    );
    expect(() => connectorConfigFromEnv({ GREFFE_POSTE_API: 'esker' })).toThrow(/« neutre » ou « maileva »/);
  });
});

describe('a returned Maileva letter moves the cascade on a real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greffe-maileva-'));
  let s: RunningServer;
  let sim: MailevaSimulator;
  beforeAll(async () => {
    sim = await startMailevaSimulator({
      ...ACCOUNT,
      callback: () => ({ url: `${s.url}/api/webhooks/maileva`, ...HOOK }),
    });
    const procedures = [ANNEX_DIR, 'spec/procedures/petits-litiges/1.1.0', ANNEX_ACTS_DIR].map((src) => {
      const { procedure } = loadProcedure(src);
      if (!procedure) throw new Error(`annexe illisible : ${src}`);
      return procedure;
    });
    s = await startServer({
      db: join(dir, 'greffe.sqlite'),
      spec: procedures,
      port: 0,
      dev: true,
      clockStart: new Date('2027-07-05T09:00:00Z'),
      connectors: connectorConfigFromEnv(
        {
          GREFFE_DEV_PKI_DIR: join(dir, 'pki'),
          GREFFE_POSTE_API: 'maileva',
          GREFFE_MAILEVA_API_URL: sim.url,
          GREFFE_MAILEVA_AUTH_URL: sim.authUrl,
          GREFFE_MAILEVA_CLIENT_ID: ACCOUNT.clientId,
          GREFFE_MAILEVA_CLIENT_SECRET: ACCOUNT.clientSecret,
          GREFFE_MAILEVA_USERNAME: ACCOUNT.username,
          GREFFE_MAILEVA_PASSWORD: ACCOUNT.password,
          GREFFE_MAILEVA_WEBHOOK_USER: HOOK.user,
          GREFFE_MAILEVA_WEBHOOK_PASSWORD: HOOK.password,
        },
        dir,
      ),
      log: () => undefined,
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('simple letter returned → registered letter at once → returned → next step', async () => {
    expect(s.connectors.simulators.post).toBeUndefined(); // no neutral simulator: Maileva is the provider
    const demandeur = new Api(s.url);
    await demandeur.login('demandeur');
    const greffe = new Api(s.url);
    await greffe.login('greffe');
    const state = async () => (await greffe.view(id)).body.state.id;
    const settle = async () => {
      await s.outbox.drain();
      await s.outbox.idle();
    };
    const { id } = await demandeur.open('petits-litiges', { version: '1.2.0' });
    await demandeur.ok(id, 'deposer_demande', CLAIM);
    await greffe.ok(id, 'convoquer_defendeur');
    await settle();
    const r = await greffe.post('/api/dev/clock', { advance: 'P12D' });
    expect(r.status).toBe(200);
    await settle();
    expect(await state()).toBe('identification_lettre_simple');
    expect(sim.sendings.map((x) => [x.resource, x.body.custom_data, x.submits])).toEqual([
      ['mail/v2', id, 1],
    ]);
    const simple = sim.sendings[0]?.id as string;

    expect(await sim.notify(simple, 'ON_UNDELIVERED_MAIL_RECEIVED')).toBe(201);
    expect(await state()).toBe('identification_lettre_recommandee');
    await settle();
    await expect.poll(() => sim.sendings.length, { timeout: 30_000 }).toBe(2);
    const registered = sim.sendings[1];
    expect([registered?.resource, registered?.submits]).toEqual(['registered_mail/v4', 1]);
    expect(await sim.notify(registered?.id as string, 'ON_MAIN_DELIVERY_STATUS_UNDELIVERED')).toBe(201);
    expect(await state()).toBe('signification_identifiants');
    const labels = (await greffe.view(id)).body.timeline
      .filter((t) => t.kind === 'connecteur')
      .map((t) => t.label);
    expect(labels.filter((l) => l.startsWith('Suivi postal : lettre retournée'))).toHaveLength(2);
    await settle();
    expect(sim.sendings.every((x) => x.submits === 1)).toBe(true);
  }, 120_000);
});
