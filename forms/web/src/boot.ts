/**
 * Loaded beside the app's script, tiny and first to run: starts the API
 * requests the opening page will need while the (much larger) app is still
 * downloading, so on a slow line the data is there when the app starts.
 * The app takes each answer once, if fresh (lib/api.ts, `takePrefetched`).
 * It imports nothing but the filing-form rule: this file must stay small.
 */
import type { ProcedureView } from './lib/api-schema.gen.ts';
import { filingForm } from './lib/filing-form.ts';
interface Early {
  readonly at: number;
  readonly response: Promise<Response>;
}

const store = new Map<string, Early>();
(window as unknown as { greffePrefetch: Map<string, Early> }).greffePrefetch = store;

const enc = encodeURIComponent;
/** Starts a request and files its answer under the key lib/api.ts will look for. */
const early = (key: string, url: string, init: RequestInit = {}): Promise<Response> => {
  const response = fetch(url, {
    credentials: 'same-origin',
    ...init,
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  // A failure is the app's to report when it asks again; here it only must not be "unhandled".
  response.catch(() => store.delete(key));
  store.set(key, { at: Date.now(), response });
  return response;
};
const get = (url: string): Promise<Response> => early(url, url);
const json = async <T>(r: Promise<Response>): Promise<T | undefined> => {
  const res = (await r).clone();
  return res.ok ? ((await res.json()) as T) : undefined;
};

interface CaseLike {
  procedure: string;
  version: string;
  actions: { event: string; form?: string | null }[];
}

async function casePages(id: string, event?: string): Promise<void> {
  const view = await json<CaseLike>(get(`/api/cases/${enc(id)}`));
  if (!view) return;
  const base = `/api/procedures/${enc(view.procedure)}/${enc(view.version)}`;
  get(base);
  const form = event ? view.actions.find((a) => a.event === event)?.form : undefined;
  if (form) get(`${base}/forms/${enc(form)}`);
}

const path = location.pathname.split('/').map(decodeURIComponent);
get('/api/me');
if (path[1] === 'affaires' && path[2]) {
  casePages(path[2], path[3] === 'actions' ? path[4] : undefined).catch((e: unknown) =>
    console.debug('préchargement', e),
  );
} else if (path[1] === 'procedures' && path[2] && path[3]) {
  const base = `/api/procedures/${enc(path[2])}/${enc(path[3])}`;
  json<ProcedureView>(get(base))
    .then((view) => {
      // The eligibility questionnaire is made of the filing form's questions.
      if (!view || path[4] !== 'eligibilite') return;
      const form = view.eligibility?.form ?? filingForm(view);
      if (form) get(`${base}/forms/${enc(form)}`);
      // The questions come from the view's facts, then from the rules' `missing` facts: nothing to post here.
    })
    .catch((e: unknown) => console.debug('préchargement', e));
} else if (path.length <= 2 && !path[1]) {
  get('/api/procedures');
}
