/**
 * A Maileva-shaped hybrid-mail provider on loopback (maileva.ts's shape, its
 * verified parts and its assumptions alike): an OAuth2 password-grant token,
 * sendings created as drafts with a `custom_id`, one PDF document (multipart)
 * and one recipient (six address lines) each, submitted once; `GET
 * …/sendings?custom_id=` finds a sending again. `notify` posts a Maileva
 * notification to the platform's callback URL with HTTP Basic credentials
 * and expects 201, as Maileva does. `failOnce` answers one call 500 after
 * doing its work — a provider that acted but whose answer was lost.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MailevaSending {
  readonly id: string;
  readonly resource: string;
  readonly body: Record<string, unknown>;
  status: 'DRAFT' | 'PENDING';
  readonly documents: { name: string; metadata: unknown; pdf: Buffer }[];
  readonly recipients: { id: string; body: Record<string, unknown> }[];
  submits: number;
}

export interface MailevaSimulator {
  readonly url: string;
  readonly authUrl: string;
  readonly sendings: readonly MailevaSending[];
  /** Tokens issued (the client keeps its token until it expires). */
  readonly tokens: () => number;
  /** Answers the next call to this step 500, after doing it. */
  failOnce(step: 'create' | 'documents' | 'recipients' | 'submit'): void;
  /** Posts a notification of a sending (or of its recipient, for an acknowledgement of receipt); resolves with the HTTP status. */
  notify(sendingId: string, eventType: string): Promise<number>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<Buffer>((ok, ko) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', ko);
  });

const reply = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startMailevaSimulator(o: {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
  /** The platform's callback URL and the Basic credentials of the subscription. */
  readonly callback: () => { url: string; user: string; password: string };
}): Promise<MailevaSimulator> {
  const sendings: MailevaSending[] = [];
  const tokens = new Set<string>();
  const failing = new Set<string>();
  const fail = (step: string) => failing.delete(step);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await read(req);
    if (req.method === 'POST' && url.pathname === '/authentication/oauth2/token') {
      const f = new URLSearchParams(body.toString('utf8'));
      const ok =
        f.get('grant_type') === 'password' &&
        f.get('client_id') === o.clientId &&
        f.get('client_secret') === o.clientSecret &&
        f.get('username') === o.username &&
        f.get('password') === o.password;
      if (!ok) return reply(res, 401, { error: 'invalid_grant' });
      const token = randomUUID();
      tokens.add(token);
      return reply(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer))
      return reply(res, 401, { code: 'unauthorized', message: 'jeton invalide' });
    const m =
      /^\/(mail\/v2|registered_mail\/v4)\/sendings(?:\/([^/]+)(?:\/(documents|recipients|submit))?)?$/.exec(
        url.pathname,
      );
    if (!m) return reply(res, 404, { code: 'not_found' });
    const [, resource, id, sub] = m as unknown as [string, string, string | undefined, string | undefined];
    if (!id) {
      if (req.method === 'GET') {
        const customId = url.searchParams.get('custom_id');
        const list = sendings.filter(
          (s) => s.resource === resource && (!customId || s.body.custom_id === customId),
        );
        return reply(res, 200, {
          sendings: list.map((s) => ({ id: s.id, custom_id: s.body.custom_id, status: s.status })),
          paging: { total_results: list.length },
        });
      }
      const b = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (typeof b.name !== 'string' || (typeof b.custom_id === 'string' && b.custom_id.length > 38))
        return reply(res, 400, { code: 'invalid', message: 'name requis, custom_id ≤ 38' });
      const s: MailevaSending = {
        id: randomUUID(),
        resource,
        body: b,
        status: 'DRAFT',
        documents: [],
        recipients: [],
        submits: 0,
      };
      sendings.push(s);
      if (fail('create')) return reply(res, 500, { code: 'internal' });
      return reply(res, 201, { id: s.id, custom_id: b.custom_id, status: s.status });
    }
    const s = sendings.find((x) => x.id === id && x.resource === resource);
    if (!s) return reply(res, 404, { code: 'not_found' });
    if (!sub) return reply(res, 200, { id: s.id, custom_id: s.body.custom_id, status: s.status });
    if (req.method === 'GET')
      return reply(
        res,
        200,
        sub === 'documents'
          ? { documents: s.documents.map((d) => ({ name: d.name })) }
          : { recipients: s.recipients },
      );
    if (s.status !== 'DRAFT')
      return reply(res, 400, { code: 'invalid_status', message: 'envoi déjà soumis' });
    if (sub === 'documents') {
      const form = await new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(body),
      }).formData();
      const file = form.get('document');
      const metadata = form.get('metadata');
      if (!(file instanceof Blob) || typeof metadata !== 'string')
        return reply(res, 400, { code: 'invalid', message: 'document et metadata requis' });
      const pdf = Buffer.from(await file.arrayBuffer());
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        return reply(res, 400, { code: 'invalid', message: 'PDF attendu' });
      s.documents.push({ name: (file as File).name, metadata: JSON.parse(metadata), pdf });
      if (fail('documents')) return reply(res, 500, { code: 'internal' });
      return reply(res, 201, { id: randomUUID() });
    }
    if (sub === 'recipients') {
      const b = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (
        typeof b.address_line_1 !== 'string' ||
        typeof b.address_line_6 !== 'string' ||
        b.country_code !== 'FR'
      )
        return reply(res, 400, {
          code: 'invalid',
          message: 'address_line_1, address_line_6, country_code requis',
        });
      const r = { id: randomUUID(), body: b };
      s.recipients.push(r);
      if (fail('recipients')) return reply(res, 500, { code: 'internal' });
      return reply(res, 201, { id: r.id });
    }
    if (s.documents.length === 0 || s.recipients.length === 0)
      return reply(res, 400, { code: 'invalid', message: 'document et destinataire requis' });
    s.status = 'PENDING';
    s.submits++;
    if (fail('submit')) return reply(res, 500, { code: 'internal' });
    return res.writeHead(204).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('greffe simulateur Maileva :', err);
      reply(res, 500, { code: 'internal' });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    authUrl: `${base}/authentication/oauth2/token`,
    sendings,
    tokens: () => tokens.size,
    failOnce: (step) => void failing.add(step),
    async notify(sendingId, eventType) {
      const s = sendings.find((x) => x.id === sendingId);
      if (!s) throw new Error(`Envoi ${sendingId} inconnu.`);
      const onRecipient = eventType === 'ON_ACKNOWLEDGEMENT_OF_RECEIPT_RECEIVED';
      const r = s.recipients[0];
      const cb = o.callback();
      const res = await fetch(cb.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${cb.user}:${cb.password}`).toString('base64')}`,
        },
        body: JSON.stringify({
          source: 'api.maileva.com',
          event_type: eventType,
          resource_type: `${s.resource}/${onRecipient ? 'recipients' : 'sendings'}`,
          event_date: new Date().toISOString(),
          event_location: 'FR',
          resource_id: onRecipient && r ? r.id : s.id,
          resource_location: `${base}/${s.resource}/sendings/${s.id}`,
          resource_custom_id: onRecipient ? r?.body.custom_id : s.body.custom_id,
          resource_custom_data: onRecipient ? r?.body.custom_data : s.body.custom_data,
        }),
      });
      await res.text();
      return res.status;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
