/**
 * Connector configuration from the environment, and the configured connectors
 * in the outbox: an e-mail goes out through the configured mailer once, and the
 * platform's own delivery row is written after it (a real SQLite file).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../store/case-store.ts';
import { enqueueForTest, sqlOf } from '../store/sqlite-inspect.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { ManualClock } from '../time/index.ts';
import { configuredConnectors, connectorConfigFromEnv } from './config.ts';
import { localConnectors } from './local.ts';
import { OutboxWorker } from './outbox-worker.ts';

describe('connectorConfigFromEnv', () => {
  it('defaults to the local implementations', () => {
    const c = connectorConfigFromEnv({});
    expect(c.mail).toEqual({ from: 'Greffe <greffe@greffe.invalid>', emlDir: 'data/mail' });
    expect(c.sms).toEqual({ logFile: 'data/sms.jsonl' });
    expect(c.seal).toEqual({ devDir: 'data/dev-pki' });
    expect(c.webhooks).toEqual({});
  });
  it('reads the providers, and webhook keys for a rotation', () => {
    const c = connectorConfigFromEnv({
      GREFFE_SMTP_URL: 'smtps://u:p@smtp.example:465',
      GREFFE_SMS_OVH_ENDPOINT: 'https://eu.api.ovh.com/1.0',
      GREFFE_SMS_MAX_SEGMENTS: '2',
      GREFFE_WEBHOOK_KEYS_COMMISSAIRE: 'cj-2026:0123456789abcdef0123, cj-2027:fedcba9876543210fedc',
    });
    expect(c.mail.smtpUrl).toBe('smtps://u:p@smtp.example:465');
    expect(c.sms).toMatchObject({ endpoint: 'https://eu.api.ovh.com/1.0', maxSegments: 2 });
    expect(c.webhooks.commissaire?.map((k) => k.id)).toEqual(['cj-2026', 'cj-2027']);
    expect(() => connectorConfigFromEnv({ GREFFE_WEBHOOK_KEYS_BANQUE: 'court' })).toThrow(/id:secret/);
    expect(() => connectorConfigFromEnv({ GREFFE_SMS_MAX_SEGMENTS: '0' })).toThrow(/entier/);
  });
});

describe('configured connectors in the outbox', () => {
  let dir: string;
  let store: CaseStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'greffe-conn-'));
    store = openSqliteStore(join(dir, 'g.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the e-mail once (.eml), then records the delivery; no address → a dead letter at once, nothing recorded', async () => {
    const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    sqlOf(store)
      .prepare(
        "INSERT INTO users (id, name, email, roles, source, created_at) VALUES ('u', 'U', 'u@example.test', '[]', 'test', 'x')",
      )
      .run();
    const c = await store.openCase({
      procedureId: 'p',
      procedureVersion: '1.0.0',
      initialState: 's',
      court: 'tj',
      creator: { id: 'u', name: 'U' },
      actorRole: 'r',
      at: clock.now(),
    });
    const queue = (userId: string | undefined, key: string) =>
      enqueueForTest(
        store,
        c,
        {
          kind: 'notify',
          connector: 'courriel',
          recipient: { role: 'r', ...(userId && { userId }), name: 'U' },
          subject: 'Votre demande',
          body: 'Enregistrée.',
          dedupeKey: key,
          availableAt: clock.now().toISOString(),
        },
        clock.now().toISOString(),
      );
    queue('u', 'a');
    queue(undefined, 'b');
    const cfg = connectorConfigFromEnv({
      GREFFE_MAIL_DIR: join(dir, 'mail'),
      GREFFE_SMS_LOG: join(dir, 'sms.jsonl'),
    });
    const emailOf = (id: string | null) =>
      (sqlOf(store).prepare('SELECT email FROM users WHERE id = ?').get(id) as { email?: string } | undefined)
        ?.email;
    const real = await configuredConnectors(cfg, {
      emailOf: (m) => emailOf(m.recipient.userId),
      phoneOf: () => undefined,
    });
    const connectors = localConnectors(store, undefined, real.connectors);
    const worker = new OutboxWorker(store, connectors, clock);
    await worker.drain();
    // Redelivered (a crash between sending and acknowledging): still one file, one row.
    const m = {
      outboxId: 1,
      kind: 'notify',
      connector: 'courriel',
      caseId: c.id,
      reference: c.reference ?? '',
      recipient: { role: 'r', userId: 'u', name: 'U' },
      subject: 'Votre demande',
      body: 'Enregistrée.',
    };
    await connectors.get('courriel')?.deliver(m);
    await real.close();
    expect(readdirSync(join(dir, 'mail'))).toHaveLength(1);
    expect(sqlOf(store).prepare('SELECT outbox_id AS id FROM deliveries').all()).toEqual([{ id: 1 }]);
    const rows = sqlOf(store).prepare('SELECT status, attempts FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { status: 'delivered', attempts: 1 },
      { status: 'failed', attempts: 1 },
    ]);
  });
});
