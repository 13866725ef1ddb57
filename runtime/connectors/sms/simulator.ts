/**
 * A local SMS provider with OVH's API shape, on loopback: GET /1.0/auth/time,
 * POST /1.0/sms/{serviceName}/jobs with the same headers, signature check and
 * answer. It "delivers" by keeping each message (and, given a file, one JSON
 * line per message) and honours the `Idempotency-Key` header: the same key
 * returns the first answer and sends nothing more. Given a callback URL, it
 * then reports each message's fate as OVH does (ovh-dlr.ts: a GET with `id`,
 * `ptt`, `date`, `description`, `descriptionDlr`): delivered, or failed for
 * a number whose last four digits are 0000 (an invalid number, `ptt` 23).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { E164, smsLength } from './gsm7.ts';
import { ovhSignature } from './ovh-client.ts';

export interface SimulatedSms {
  readonly id: number;
  readonly serviceName: string;
  readonly sender: string;
  readonly to: string;
  readonly text: string;
  readonly segments: number;
  readonly idempotencyKey: string | null;
  readonly at: string;
}

export interface SmsSimulatorOptions {
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly serviceName: string;
  /** One JSON line per message sent. */
  readonly logFile?: string;
  readonly port?: number;
  /** Called once a new job is accepted, before the answer leaves (tests: the client dies meanwhile). */
  readonly onAccepted?: (sent: readonly SimulatedSms[]) => Promise<void> | void;
  /** OVH's « URL de callback »: each message accepted is reported there, `delayMs` after the answer (default 300). */
  readonly callback?: {
    readonly url: () => string;
    readonly delayMs?: number;
    readonly outcome?: (sms: SimulatedSms) => SimulatedOutcome;
  };
}

export type SimulatedOutcome = 'delivered' | 'failed';

/** The simulator's rule: a number ending in 0000 does not exist. */
export const simulatedOutcome = (sms: SimulatedSms): SimulatedOutcome =>
  sms.to.endsWith('0000') ? 'failed' : 'delivered';

export interface SmsSimulator {
  /** e.g. http://127.0.0.1:PORT/1.0 — the client's `endpoint`. */
  readonly endpoint: string;
  readonly sent: readonly SimulatedSms[];
  /** Requests to the jobs route, replays included. */
  readonly requests: () => number;
  /** Calls the callback URL for message `id` as OVH would; resolves with the HTTP status. */
  report(id: number, outcome: SimulatedOutcome): Promise<number>;
  close(): Promise<void>;
}

const reply = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((ok, ko) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', ko);
  });

export async function startSmsSimulator(o: SmsSimulatorOptions): Promise<SmsSimulator> {
  const sent: SimulatedSms[] = [];
  const answers = new Map<string, unknown>();
  let requests = 0;
  let endpoint = '';
  const jobs = `/1.0/sms/${encodeURIComponent(o.serviceName)}/jobs`;
  if (o.logFile) mkdirSync(dirname(o.logFile), { recursive: true });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/1.0/auth/time') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(String(Math.floor(Date.now() / 1000)));
      return;
    }
    if (req.method !== 'POST' || req.url !== jobs) return reply(res, 404, { message: 'Route inconnue' });
    requests++;
    const body = await bodyOf(req);
    const h = (n: string) => String(req.headers[n] ?? '');
    const ts = Number(h('x-ovh-timestamp'));
    const expected = ovhSignature(
      o.applicationSecret,
      o.consumerKey,
      'POST',
      `${endpoint}${jobs.slice(4)}`,
      body,
      ts,
    );
    if (h('x-ovh-application') !== o.applicationKey || h('x-ovh-consumer') !== o.consumerKey)
      return reply(res, 403, { message: 'Invalid application key' });
    if (h('x-ovh-signature') !== expected) return reply(res, 400, { message: 'Invalid signature' });
    if (Math.abs(ts - Date.now() / 1000) > 180) return reply(res, 400, { message: 'Query out of time' });
    const key = h('idempotency-key') || null;
    if (key && answers.has(key)) return reply(res, 200, answers.get(key));
    const job = JSON.parse(body) as { message?: string; receivers?: string[]; sender?: string };
    const receivers = job.receivers ?? [];
    const valid = receivers.filter((r) => E164.test(r));
    const text = String(job.message ?? '');
    const segments = smsLength(text).segments;
    const ids = valid.map((to) => {
      const sms: SimulatedSms = {
        id: 1000 + sent.length + 1,
        serviceName: o.serviceName,
        sender: String(job.sender ?? ''),
        to,
        text,
        segments,
        idempotencyKey: key,
        at: new Date().toISOString(),
      };
      sent.push(sms);
      if (o.logFile) appendFileSync(o.logFile, `${JSON.stringify(sms)}\n`);
      return sms.id;
    });
    const answer = {
      ids,
      invalidReceivers: receivers.filter((r) => !E164.test(r)),
      validReceivers: valid,
      totalCreditsRemoved: valid.length * segments,
      tag: '',
    };
    if (key) answers.set(key, answer);
    await o.onAccepted?.(sent);
    reply(res, 200, answer);
    const cb = o.callback;
    if (cb)
      for (const id of ids) {
        const sms = sent.find((x) => x.id === id) as SimulatedSms;
        setTimeout(() => {
          report(id, (cb.outcome ?? simulatedOutcome)(sms)).catch((err: unknown) =>
            console.error('greffe simulateur SMS : avis de distribution non remis :', err),
          );
        }, cb.delayMs ?? 300).unref();
      }
  };
  /** OVH's callback: ptt 4 (delivered) or 23 (invalid number), with the DLR id 1 or 2 and its words. */
  const report = async (id: number, outcome: SimulatedOutcome): Promise<number> => {
    if (!o.callback) throw new Error('Simulateur SMS sans URL de callback.');
    const url = new URL(o.callback.url());
    const ok = outcome === 'delivered';
    const values = {
      id: String(id),
      ptt: ok ? '4' : '23',
      date: new Date().toISOString().slice(0, 19).replace('T', ' '),
      description: ok ? '1' : '2',
      descriptionDlr: ok ? 'Success' : 'Failed',
    };
    for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
    const res = await fetch(url);
    await res.arrayBuffer();
    // The path holds the secret token: only the origin is said.
    if (res.status >= 300) throw new Error(`Callback SMS ${url.origin} : HTTP ${res.status}.`);
    return res.status;
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('greffe simulateur SMS :', err);
      reply(res, 500, { message: 'Erreur du simulateur' });
    });
  });
  await new Promise<void>((ok) => server.listen(o.port ?? 0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1.0`;
  return {
    endpoint,
    sent,
    requests: () => requests,
    report,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
