/** /api/cases…: list, open, view, draft, fire an event, join by invitation code, documents. */
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { GreffeError } from '../errors.ts';
import { readCaseView } from '../service/case-view.ts';
import { type CachedView, caseViewJson, freshView, ViewCache } from '../service/view-cache.ts';
import type { Runtime } from '../service/context.ts';
import { downloadDocument, uploadDocument } from '../service/documents.ts';
import { saveDraft } from '../service/drafts.ts';
import { filingReceipt, receiptFilename } from '../service/receipt.ts';
import { fireEvent, previewEvent } from '../service/fire-event.ts';
import {
  listCases,
  listIdlePage,
  listQueuePage,
  QUEUE_PAGE_MAX,
  QUEUE_PAGE_SIZE,
} from '../service/list-cases.ts';
import { openCaseKeyed } from '../service/open-case.ts';
import { checkFiling } from '../identity/filing-checks.ts';
import type { Context } from 'hono';
import type { Auth, Env } from './auth.ts';
import { acceptsGzip, answer, answerHeaders, JsonText, sendJson } from './json.ts';
import { jsonBody } from './errors.ts';

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length === 0) {
    throw new GreffeError(400, 'INVALID_REQUEST', `Le champ « ${key} » doit être un texte.`, { field: key });
  }
  return v;
};

