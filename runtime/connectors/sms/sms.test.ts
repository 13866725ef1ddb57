/** SMS: GSM-7 lengths, and the OVH-shaped client against the simulator on loopback (signature, idempotency). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsLength } from './gsm7.ts';
import { OvhSmsClient } from './ovh-client.ts';
import { type SmsSimulator, startSmsSimulator } from './simulator.ts';
import { smsConnector, smsFromConfig } from './sms-connector.ts';

describe('GSM-7 length', () => {
  it('counts septets, extension characters twice, and parts of 153', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('Échéance : 15 €')).toEqual({ encoding: 'gsm7', units: 16, segments: 1 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    // An escape pair is never split: 152 + € does not fit in a first part of 153.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`).segments).toBe(2);
  });
  it('falls back to UCS-2 for any other character: 70, then parts of 67', () => {
    expect(smsLength('Délai « critique »')).toEqual({ encoding: 'ucs2', units: 18, segments: 1 });
    expect(smsLength('ê'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsLength('ê'.repeat(71))).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });
});

describe('OVH SMS client against the simulator', () => {
  const creds = {
    applicationKey: 'ak',
    applicationSecret: 'as',
    consumerKey: 'ck',
    serviceName: 'sms-ab12345-1',
  };
  const log = join(mkdtempSync(join(tmpdir(), 'greffe-sms-')), 'sms.jsonl');
  let sim: SmsSimulator;
  beforeAll(async () => {
    sim = await startSmsSimulator({ ...creds, logFile: log });
  });
  afterAll(() => sim.close());

  it('sends once per idempotency key, signed as OVH requires', async () => {
    const client = new OvhSmsClient({ ...creds, endpoint: sim.endpoint, sender: 'GREFFE' });
    const sms = { idempotencyKey: 'outbox-3', to: '+33612345678', text: 'Votre code : 481516' };
    const a = await client.send(sms);
    const b = await client.send(sms);
    expect(b).toEqual(a);
    expect(sim.requests()).toBe(2);
    expect(sim.sent).toHaveLength(1);
    expect(sim.sent[0]).toMatchObject({ to: '+33612345678', sender: 'GREFFE', text: sms.text, segments: 1 });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('is refused with a wrong secret, and refuses bad numbers and too long texts before sending', async () => {
    const bad = new OvhSmsClient({
      ...creds,
      applicationSecret: 'autre',
      endpoint: sim.endpoint,
      sender: 'GREFFE',
    });
    await expect(bad.send({ idempotencyKey: 'k1', to: '+33612345678', text: 'x' })).rejects.toThrow(
      /Invalid signature/,
    );
    const client = new OvhSmsClient({ ...creds, endpoint: sim.endpoint, sender: 'GREFFE', maxSegments: 2 });
    await expect(client.send({ idempotencyKey: 'k2', to: '0612345678', text: 'x' })).rejects.toThrow(
      /invalide/,
    );
    await expect(
      client.send({ idempotencyKey: 'k3', to: '+33612345678', text: 'ê'.repeat(140) }),
    ).rejects.toThrow(/3 parties/);
    expect(sim.sent).toHaveLength(1);
  });

  it('the sms connector sends the outbox message to the party’s number; default config is the simulator', async () => {
    const { sender, simulated, close } = await smsFromConfig({});
    expect(simulated).toBe(true);
    const c = smsConnector(sender, { phoneOf: (m) => (m.recipient.userId ? '+33700000001' : undefined) });
    const m = {
      outboxId: 5,
      kind: 'reminder',
      connector: 'sms',
      caseId: 'c',
      reference: '27/00042',
      recipient: { role: 'defendeur', userId: 'u2', name: 'SARL' },
      subject: 'Rappel',
      body: 'Le délai de réponse expire le 15 mars 2027.',
    };
    await c.deliver(m);
    await c.deliver(m);
    await expect(c.deliver({ ...m, recipient: { role: 'x', userId: null, name: 'X' } })).rejects.toThrow(
      /Aucun numéro/,
    );
    await close();
  });
});
