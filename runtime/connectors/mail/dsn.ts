/**
 * Reads a bounce: a delivery status notification (RFC 3464), the
 * `multipart/report; report-type=delivery-status` message a mail server
 * sends back to the envelope sender of a message it could not deliver. Its
 * `message/delivery-status` part holds one block of per-message fields
 * (`Reporting-MTA`, `Original-Envelope-Id`…) and one block per recipient
 * (`Final-Recipient`, `Action`: failed, delayed, delivered, relayed or
 * expanded, `Status`: the RFC 3463 code, `Diagnostic-Code`). The message it
 * is about is found by the VERP token of the address the bounce came to, or
 * by its envelope id (verp.ts): never by its headers alone, which anybody
 * can copy.
 */
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { type BounceConfig, keyOfToken, tokenOfAddress } from './verp.ts';

export interface Bounce {
  /** The idempotency key of the message it is about (`outbox-12`), when its token verified. */
  readonly key: string | undefined;
  /** The first failed recipient's action, else the first recipient's. */
  readonly action: string;
  /** RFC 3463 status, e.g. 5.1.1. */
  readonly status?: string;
  /** The remote server's words, as it gave them (shortened). */
  readonly diagnostic?: string;
  readonly reportingMta?: string;
  /** The bounce's Message-ID, else a hash of its bytes. */
  readonly id: string;
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/** The fields of a delivery-status body, one record per block (folded lines joined, names in lower case). */
export function deliveryStatusFields(body: string): Record<string, string>[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      let last = '';
      for (const line of block.split('\n')) {
        if (/^[ \t]/.test(line) && last) fields[last] = `${fields[last]} ${line.trim()}`;
        else {
          const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
          if (!m) continue;
          last = (m[1] as string).toLowerCase();
          fields[last] = (m[2] as string).trim();
        }
      }
      return fields;
    })
    .filter((f) => Object.keys(f).length > 0);
}

/**
 * Parses `raw`; undefined when it is no DSN (an auto-reply, spam sent to the bounce address).
 * `envelopeTo`: the address the mail server received it for, when the pipe says it.
 */
export async function parseBounce(
  raw: Buffer | string,
  bounce: BounceConfig,
  envelopeTo?: string,
): Promise<Bounce | undefined> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true });
  const part = mail.attachments.find((a) => DSN_TYPES.has(a.contentType.toLowerCase()));
  if (!part) return undefined;
  const [perMessage = {}, ...recipients] = deliveryStatusFields(part.content.toString('utf8'));
  const recipient = recipients.find((r) => r.action?.toLowerCase() === 'failed') ?? recipients[0] ?? {};
  const addresses = [
    envelopeTo,
    ...['delivered-to', 'x-original-to'].map((h) => {
      const v = mail.headers.get(h);
      return typeof v === 'string' ? v : undefined;
    }),
    ...(mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : []).flatMap((a) =>
      a.value.map((x) => x.address),
    ),
  ];
  const tokens = [
    ...addresses.flatMap((a) => (a ? [tokenOfAddress(bounce, a)] : [])),
    perMessage['original-envelope-id'],
  ];
  const key = tokens.map((t) => (t ? keyOfToken(t, bounce.secret) : undefined)).find(Boolean);
  const diagnostic = recipient['diagnostic-code']?.replace(/^[\w-]+\s*;\s*/, '').slice(0, 300);
  const status = /\d\.\d{1,3}\.\d{1,3}/.exec(recipient.status ?? '')?.[0];
  return {
    key,
    action: recipient.action?.toLowerCase() ?? '',
    ...(status && { status }),
    ...(diagnostic && { diagnostic }),
    ...(perMessage['reporting-mta'] && { reportingMta: perMessage['reporting-mta'] }),
    id: mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
  };
}

/** The French reason a failed bounce gives (history, dead letter). */
export const bounceReason = (b: Bounce): string =>
  `refusé par le serveur de messagerie du destinataire${b.status ? ` (${b.status})` : ''}${
    b.diagnostic ? ` : ${b.diagnostic}` : ''
  }`;