/** Idempotency keys: any opaque string the client generates (a UUID is recommended). */
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function caseRoutes(rt: Runtime, auth: Auth): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/', async (c) => {
    const queue = c.req.query('queue');
    const limit = c.req.query('limit');
    const cursor = c.req.query('cursor');
    // deadline=none (issue 17): the paged queue of the cases without a running deadline.
    const deadline = c.req.query('deadline');
    if (deadline !== undefined && deadline !== 'none') {
      throw new GreffeError(400, 'INVALID_REQUEST', '« deadline » ne peut valoir que « none ».', {
        field: 'deadline',
      });
    }
    if (limit === undefined && cursor === undefined && deadline === undefined) {
      return sendJson(c, await listCases(rt, await auth.callerOf(c), queue));
    }
    // Paged queue (issue 17): `{ cases, next }`; the plain list above stays for current clients.
    const size = limit === undefined ? QUEUE_PAGE_SIZE : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > QUEUE_PAGE_MAX) {
      throw new GreffeError(
        400,
        'INVALID_REQUEST',
        `« limit » doit être un entier de 1 à ${QUEUE_PAGE_MAX}.`,
        {
          field: 'limit',
        },
      );
    }
    const page = deadline === 'none' ? listIdlePage : listQueuePage;
    return sendJson(c, await page(rt, await auth.callerOf(c), queue ?? '', size, cursor || undefined));
  });

  app.post('/', async (c) => {
    const caller = await auth.callerOf(c);
    auth.limits.filing.hit(caller.id); // issue 14: rate limit, known court, open-drafts quota
    const body = await jsonBody(c);
    await checkFiling(rt, caller, body);
    const procedure = optionalString(body, 'procedure');
    if (!procedure)
      throw new GreffeError(400, 'INVALID_REQUEST', 'Indiquez la procédure (« procedure »).', {
        field: 'procedure',
      });
    const version = optionalString(body, 'version');
    const initial = optionalString(body, 'initial');
    const court = optionalString(body, 'court');
    // Optional here (required on events): a retried filing with the same key opens no second case.
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !KEY.test(key)) {
      throw new GreffeError(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        'L’en-tête Idempotency-Key doit compter 8 à 128 caractères (un UUID par exemple).',
      );
    }
    const { id, replayed } = await openCaseKeyed(
      rt,
      caller,
      {
        procedure,
        ...(version && { version }),
        ...(initial && { initial }),
        ...(court && { court }),
      },
      key,
    );
    return sendJson(c, await readCaseView(rt, caller, id), replayed ? 200 : 201, {
      ...(replayed && { 'idempotent-replayed': 'true' }),
    });
  });

  app.post('/join', async (c) => {
    const caller = await auth.callerOf(c);
    auth.limits.join.user.hit(caller.id);
    auth.limits.join.ip.hit(auth.limits.clientIp(c));
    const code = optionalString(await jsonBody(c), 'code');
    const joined = code ? await rt.store.joinWithCode(caller, code, rt.clock.now().toISOString()) : undefined;
    if (!joined)
      throw new GreffeError(404, 'INVITATION_NOT_FOUND', 'Ce code d’accès est inconnu ou a déjà servi.');
    return sendJson(c, await readCaseView(rt, caller, joined.caseId));
  });

  const views = new ViewCache();
  // A view unchanged since it was cached, for a caller whose session is cached, is answered
  // without a promise (hono then answers synchronously); anything else reads the store.
  app.get('/:id', (c) => {
    const id = c.req.param('id');
    const caller = auth.knownCaller(c);
    const fresh = caller && freshView(rt, caller, id, views);
    if (fresh) return viewAnswer(c, fresh);
    return (async () =>
      viewAnswer(c, await caseViewJson(rt, caller ?? (await auth.callerOf(c)), id, views)))();
  });

  app.put('/:id/draft', async (c) => {
    const caller = await auth.callerOf(c);
    const body = await jsonBody(c);
    return sendJson(c, await saveDraft(rt, caller, c.req.param('id'), body.data));
  });

  app.post('/:id/events', async (c) => {
    const caller = await auth.callerOf(c);
    auth.limits.acts.hit(caller.id);
    const key = c.req.header('idempotency-key');
    if (!key || !KEY.test(key)) {
      throw new GreffeError(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        'L’en-tête Idempotency-Key (8 à 128 caractères, un UUID par exemple) est obligatoire.',
      );
    }
    const body = await jsonBody(c);
    const { event, data = {}, expectedVersion, signatureCode } = body;
    if (signatureCode !== undefined && typeof signatureCode !== 'string') {
      throw new GreffeError(400, 'INVALID_REQUEST', 'Le code de signature doit être un texte.', {
        field: 'signatureCode',
      });
    }
    if (typeof event !== 'string' || !event) {
      throw new GreffeError(400, 'INVALID_REQUEST', 'Indiquez l’événement (« event »).', { field: 'event' });
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new GreffeError(400, 'INVALID_REQUEST', 'Les données (« data ») doivent être un objet.', {
        field: 'data',
      });
    }
    if (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion)) {
      throw new GreffeError(
        400,
        'INVALID_REQUEST',
        'Indiquez la version de l’affaire que vous avez vue (« expectedVersion »).',
        {
          field: 'expectedVersion',
        },
      );
    }
    const caseId = c.req.param('id');
    const fired = await fireEvent(
      rt,
      caller,
      caseId,
      {
        event,
        data: data as Record<string, unknown>,
        expectedVersion,
        ...(typeof signatureCode === 'string' && { signatureCode: signatureCode.slice(0, 20) }),
      },
      key,
    );
    return sendJson(
      c,
      new JsonText(fired.json),
      fired.status as 200,
      fired.replayed ? { 'idempotent-replayed': 'true' } : {},
    );
  });

  app.post('/:id/events/preview', async (c) => {
    const caller = await auth.callerOf(c);
    auth.limits.acts.hit(caller.id);
    const { event, data = {} } = await jsonBody(c);
    if (typeof event !== 'string' || !event) {
      throw new GreffeError(400, 'INVALID_REQUEST', 'Indiquez l’événement (« event »).', { field: 'event' });
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new GreffeError(400, 'INVALID_REQUEST', 'Les données (« data ») doivent être un objet.', {
        field: 'data',
      });
    }
    return sendJson(
      c,
      await previewEvent(rt, caller, c.req.param('id'), { event, data: data as Record<string, unknown> }),
    );
  });

  app.post('/:id/documents', async (c) => {
    const caller = await auth.callerOf(c);
    const kind = c.req.query('kind');
    if (!kind)
      throw new GreffeError(400, 'INVALID_REQUEST', 'Indiquez le type de pièce (?kind=…).', {
        field: 'kind',
      });
    const raw = c.req.header('x-filename') ?? '';
    let filename = raw;
    try {
      filename = decodeURIComponent(raw);
    } catch (err: unknown) {
      throw new GreffeError(400, 'INVALID_REQUEST', 'L’en-tête X-Filename doit être encodé en URL.', {
        reason: String(err),
      });
    }
    const body = c.req.raw.body;
    if (!body) throw new GreffeError(422, 'EMPTY_DOCUMENT', 'Le fichier est vide.');
    auth.limits.acts.hit(caller.id);
    const declared = Number(c.req.header('content-length'));
    const stored = await uploadDocument(rt, caller, c.req.param('id'), {
      kind,
      filename,
      body,
      ...(Number.isFinite(declared) && { declaredSize: declared }),
    });
    return sendJson(c, stored, 201);
  });

  app.get('/:id/receipt', async (c) => {
    const caller = await auth.callerOf(c);
    const { reference, pdf } = await filingReceipt(rt, caller, c.req.param('id'), new URL(c.req.url).origin);
    const name = receiptFilename(reference);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-length': String(pdf.byteLength),
        'content-disposition': `attachment; filename="${name}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    });
  });

  app.get('/:id/documents/:docId', async (c) => {
    const caller = await auth.callerOf(c);
    const { row, stream } = await downloadDocument(rt, caller, c.req.param('id'), c.req.param('docId'));
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        'content-type': row.mediaType,
        'content-length': String(row.size),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        'x-content-type-options': 'nosniff',
        etag: `"${row.sha256}"`,
        'cache-control': 'private, max-age=0',
      },
    });
  });

  return app;
}

function viewAnswer(c: Context<Env>, view: CachedView): Response {
  const gzip = acceptsGzip(c.req.header('accept-encoding'));
  const headers = viewHeaders(view, gzip);
  if (etagMatches(c.req.header('if-none-match'), view.etag)) return answer(null, 304, headers.notModified);
  return answer(gzip ? view.body.gzip : view.body.text, 200, headers.ok);
}

/** A cached view's answer headers, with and without gzip, made once per view (not per request). */
const headersOfView = new WeakMap<CachedView, Record<'gzip' | 'plain', ViewHeaders>>();
interface ViewHeaders {
  readonly ok: Record<string, string>;
  /** A 304 carries the cache fields of the 200, not its representation's type and encoding (RFC 9110 §15.4.5). */
  readonly notModified: Record<string, string>;
}
function viewHeaders(view: CachedView, gzip: boolean): ViewHeaders {
  let both = headersOfView.get(view);
  if (!both) {
    const of = (gzipped: boolean): ViewHeaders => {
      // The gzipped representation has its own, weak, ETag (RFC 9110 §8.8.1), which
      // If-None-Match compares weakly.
      const etag = gzipped ? `W/${view.etag}` : view.etag;
      const ok = answerHeaders({ etag, 'cache-control': 'private, no-cache' }, gzipped);
      const { 'content-type': _type, 'content-encoding': _encoding, ...notModified } = ok;
      return { ok, notModified };
    };
    both = { gzip: of(true), plain: of(false) };
    headersOfView.set(view, both);
  }
  return gzip ? both.gzip : both.plain;
}

/**
 * `If-None-Match` against the view's ETag, weak comparison (RFC 9110 §13.1.2): the gzipped
 * view's ETag is W/"…", which the client then sends back.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted);
}
