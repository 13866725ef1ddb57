/** The web app's client for the greffe HTTP API: JSON in and out, errors as `ApiError` with the server's French message. */
import type {
  CalendarFeed,
  CaseSummary,
  CaseView,
  CourtSearch,
  PaperRoute,
  EligibilityResult,
  EventAnswer,
  EventPreview,
  NoticeRead,
  Notices,
  UnreadNotices,
  FormView,
  ProcedureSummary,
  ProcedureView,
  QueuePage,
  Stats,
  UploadedDocument,
  User,
  VideoLink,
} from './api-schema.gen.ts';
import { formatSize } from './format.ts';

/** Cases per page of the court's work queue (the server's default page size, runtime/service/list-cases.ts). */
export const QUEUE_PAGE_SIZE = 50;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const NETWORK_MESSAGE =
  'Le serveur ne répond pas. Vérifiez votre connexion à internet, puis réessayez : rien de ce que vous avez saisi n’est perdu.';

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error?.message) {
      return new ApiError(
        res.status,
        body.error.code ?? 'ERROR',
        body.error.message,
        body.error.details ?? {},
      );
    }
  } catch (e: unknown) {
    // Not JSON (a proxy's error page, say): fall through to a generic message, keeping the cause for the console.
    console.warn('Réponse d’erreur illisible', e);
  }
  return new ApiError(
    res.status,
    `HTTP_${res.status}`,
    `Le serveur a répondu par une erreur (${res.status}).`,
  );
}

/** How long an answer started by boot.ts stays usable: it serves the page being opened, nothing later. */
const PREFETCH_FRESH_MS = 15_000;

/**
 * The answers the server wrote into the page it served (runtime/api/page-data.ts: a case's pages come
 * with the case, the procedure and the form), read once when the app first asks for one. Each is
 * taken once, like the prefetcher's: what comes after the opening screen asks the server again.
 */
let inlined: Map<string, unknown> | undefined;
let inlinedAt = 0;
function takeInlined(url: string): Promise<Response> | undefined {
  if (!inlined) {
    inlined = new Map();
    inlinedAt = Date.now();
    const block = document.getElementById('greffe-donnees');
    if (block?.textContent) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(block.textContent) as Record<string, unknown>))
          inlined.set(k, v);
      } catch (e: unknown) {
        console.warn('Données de la page illisibles : elles seront redemandées', e);
      }
      block.remove();
    }
  }
  if (!inlined.has(url) || Date.now() - inlinedAt >= PREFETCH_FRESH_MS) return undefined;
  const body = inlined.get(url);
  inlined.delete(url);
  return Promise.resolve(
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
  );
}

/** The answer boot.ts already asked for (key: the URL of a GET, "POST url body" otherwise), once, if fresh. */
function takePrefetched(url: string): Promise<Response> | undefined {
  const page = takeInlined(url);
  if (page) return page;
  const store = (
    window as unknown as { greffePrefetch?: Map<string, { at: number; response: Promise<Response> }> }
  ).greffePrefetch;
  const early = store?.get(url);
  if (!early) return undefined;
  store?.delete(url);
  return Date.now() - early.at < PREFETCH_FRESH_MS ? early.response : undefined;
}

