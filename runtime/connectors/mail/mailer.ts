/**
 * E-mail: one small interface, two implementations chosen by configuration.
 * `SmtpMailer` speaks SMTP to a relay (nodemailer); `EmlMailer`, the default
 * when no SMTP is configured, writes each message as an RFC 5322 `.eml` file
 * that any mail client opens. Both are idempotent on `Mail.idempotencyKey`:
 * it fixes the Message-ID (a receiving system can drop a resent copy) and
 * the file name (a second write of the same key changes nothing). With a
 * bounce address configured, each message also goes out with an envelope
 * sender and a DSN envelope id of its own (verp.ts), so that its bounce
 * names it (mail/dsn.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { type BounceConfig, bounceToken, verpAddress } from './verp.ts';

export interface MailAttachment {
  readonly filename: string;
  readonly content: Uint8Array | string;
  readonly contentType: string;
}

export interface Mail {
  /** Same key → same message: the outbox's id, or the login code's id. */
  readonly idempotencyKey: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly MailAttachment[];
}

export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string }>;
}

export interface MailerConfig {
  /** smtp://user:pass@host:port or smtps://… ; absent → .eml files. */
  readonly smtpUrl?: string;
  /** "Greffe du tribunal <greffe@exemple.fr>" */
  readonly from: string;
  /** Folder of the .eml files (default data/mail). */
  readonly emlDir?: string;
  /** Where bounces come back (VERP), absent → the From address, bounces unmatched. */
  readonly bounce?: BounceConfig;
}

/** The Message-ID a key always gives, in the sender's domain. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'greffe.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** The envelope of `mail`: its own sender (VERP) and DSN envelope id, asking for a DSN on failure only. */
function envelope(mail: Mail, bounce: BounceConfig | undefined): SendMailOptions {
  if (!bounce) return {};
  const token = bounceToken(mail.idempotencyKey, bounce.secret);
  return {
    envelope: { from: verpAddress(bounce, mail.idempotencyKey), to: mail.to },
    // RFC 3461, when the relay offers DSN: the headers only come back, with our token as ENVID.
    ...(token && { dsn: { id: token, return: 'headers', notify: ['failure'], recipient: mail.to } }),
  };
}

function options(mail: Mail, from: string, bounce?: BounceConfig): SendMailOptions {
  return {
    ...envelope(mail, bounce),
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html && { html: mail.html }),
    messageId: messageIdFor(mail.idempotencyKey, from),
    headers: { 'X-Greffe-Idempotency-Key': mail.idempotencyKey },
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: typeof a.content === 'string' ? a.content : Buffer.from(a.content),
    })),
  };
}

export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly bounce?: BounceConfig,
  ) {
    this.#transport = nodemailer.createTransport(smtpUrl);
  }
  async send(mail: Mail): Promise<{ messageId: string }> {
    await this.#transport.sendMail(options(mail, this.from, this.bounce));
    return { messageId: messageIdFor(mail.idempotencyKey, this.from) };
  }
  close(): void {
    this.#transport.close();
  }
}

export class EmlMailer implements Mailer {
  readonly #transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {}
  /** The file of a key: its hash, so any key is a safe file name. */
  fileOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.eml`);
  }
  async send(mail: Mail): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.idempotencyKey, this.from);
    const file = this.fileOf(mail.idempotencyKey);
    if (existsSync(file)) return { messageId };
    const info = await this.#transport.sendMail(options(mail, this.from));
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, info.message as Buffer);
    renameSync(tmp, file); // whole or absent, never half a message
    return { messageId };
  }
}

export function mailerFromConfig(c: MailerConfig): Mailer {
  return c.smtpUrl
    ? new SmtpMailer(c.smtpUrl, c.from, c.bounce)
    : new EmlMailer(c.emlDir ?? 'data/mail', c.from);
}

/** Folder of the .eml files of a server whose data folder is `dataDir` (CaseStore.dataDir), when no SMTP is configured. */
export const mailFolder = (dataDir: string): string => join(resolve(dataDir), 'courriels');
