/**
 * Crypto-shredding (issue 17, point 4), on a real server and database (SQLite,
 * or PostgreSQL under GREFFE_TEST_DB): the personal fields of a filing (names,
 * address, telephone, e-mail: spec/personal.ts) are stored encrypted with the
 * case's key in the journal and the projection, read in clear through the API;
 * `greffe conservation` destroys the key once the retention annex 1.1.0 sets
 * (P5Y after closing) has run out — not a day before — and then the case view
 * reads « donnée effacée (fin de conservation) » where they were, while
 * `greffe audit verify` still exits 0 (the chain covers the ciphertext).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditSource } from '../runtime/index.ts';
import { filing } from './helpers/annex.ts';
import { runGreffe } from './helpers/cli.ts';
import { Cast } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

const ERASED = 'donnée effacée (fin de conservation)';
/** What the filing says of people, none of which may be stored in clear. */
const PERSONAL = ['Martin', 'Claire', '12 rue des Lilas', '+33612345678', 'contact@boutique-electro.example'];

let t: TestServer;
let caseId: string;
let reference: string;
let closedAt: string;

const dbArgs = () => (t.pgUrl ? ['--db', t.pgUrl, '--data', t.dir] : ['--db', t.dbFile]);

/** The case's journal data, facts and key as stored (read-only audit source: no decryption). */
async function stored() {
  const opened = await openAuditSource(t.pgUrl ?? t.dbFile, t.dir);
  if (!opened.ok) throw new Error(opened.reason);
  try {
    const rows = await opened.source.caseRows(caseId);
    const c = (await opened.source.cases()).find((x) => x.id === caseId);
    return {
      text: [...rows.journal.map((r) => r.data), c?.facts ?? ''].join('\n'),
      participants: rows.participants.map((p) => p.name),
      key: rows.key,
    };
  } finally {
    await opened.source.close();
  }
}

const plusDays = (iso: string, years: number, days: number) => {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate() + days);
  return d.toISOString();
};

beforeAll(async () => {
  t = await startTestServer({ spec: 'spec/procedures', clockStart: '2027-07-05T09:00:00Z' });
  const cast = new Cast(t);
  const demandeur = await cast.as('demandeur');
  const opened = await demandeur.open('petits-litiges', { version: '1.1.0' });
  caseId = opened.id;
  const { matiere: _, ...data } = filing({
    matiere_declaree: 'consommation',
    demandeur: {
      qualite: 'personne_physique',
      nom: 'Martin',
      prenom: 'Claire',
      adresse: '12 rue des Lilas, 69003 Lyon',
      telephone: '+33612345678',
      consentement_communication_electronique: false,
    },
  });
  const filed = await demandeur.ok(caseId, 'deposer_demande', data);
  if (filed.reference === null) throw new Error('la demande déposée n’a pas de numéro de rôle');
  reference = filed.reference;
  const closed = await demandeur.ok(caseId, 'retirer_demande', {
    confirmation: true,
    motif: 'Réglé à l’amiable.',
  });
  expect(closed.state.final).toBe(true);
  const last = closed.timeline.at(-1);
  expect(last?.event).toBe('retirer_demande');
  closedAt = (await t.server.runtime.store.getCase(caseId))?.closedAt as string;
  expect(closedAt).toBeTruthy();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// Each test runs the real CLI in child processes (slow to start on a shared machine).
describe('crypto-shredding', { timeout: 240_000 }, () => {
  it('stores the personal fields encrypted with the case key, and serves them in clear', async () => {
    const s = await stored();
    expect(s.key?.key).toEqual(expect.any(String));
    for (const v of PERSONAL) expect(s.text).not.toContain(v);
    expect(s.text).toContain('chiffre:v1:');
    // What is not personal stays readable: the claim, the legal person, the amount.
    expect(s.text).toContain('Boutique Électro SARL');
    expect(s.text).toContain('exercé mon droit de rétractation');
    const view = (await (await t.as('greffe')).view(caseId)).body;
    const filed = view.timeline.find((e) => e.event === 'deposer_demande');
    expect(filed?.data).toMatchObject({
      demandeur: { nom: 'Martin', prenom: 'Claire', telephone: '+33612345678' },
      courriel_defendeur: 'contact@boutique-electro.example',
    });
    expect((await runGreffe(['audit', 'verify', ...dbArgs()])).code).toBe(0);
  });

  it('keeps the key a day before the end of the retention, destroys it a day after', async () => {
    const early = await runGreffe([
      'conservation',
      ...dbArgs(),
      '--date',
      plusDays(closedAt, 5, -1),
      '--json',
    ]);
    expect(early.code, early.stderr).toBe(0);
    expect(JSON.parse(early.stdout).shredded).toEqual([]);
    expect((await stored()).key?.key).toEqual(expect.any(String));

    const due = await runGreffe(['conservation', ...dbArgs(), '--date', plusDays(closedAt, 5, 1), '--json']);
    expect(due.code, due.stderr).toBe(0);
    expect(JSON.parse(due.stdout).shredded).toEqual([expect.objectContaining({ caseId, reference })]);
    const s = await stored();
    expect(s.key?.key).toBeNull();
    expect(s.key?.shreddedAt).toBeTruthy();
    expect(s.participants.every((n) => n === ERASED)).toBe(true);
    for (const v of PERSONAL) expect(s.text).not.toContain(v);

    // Once only: a second run finds nothing.
    const again = await runGreffe([
      'conservation',
      ...dbArgs(),
      '--date',
      plusDays(closedAt, 6, 0),
      '--json',
    ]);
    expect(JSON.parse(again.stdout).shredded).toEqual([]);
  });

  it('then shows the personal fields erased, the rest intact, and the audit still passes', async () => {
    const view = (await (await t.as('greffe')).view(caseId)).body;
    const filed = view.timeline.find((e) => e.event === 'deposer_demande');
    expect(filed?.data).toMatchObject({
      demandeur: {
        nom: ERASED,
        prenom: ERASED,
        adresse: ERASED,
        telephone: ERASED,
        qualite: 'personne_physique',
      },
      defendeur: { adresse: ERASED, denomination: 'Boutique Électro SARL' },
      courriel_defendeur: ERASED,
      montant: 800,
    });
    expect(JSON.stringify(view)).not.toContain('Martin');
    const audit = await runGreffe(['audit', 'verify', ...dbArgs()]);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toContain('données personnelles effacées');
  });
});
