/**
 * Outgoing e-mail for logins (nodemailer): over SMTP when GREFFE_SMTP_URL is
 * set (smtp://user:pass@host:587), otherwise written as .eml files under the
 * data folder (`<data>/courriels/`), so a fresh `npm start` has a working
 * login: the operator opens the file, or points a mail client at the folder.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** Where mail goes, for the start-up message. */
  readonly description: string;
  send(mail: Mail): Promise<void>;
}

export interface MailerOptions {
  readonly smtpUrl?: string;
  readonly from?: string;
  /** Folder of the .eml files when there is no SMTP server. */
  readonly dir: string;
}

export function createMailer(o: MailerOptions): Mailer {
  const from = o.from ?? 'Greffe en ligne <ne-pas-repondre@greffe.invalid>';
  if (o.smtpUrl) {
    const transport = nodemailer.createTransport(o.smtpUrl);
    const host = new URL(o.smtpUrl).host;
    return {
      description: `serveur SMTP ${host}`,
      async send(m) {
        await transport.sendMail({ from, ...m });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `fichiers .eml dans ${o.dir}`,
    async send(m) {
      const info = await transport.sendMail({ from, ...m });
      mkdirSync(o.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      writeFileSync(join(o.dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}

/** Folder of the .eml files of the server whose data folder is `dataDir` (CaseStore.dataDir). */
export const mailFolder = (dataDir: string): string => join(resolve(dataDir), 'courriels');

/** SMTP if GREFFE_SMTP_URL is set (sender: GREFFE_MAIL_FROM), else .eml files in mailFolder(dataDir). */
export function defaultMailer(dataDir: string): Mailer {
  return createMailer({
    dir: mailFolder(dataDir),
    ...(process.env.GREFFE_SMTP_URL && { smtpUrl: process.env.GREFFE_SMTP_URL }),
    ...(process.env.GREFFE_MAIL_FROM && { from: process.env.GREFFE_MAIL_FROM }),
  });
}
