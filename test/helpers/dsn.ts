/**
 * A bounce as a mail server writes it (RFC 3464, the shape Postfix sends):
 * `multipart/report; report-type=delivery-status`, a human part, the
 * `message/delivery-status` part and the returned headers, mailed to the
 * envelope sender of the message that could not be delivered.
 */
import type { SmtpSink } from './smtp-sink.ts';

type Received = SmtpSink['inbox'][number];

export function dsnFor(
  m: Received,
  o: { readonly status?: string; readonly diagnostic?: string; readonly action?: string } = {},
): string {
  const to = m.rcptTo[0] ?? '';
  const status = o.status ?? '5.1.1';
  const b = 'B-rapport-0001';
  return [
    'Return-Path: <>',
    `Delivered-To: ${m.mailFrom}`,
    'From: MAILER-DAEMON@mx.destinataire.example (Mail Delivery System)',
    `To: ${m.mailFrom}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-Id: <dsn-${Math.random().toString(36).slice(2)}@mx.destinataire.example>`,
    'Date: Mon, 5 Jul 2027 11:00:00 +0200',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.destinataire.example.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.destinataire.example',
    ...(m.envid ? [`Original-Envelope-Id: ${m.envid}`] : []),
    'Arrival-Date: Mon, 5 Jul 2027 10:59:58 +0200',
    '',
    `Final-Recipient: rfc822; ${to}`,
    `Original-Recipient: rfc822;${to}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${to}>: Recipient address rejected:`,
    `    ${o.diagnostic ?? 'User unknown in virtual mailbox table'}`,
    '',
    `--${b}`,
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${m.mail.messageId ?? ''}`,
    `Subject: ${m.mail.subject ?? ''}`,
    '',
    `--${b}--`,
    '',
  ].join('\r\n');
}