/** Sends a request to the API; resolves with the JSON body, rejects with an `ApiError`. */
export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    const early = takePrefetched(method === 'GET' ? url : `${method} ${url} ${JSON.stringify(body)}`);
    res = await (early ??
      fetch(url, {
        method,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }));
  } catch (e: unknown) {
    console.warn(e);
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const enc = encodeURIComponent;
// Specs are immutable per version: one fetch per session is enough.
const immutable = new Map<string, Promise<unknown>>();
function cached<T>(url: string): Promise<T> {
  let p = immutable.get(url);
  if (!p) {
    p = request<T>('GET', url);
    immutable.set(url, p);
    p.catch(() => immutable.delete(url));
  }
  return p as Promise<T>;
}

const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;

export const api = {
  me: () => request<User>('GET', '/api/me'),
  devUsers: () => request<readonly User[]>('GET', '/api/dev/users'),
  devLogin: (user: string) => request<{ user: User; token: string }>('POST', '/api/dev/login', { user }),
  logout: () => request<{ ok: boolean; logoutUrl?: string }>('POST', '/api/logout'),
  procedures: () => request<readonly ProcedureSummary[]>('GET', '/api/procedures'),
  procedure: (id: string, version: string) =>
    cached<ProcedureView>(`/api/procedures/${enc(id)}/${enc(version)}`),
  form: (id: string, version: string, form: string) =>
    cached<FormView>(`/api/procedures/${enc(id)}/${enc(version)}/forms/${enc(form)}`),
  eligibility: (id: string, version: string, facts: unknown) =>
    request<EligibilityResult>(
      'POST',
      `/api/procedures/${enc(id)}/eligibility?version=${enc(version)}`,
      facts,
    ),
  /** How to file with the court on paper (runtime/courts/voie-papier.yaml): the same for every court, asked once. */
  paperRoute: () => cached<PaperRoute>('/api/tribunaux/voie-papier'),
  courts: (postcode: string, commune?: string) =>
    request<CourtSearch>(
      'GET',
      `/api/tribunaux?code_postal=${enc(postcode)}${commune ? `&commune=${enc(commune)}` : ''}`,
    ),
  cases: (queue?: string) =>
    request<readonly CaseSummary[]>('GET', `/api/cases${queue ? `?queue=${enc(queue)}` : ''}`),
  /** One page of the court's work queue (issue 17): `next` is the cursor of the following page, null on the last. */
  queuePage: (queue: string, cursor?: string) =>
    request<QueuePage>(
      'GET',
      `/api/cases?queue=${enc(queue)}&limit=${QUEUE_PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`,
    ),
  /** One page of the court's open cases without a running deadline (issue 17), least recently active first. */
  idlePage: (queue: string, cursor?: string) =>
    request<QueuePage>(
      'GET',
      `/api/cases?deadline=none&queue=${enc(queue)}&limit=${QUEUE_PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`,
    ),
  createCase: (procedure: string, version: string) =>
    request<CaseView>('POST', '/api/cases', { procedure, version }),
  getCase: (id: string) => request<CaseView>('GET', `/api/cases/${enc(id)}`),
  /** Takes the role an invitation code (received by letter) was issued for. */
  join: (code: string) => request<CaseView>('POST', '/api/cases/join', { code }),
  saveDraft: (id: string, data: unknown) =>
    request<{ savedAt: string }>('PUT', `/api/cases/${enc(id)}/draft`, { data }),
  /** Fires an event; the idempotency key makes a retried click harmless. */
  fire: (
    id: string,
    event: string,
    data: unknown,
    expectedVersion: number,
    key: string = newKey(),
    signatureCode?: string,
  ) =>
    request<EventAnswer>(
      'POST',
      `/api/cases/${enc(id)}/events`,
      { event, data, expectedVersion, ...(signatureCode !== undefined && { signatureCode }) },
      { 'Idempotency-Key': key },
    ),
  /** A one-time code to sign the case's protocol, by e-mail or SMS; answers where it went (masked). */
  signatureCode: (id: string, canal: 'courriel' | 'sms') =>
    request<{ codeId: string; canal: string; destinataire: string; expireLe: string }>(
      'POST',
      `/api/cases/${enc(id)}/signature/code`,
      { canal },
    ),
  /** The caller's platform notices, newest first, and how many are unread. */
  notices: () => request<Notices>('GET', '/api/notices'),
  /** How many notices are unread (the header's badge): the count only. */
  unreadNotices: () => request<UnreadNotices>('GET', '/api/notices/non-lus'),
  markNoticeRead: (id: number) => request<NoticeRead>('POST', `/api/notices/${id}/read`, {}),
  /** What the event would record with these answers (the reducer's transition and state), nothing sent for good. */
  preview: (id: string, event: string, data: unknown) =>
    request<EventPreview>('POST', `/api/cases/${enc(id)}/events/preview`, { event, data }),
  stats: (procedure?: string, version?: string) =>
    request<Stats>(
      'GET',
      `/api/stats${procedure ? `?procedure=${enc(procedure)}${version ? `&version=${enc(version)}` : ''}` : ''}`,
    ),
  /** « Mon calendrier »: whether the caller has a feed address; a new one (shown once); revoking it. */
  calendarFeed: () => request<CalendarFeed>('GET', '/api/calendar/feed'),
  issueCalendarFeed: () => request<CalendarFeed>('POST', '/api/calendar/feed', {}),
  revokeCalendarFeed: () => request<CalendarFeed>('DELETE', '/api/calendar/feed'),
  /** The case's video room, with a token signed for the caller (hearings, conciliation sessions). */
  videoLink: (caseId: string) => request<VideoLink>('GET', `/api/visio/${enc(caseId)}`),
  documentUrl: (caseId: string, docId: string) => `/api/cases/${enc(caseId)}/documents/${enc(docId)}`,
  newKey,
};

/**
 * Uploads a file's bytes as a case document, reporting progress (0–1).
 * XMLHttpRequest rather than fetch: fetch has no upload progress events.
 */
export function uploadDocument(
  caseId: string,
  kind: string,
  file: File,
  onProgress: (fraction: number) => void,
  maxSize?: number | null,
): { promise: Promise<UploadedDocument>; abort: () => void } {
  // Refused here, before a byte is sent: on a slow line the server's 413 would come after the whole upload.
  if (maxSize && file.size > maxSize) {
    const message = `Ce fichier pèse ${formatSize(file.size)}, au-delà de la taille maximale de ${formatSize(maxSize)} : réduisez-le (par exemple en l’enregistrant en PDF compressé) avant de l’envoyer.`;
    return { promise: Promise.reject(new ApiError(413, 'DOCUMENT_TOO_LARGE', message)), abort: () => {} };
  }
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedDocument>((resolve, reject) => {
    xhr.open('POST', `/api/cases/${enc(caseId)}/documents?kind=${enc(kind)}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', enc(file.name));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e: unknown) {
        console.warn(e);
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as UploadedDocument);
        return;
      }
      const err = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? `L’envoi du fichier a échoué (${xhr.status}).`,
          err?.details ?? {},
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Envoi annulé.'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
