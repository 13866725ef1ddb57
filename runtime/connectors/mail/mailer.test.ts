/** Mail: SMTP to a real server on loopback, and .eml files when no SMTP is configured; once per key. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { mailConnector } from './mail-connector.ts';
import { EmlMailer, mailerFromConfig, SmtpMailer } from './mailer.ts';

const FROM = 'Greffe du tribunal <greffe@tj-lyon.example>';
const pdf = Buffer.from('%PDF-1.7\n% acte\n');
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink({ user: 'greffe', pass: 's3cret' });
});
afterAll(() => sink.close());

describe('SMTP mailer', () => {
  it('delivers over SMTP with authentication, UTF-8 subject and a PDF attachment, once per key', async () => {
    const mailer = mailerFromConfig({
      smtpUrl: `smtp://greffe:s3cret@127.0.0.1:${sink.port}?ignoreTLS=true`,
      from: FROM,
    });
    expect(mailer).toBeInstanceOf(SmtpMailer);
    const mail = {
      idempotencyKey: 'outbox-7',
      to: 'jeanne.martin@example.test',
      subject: 'Convocation – affaire 27/00042 « petits litiges »',
      text: 'Vous êtes convoqué.',
      attachments: [{ filename: 'convocation.pdf', content: pdf, contentType: 'application/pdf' }],
    };
    const a = await mailer.send(mail);
    const b = await mailer.send(mail);
    (mailer as SmtpMailer).close();
    expect(b.messageId).toBe(a.messageId);
    expect(sink.received()).toBe(2);
    expect(sink.inbox).toHaveLength(1);
    const got = sink.inbox[0];
    expect(got?.rcptTo).toEqual(['jeanne.martin@example.test']);
    expect(got?.mail.subject).toBe(mail.subject);
    expect(got?.mail.messageId).toBe(a.messageId);
    expect(got?.mail.headers.get('x-greffe-idempotency-key')).toBe('outbox-7');
    expect(got?.mail.attachments.map((x) => [x.filename, x.contentType, x.content.equals(pdf)])).toEqual([
      ['convocation.pdf', 'application/pdf', true],
    ]);
  });

  it('fails loudly on refused credentials', async () => {
    const mailer = new SmtpMailer(`smtp://greffe:faux@127.0.0.1:${sink.port}?ignoreTLS=true`, FROM);
    await expect(
      mailer.send({ idempotencyKey: 'k', to: 'a@example.test', subject: 's', text: 't' }),
    ).rejects.toThrow();
    mailer.close();
  });
});

describe('.eml mailer (no SMTP configured)', () => {
  it('writes one parseable .eml file per key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greffe-eml-'));
    const mailer = mailerFromConfig({ from: FROM, emlDir: dir });
    expect(mailer).toBeInstanceOf(EmlMailer);
    const mail = {
      idempotencyKey: 'outbox-8',
      to: 'sarl@example.test',
      subject: 'Code de connexion',
      text: 'Code : 123456',
    };
    await mailer.send(mail);
    await mailer.send(mail);
    await mailer.send({ ...mail, idempotencyKey: 'outbox-9' });
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const parsed = await simpleParser(readFileSync((mailer as EmlMailer).fileOf('outbox-8')));
    expect(parsed.subject).toBe('Code de connexion');
    expect(parsed.text?.trim()).toBe('Code : 123456');
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('sarl@example.test');
  });
});

describe('courriel connector', () => {
  it('sends the outbox message with the case link, keyed by the outbox id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greffe-eml-'));
    const mailer = new EmlMailer(dir, FROM);
    const c = mailConnector(mailer, {
      addressOf: (m) => (m.recipient.userId === 'u1' ? 'jeanne@example.test' : undefined),
      caseUrl: (id) => `https://greffe.example/affaires/${id}`,
    });
    const message = {
      outboxId: 12,
      kind: 'notify',
      connector: 'courriel',
      caseId: 'c-1',
      reference: '27/00042',
      recipient: { role: 'demandeur', userId: 'u1', name: 'Jeanne Martin' },
      subject: 'Votre demande est enregistrée',
      body: 'Bonjour.',
    };
    await c.deliver(message);
    const parsed = await simpleParser(readFileSync(mailer.fileOf('outbox-12')));
    expect(parsed.text).toContain('https://greffe.example/affaires/c-1');
    await expect(
      c.deliver({ ...message, recipient: { role: 'defendeur', userId: null, name: 'X' } }),
    ).rejects.toThrow(/Aucune adresse/);
  });
});
