/**
 * The platform's requests to its outside partners (commissaire de justice,
 * bank, hybrid-mail provider) and a small HTTP server to simulate each one on
 * loopback. A request is JSON, signed like the webhooks (signature.ts) with
 * the platform's own key, and carries an `Idempotency-Key` header (the outbox
 * message's key): a partner that sees a key again answers its first answer and
 * does nothing more. Partners answer later, by signed webhook
 * (/api/webhooks/<partner>).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ReplayGuard,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
  type WebhookKey,
} from './signature.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export class PartnerClient {
  constructor(
    private readonly url: string,
    private readonly keys: readonly WebhookKey[],
  ) {}
  /** Posts `payload` under `idempotencyKey`; resolves with the partner's JSON answer. */
  async request(idempotencyKey: string, payload: unknown): Promise<Record<string, unknown>> {
    const body = JSON.stringify(payload);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDEMPOTENCY_HEADER]: idempotencyKey,
        ...signWebhook(body, this.keys),
      },
      body,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${this.url} : HTTP ${res.status} ${text.slice(0, 200)}`.trim());
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
}

export interface PartnerRequest {
  readonly key: string;
  readonly payload: Record<string, unknown>;
  readonly at: string;
}

export interface PartnerSimulator {
  readonly url: string;
  /** Requests accepted, one per idempotency key. */
  readonly received: readonly PartnerRequest[];
  /** HTTP requests, replays included. */
  readonly hits: () => number;
  close(): Promise<void>;
}

export interface PartnerSimulatorOptions {
  /** Keys the platform signs its requests with (the partner verifies them). */
  readonly keys: readonly WebhookKey[];
  /** Answer of a new request (its first answer is kept for replays); may post a webhook later. */
  readonly onRequest: (r: PartnerRequest) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Called on every HTTP request before it is handled (tests: kill the platform mid-flight). */
  readonly beforeAnswer?: (r: PartnerRequest, replay: boolean) => Promise<void> | void;
  readonly port?: number;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((ok, ko) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', ko);
  });

const reply = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startPartnerSimulator(o: PartnerSimulatorOptions): Promise<PartnerSimulator> {
  const received: PartnerRequest[] = [];
  const answers = new Map<string, Record<string, unknown>>();
  const seen = new ReplayGuard();
  let hits = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405, { message: 'POST attendu' });
    hits++;
    const body = await bodyOf(req);
    const h = (n: string) => (req.headers[n] as string | undefined) ?? undefined;
    const verdict = verifyWebhook(
      body,
      { timestamp: h(TIMESTAMP_HEADER), signature: h(SIGNATURE_HEADER) },
      o.keys,
      seen,
    );
    if (!verdict.ok) return reply(res, 401, { message: `signature refusée (${verdict.reason})` });
    const key = h(IDEMPOTENCY_HEADER);
    if (!key) return reply(res, 400, { message: 'Idempotency-Key manquant' });
    const r: PartnerRequest = {
      key,
      payload: JSON.parse(body) as Record<string, unknown>,
      at: new Date().toISOString(),
    };
    const first = answers.get(key);
    await o.beforeAnswer?.(r, first !== undefined);
    if (first) return reply(res, 200, first);
    received.push(r);
    const answer = await o.onRequest(r);
    answers.set(key, answer);
    reply(res, 201, answer);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('greffe simulateur partenaire :', err);
      reply(res, 500, { message: 'Erreur du simulateur' });
    });
  });
  await new Promise<void>((ok) => server.listen(o.port ?? 0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    hits: () => hits,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
