/**
 * A real SMTP server on loopback (smtp-server) that parses each message
 * (mailparser) into an inbox, keeping one copy per Message-ID: the receiving
 * side of the mail connector's idempotency key.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  readonly port: number;
  readonly inbox: {
    readonly rcptTo: string[];
    /** The envelope sender (MAIL FROM): where a bounce would go. */
    readonly mailFrom: string;
    /** The DSN envelope id (RFC 3461 ENVID) the sender asked for, if any. */
    readonly envid: string | undefined;
    readonly mail: ParsedMail;
  }[];
  /** Every DATA received, duplicates included. */
  readonly received: () => number;
  close(): Promise<void>;
}

export async function startSmtpSink(auth?: { user: string; pass: string }): Promise<SmtpSink> {
  const inbox: SmtpSink['inbox'][number][] = [];
  const seen = new Set<string>();
  let received = 0;
  const server = new SMTPServer({
    authOptional: !auth,
    disabledCommands: ['STARTTLS'],
    // Offered like a real relay's (Postfix's): the sender's DSN envelope id (RFC 3461) is then received.
    hideDSN: false,
    allowInsecureAuth: true,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.pass) cb(null, { user: a.username });
      else cb(new Error('Identifiants refusés'));
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received++;
        const id = mail.messageId ?? `sans-id-${received}`;
        if (!seen.has(id)) {
          seen.add(id);
          const from = session.envelope.mailFrom;
          inbox.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            mailFrom: from ? from.address : '',
            envid: session.envelope.dsn?.envid ?? undefined,
            mail,
          });
        }
        cb();
      }, cb);
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    inbox,
    received: () => received,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
