/**
 * One API contract (issue 11, part 6). The OpenAPI document the server
 * serves is the contract:
 * - the web app's types are generated from it, and the committed file is
 *   exactly what `npm run gen:api-types` writes;
 * - every JSON answer of a real server, while the annex's journeys, the
 *   eligibility and referral questions, uploads, drafts and statistics run
 *   over HTTP, validates against the schema the document gives for its path,
 *   method and status (ajv, JSON Schema 2020-12).
 * test/api-contract-types.ts is the compile-time half (tsc).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../runtime/api/api-types-gen.ts';
import { RESPONSE_SCHEMAS } from '../runtime/api/response-schemas.ts';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { filing } from './helpers/annex.ts';
import { Cast, playJourney } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { ANNEX_DIR } from './helpers/spec-copy.ts';

describe('the web app’s API types', () => {
  it('are exactly what npm run gen:api-types writes from the server’s OpenAPI document', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed, 'lancez npm run gen:api-types').toBe(await generateApiTypes());
    for (const name of Object.keys(RESPONSE_SCHEMAS))
      expect(committed).toContain(`export type ${name} = components['schemas']['${name}'];`);
  });
});

type Json = Record<string, unknown>;
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

/** `/api/cases/{id}/events` → a RegExp matching `/api/cases/abc/events`. */
const pathPattern = (template: string) =>
  new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);

describe('real answers of the server', () => {
  const procedure = loadProcedure(ANNEX_DIR).procedure as Procedure;
  const seen: Seen[] = [];
  const realFetch = globalThis.fetch;
  let t: TestServer;
  let doc: Json;

  beforeAll(async () => {
    t = await startTestServer({ spec: ANNEX_DIR });
    // Every answer the test clients receive is kept, then checked against the document.
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      // Only the test clients' calls to the server: not the server's own calls to its connectors'
      // simulators, nor the simulators' webhooks and delivery reports (partners' and providers' routes
      // under /api/webhooks/, outside the web app's contract; OVH's reports carry no signature header).
      const partner =
        new Headers(init?.headers).has('x-greffe-signature') || url.pathname.startsWith('/api/webhooks/');
      if (
        url.origin === new URL(t.url).origin &&
        !partner &&
        (res.headers.get('content-type') ?? '').includes('json')
      )
        seen.push({
          method: (init?.method ?? 'GET').toLowerCase(),
          path: url.pathname,
          status: res.status,
          body: await res.clone().json(),
        });
      return res;
    };
    doc = (await (await realFetch(`${t.url}/api/openapi.json`)).json()) as Json;
  }, 120_000);
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await t?.close();
  });

  it('produces answers on every route the web app reads', async () => {
    const cast = new Cast(t);
    const anonymous = t.anonymous();
    await anonymous.get('/api/procedures');
    await anonymous.get('/api/procedures/petits-litiges/1.0.0');
    await anonymous.get('/api/procedures/petits-litiges/1.0.0/forms/demande');
    await anonymous.post('/api/procedures/petits-litiges/eligibility', {
      montant: 800,
      objets: ['paiement'],
      matiere: 'civile',
    });
    await anonymous.post('/api/procedures/petits-litiges/eligibility', { montant: -1 });
    await anonymous.post('/api/procedures/petits-litiges/referral', {
      matiere: 'consommation',
      requerant: 'defendeur',
      partie_faible: 'defendeur',
    });
    const demandeur = await cast.as('demandeur');
    await demandeur.get('/api/me');
    const opened = await demandeur.open('petits-litiges');
    await demandeur.request('PUT', `/api/cases/${opened.id}/draft`, { data: { montant: 12 } });
    await demandeur.view(opened.id);
    await demandeur.fire(opened.id, 'deposer_demande', filing());
    await demandeur.upload(opened.id, 'pieces', new TextEncoder().encode('%PDF-1.4\n%%EOF\n'));
    await demandeur.get('/api/cases');
    for (const j of procedure.tests.flatMap((f) => f.journeys)) await playJourney(cast, procedure, j);
    await (await cast.as('juge')).get('/api/cases');
    await (await cast.as('juge')).get('/api/stats');
    // Login without --dev (issue 14): the methods, a code asked for, a wrong code refused, then logout.
    await anonymous.get('/api/auth/methods');
    await anonymous.post('/api/auth/code', { email: 'contrat@example.fr' });
    await anonymous.post('/api/auth/code/verify', { email: 'contrat@example.fr', code: 'faux' });
    await demandeur.post('/api/logout');
    expect(seen.length).toBeGreaterThan(50);
  }, 600_000);

  it('match the OpenAPI schema of their path, method and status', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'greffe-api', components: doc.components });
    const paths = Object.entries(doc.paths as Record<string, Record<string, Json>>);
    const validators = new Map<string, ValidateFunction>();
    const checked = new Set<string>();
    const problems: string[] = [];
    for (const s of seen) {
      // The most literal template wins: /api/procedures/{id}/eligibility before /api/procedures/{id}/{version}.
      const [template, item] =
        paths
          .filter(([p, methods]) => pathPattern(p).test(s.path) && methods[s.method])
          .sort(([a], [b]) => a.split('{').length - b.split('{').length)[0] ?? [];
      const responses = item?.[s.method]?.responses as Record<string, Json> | undefined;
      const content = responses?.[String(s.status)]?.content as Record<string, { schema: Json }> | undefined;
      const schema = content?.['application/json']?.schema;
      const where = `${s.method.toUpperCase()} ${template ?? s.path} ${s.status}`;
      if (!schema) {
        problems.push(`${where} : réponse absente du document OpenAPI`);
        continue;
      }
      let validate = validators.get(where);
      if (!validate) {
        // References inside the document (#/components/…) resolve against the schema added above.
        const text = JSON.stringify(schema).replaceAll('"#/components/', '"greffe-api#/components/');
        validate = ajv.compile(JSON.parse(text) as Json);
        validators.set(where, validate);
      }
      checked.add(where);
      if (!validate(s.body))
        problems.push(
          `${where} : ${ajv.errorsText(validate.errors)} — ${JSON.stringify(s.body).slice(0, 300)}`,
        );
    }
    expect(problems).toEqual([]);
    // The answers the web app reads were all seen and checked.
    for (const route of [
      'GET /api/procedures 200',
      'GET /api/procedures/{id}/{version} 200',
      'GET /api/procedures/{id}/{version}/forms/{form} 200',
      'POST /api/procedures/{id}/eligibility 200',
      'POST /api/procedures/{id}/eligibility 400',
      'POST /api/procedures/{id}/referral 200',
      'GET /api/me 200',
      'POST /api/cases 201',
      'GET /api/cases 200',
      'GET /api/cases/{id} 200',
      'PUT /api/cases/{id}/draft 200',
      'POST /api/cases/{id}/events 200',
      'POST /api/cases/{id}/documents 201',
      'GET /api/stats 200',
      'GET /api/auth/methods 200',
      'POST /api/auth/code 202',
      'POST /api/auth/code/verify 400',
      'POST /api/logout 200',
    ])
      expect(checked, route).toContain(route);
  });
});
