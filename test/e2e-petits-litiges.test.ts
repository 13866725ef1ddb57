/**
 * Whole cases of the annex (petits-litiges 1.0.0) over real HTTP and a real
 * SQLite file, with what the issue's acceptance asks to see: signatures
 * recorded with the protocol's SHA-256, the week of critique passing on the
 * clock, an astreinte, service and execution at the bank, a mandatory
 * referral, an ineligible filing refused with the rules' reasons.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX, filing, toConciliation } from './helpers/annex.ts';
import { dump, rows, settledDump } from './helpers/db.ts';
import { Cast, signatureCodeFor } from './helpers/journeys.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer({ spec: ANNEX });
  cast = new Cast(t);
});
afterAll(async () => {
  await t.close();
});

interface JournalRow {
  seq: number;
  kind: string;
  event: string | null;
  actor_id: string;
  actor_role: string | null;
  documents: string;
  data_sha256: string;
}
const journal = (caseId: string) =>
  rows<JournalRow>(t, 'SELECT * FROM journal_events WHERE case_id = ? ORDER BY seq', caseId);
const outbox = (caseId: string, connector: string) =>
  rows<{ recipient_role: string | null; payload: string; status: string }>(
    t,
    'SELECT * FROM outbox WHERE case_id = ? AND connector = ? ORDER BY id',
    caseId,
    connector,
  );

describe('petits-litiges: conciliation succeeds', () => {
  it('records each party’s signature with the protocol’s SHA-256, then homologation; the judge never sees the exchanges', async () => {
    const id = await toConciliation(cast);
    const conciliateur = await cast.as('conciliateur');
    const demandeur = await cast.as('demandeur');
    const defendeur = await cast.as('defendeur');
    const juge = await cast.as('juge');

    // A conciliation exchange: visible to the parties and the conciliator, not to the judge.
    await demandeur.ok(id, 'echanger_conciliation', { message: 'Je peux accepter 700 euros.' });
    const judgeView = (await juge.view(id)).body;
    const exchange = judgeView.timeline.find((e) => e.event === 'echanger_conciliation');
    expect(exchange).toBeDefined();
    expect(exchange?.data).toBeUndefined();
    expect(exchange?.documents).toBeUndefined();
    expect(judgeView.documents.map((d) => d.kind)).not.toContain('echanges_conciliation');
    const partyDoc = (await demandeur.view(id)).body.documents.find(
      (d) => d.kind === 'echanges_conciliation',
    );
    expect(partyDoc).toBeDefined();
    expect((await juge.get(`/api/cases/${id}/documents/${partyDoc?.id}`)).status).toBe(404);

    const accord = await conciliateur.ok(id, 'constater_accord', {
      termes: 'Le vendeur rembourse sept cents euros sous quinzaine ; l’acheteur renonce au surplus.',
      montant_convenu: 700,
      fin_du_litige: true,
    });
    expect(accord.state.id).toBe('signature_protocole');
    const protocol = accord.documents.find((d) => d.kind === 'protocole_accord');
    expect(protocol).toBeDefined();
    const bytes = await fetch(`${t.url}/api/cases/${id}/documents/${protocol?.id}`, {
      headers: { authorization: `Bearer ${demandeur.token}` },
    }).then((r) => r.arrayBuffer());
    const sha = createHash('sha256').update(Buffer.from(bytes)).digest('hex');
    expect(sha).toBe(protocol?.sha256);
    // The signature requests carry the protocol's hash, one per party.
    const requests = await outbox(id, 'signature_electronique');
    expect(requests.map((r) => r.recipient_role).sort()).toEqual(['defendeur', 'demandeur']);
    for (const r of requests) expect(JSON.parse(r.payload).document.sha256).toBe(sha);

    // Each party signs with the one-time code the platform sent (test/e2e-protocol-signature.test.ts).
    const signedBy = async (api: typeof demandeur, event: string) => {
      const signatureCode = await signatureCodeFor(t, api, id);
      const r = await api.fire(id, event, { approbation: true }, { signatureCode });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (await api.view(id)).body;
    };
    await signedBy(defendeur, 'signer_protocole_defendeur');
    const signed = await signedBy(demandeur, 'signer_protocole_demandeur');
    expect(signed.state.id).toBe('homologation');
    const rows = await journal(id);
    const constat = rows.find((r) => r.event === 'constater_accord');
    expect(JSON.parse(constat?.documents ?? '[]')).toContainEqual(
      expect.objectContaining({ kind: 'protocole_accord', sha256: sha }),
    );
    for (const [event, role] of [
      ['signer_protocole_defendeur', 'defendeur'],
      ['signer_protocole_demandeur', 'demandeur'],
    ] as const) {
      const row = rows.find((r) => r.event === event);
      expect(row).toMatchObject({ actor_id: role, actor_role: role });
      // Each signature is journaled with the SHA-256 of the protocol it signs (the annex names
      // the protocol in a `call` of the signing transition).
      expect(JSON.parse(row?.documents ?? '[]'), event).toContainEqual(
        expect.objectContaining({ sha256: sha }),
      );
    }

    const done = await juge.ok(id, 'statuer_homologation', { decision_homologation: 'homologue' });
    expect(done.state).toMatchObject({ id: 'accord_homologue', final: true, outcome: 'accord' });
    expect(done.deadlines).toEqual([]);
    expect(done.documents.map((d) => d.kind)).toContain('decision_homologation');
  });
});

describe('petits-litiges: conciliation fails, the judge decides', () => {
  it('instruction with an incident and an order, closure, provisional judgment, the week passes, final judgment with astreinte, service, bank', async () => {
    const id = await toConciliation(cast);
    const juge = await cast.as('juge');
    const demandeur = await cast.as('demandeur');
    const defendeur = await cast.as('defendeur');
    const cj = await cast.as('commissaire_de_justice');

    const failed = await (await cast.as('conciliateur')).ok(id, 'constater_echec_conciliation', {
      cause: 'absence_partie',
    });
    expect(failed.state.id).toBe('instruction');
    const decision = failed.deadlines.find((d) => d.id === 'delai_decision');
    expect(decision?.explanation).toMatch(/mois/);

    await demandeur.ok(id, 'soulever_incident', {
      type_incident: 'mesure_instruction',
      mesure_demandee: 'Production de la facture d’achat.',
      motifs: 'Elle établit le prix payé.',
    });
    await defendeur.ok(id, 'observer_incident', { observations: 'Je la produirai.' });
    const ordered = await juge.ok(id, 'rendre_ordonnance', {
      decision_incident: 'accueilli',
      mesure_ordonnee: 'Le vendeur produit la facture.',
      motifs: 'Pièce utile à la solution du litige.',
    });
    expect(ordered.state.id).toBe('instruction');
    expect(ordered.documents.map((d) => d.kind)).toContain('ordonnance');
    await juge.ok(id, 'clore_instruction');
    const provisional = await juge.ok(id, 'rendre_jugement_provisoire', {
      motifs: 'Le remboursement est dû.',
      dispositif: 'Condamnation envisagée au remboursement.',
    });
    expect(provisional.state.id).toBe('critique_jugement_provisoire');
    const critique = provisional.deadlines.find((d) => d.id === 'delai_critique');
    expect(critique).toBeDefined();

    // The week passes: not over on its last day (it ends at 24:00), over the day after.
    const now = new Date((await juge.get<{ now: string }>('/api/dev/clock')).body.now);
    const lastDay = new Date(`${critique?.due}T10:00:00Z`);
    await juge.post('/api/dev/clock', {
      advance: `P${Math.round((lastDay.getTime() - now.getTime()) / 86_400_000)}D`,
    });
    expect((await juge.view(id)).body.state.id).toBe('critique_jugement_provisoire');
    await juge.post('/api/dev/clock', { advance: 'P1D' });
    const judged = (await juge.view(id)).body;
    expect(judged.state.id).toBe('jugement_definitif_a_rendre');
    expect(judged.timeline.filter((item) => item.kind !== 'connecteur').at(-1)).toMatchObject({
      event: 'expiration_delai_critique',
    });

    const final = await juge.ok(id, 'rendre_jugement_definitif', {
      issue: 'fait_droit',
      motifs: 'Le droit de rétractation a été exercé dans le délai.',
      dispositif: 'Condamne le vendeur à rembourser le prix, sous astreinte.',
      montant_condamnation: 800,
      depens: 'defendeur',
      astreinte_prononcee: true,
      astreinte: { montant_par_jour: 20, point_de_depart: '2027-07-01', nature: 'provisoire' },
    });
    expect(final.state.id).toBe('signification_jugement_demandeur');
    expect(final.facts.astreinte_prononcee).toBe(true);
    expect(final.deadlines.map((d) => d.id)).not.toContain('delai_decision');
    const judgment = final.documents.find((d) => d.kind === 'jugement_definitif');

    await cj.ok(id, 'signifier_jugement_demandeur', {
      date_signification: '2027-05-10',
      modalite: 'electronique',
      reference_acte: 'CJ-1',
    });
    const served = await cj.ok(id, 'signifier_jugement_defendeur', {
      date_signification: '2027-05-11',
      modalite: 'electronique',
      reference_acte: 'CJ-2',
    });
    expect(served.state.id).toBe('jugement_signifie');
    const service = await outbox(id, 'signification_electronique');
    expect(service.map((s) => s.recipient_role).sort()).toEqual(['defendeur', 'demandeur']);
    for (const s of service) expect(JSON.parse(s.payload).document.sha256).toBe(judgment?.sha256);

    const exec = await demandeur.ok(id, 'demander_execution', {
      creancier: 'demandeur',
      montant_reclame: 800,
      banque_connue: true,
      banque: { nom: 'Banque de l’Ouest' },
    });
    expect(exec.state.id).toBe('saisie_attribution');
    const bank = await outbox(id, 'saisie_attribution');
    expect(bank).toHaveLength(1);
    expect(JSON.parse(bank[0]?.payload ?? '{}').document.sha256).toBe(judgment?.sha256);
    const seized = await cj.ok(id, 'signifier_saisie_attribution', {
      date_acte: '2027-05-20',
      banque: 'Banque de l’Ouest',
      montant_saisi: 800,
    });
    expect(seized.state.id).toBe('denonciation_saisie');
    expect(seized.deadlines.map((d) => d.id)).toContain('delai_denonciation_saisie');

    const stats = await juge.get<{ astreinteShare: number; bankExecutions: number; cases: number }>(
      '/api/stats?procedure=petits-litiges',
    );
    expect(stats.status).toBe(200);
    expect(stats.body.bankExecutions).toBeGreaterThanOrEqual(1);
    expect(stats.body.astreinteShare).toBeGreaterThan(0);
  });
});

describe('petits-litiges: referral and eligibility', () => {
  it('sends the case to the ordinary court when the weak party asks in a protected matter', async () => {
    const id = await toConciliation(cast);
    const r = await (await cast.as('demandeur')).ok(id, 'demander_renvoi', {
      partie_faible: 'demandeur',
      motifs: 'Je souhaite m’expliquer devant le juge.',
    });
    expect(r.state).toMatchObject({ id: 'renvoi_formation_habituelle', final: true, outcome: 'renvoi' });
    expect(r.documents.map((d) => d.kind)).toContain('decision_renvoi');
  });

  it('refuses the strong party’s referral request with the rules’ reasons, writing nothing', async () => {
    const id = await toConciliation(cast);
    const defendeur = await cast.as('defendeur');
    const before = await settledDump(t);
    const r = await defendeur.fire(id, 'demander_renvoi', {
      partie_faible: 'demandeur',
      motifs: 'Je préfère une audience.',
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      error: { code: 'GUARD_REFUSED', details: { ruleset: 'renvoi', outcome: 'discretionary' } },
    });
    expect(await dump(t)).toBe(before);
  });

  it('refuses an ineligible filing with every reason the rules give, and writes nothing', async () => {
    const demandeur = await cast.as('demandeur');
    const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
    const before = await settledDump(t);
    const r = await demandeur.fire(
      opened.id,
      'deposer_demande',
      filing({ montant: 4000, objets: ['paiement', 'expulsion'] }),
    );
    expect(r.status).toBe(422);
    const err = (
      r.body as unknown as {
        error: {
          code: string;
          message: string;
          details: { reasons: { rule: string; text: string; basis: string }[] };
        };
      }
    ).error;
    expect(err.code).toBe('GUARD_REFUSED');
    expect(err.details.reasons.map((x) => x.rule).sort()).toEqual([
      'montant_inferieur_au_seuil',
      'objet_exclusif',
    ]);
    for (const reason of err.details.reasons) {
      expect(reason.text.length).toBeGreaterThan(20);
      expect(reason.basis.length).toBeGreaterThan(5);
    }
    expect(err.details.reasons.find((x) => x.rule === 'montant_inferieur_au_seuil')?.text).toContain(
      '4\u202f000',
    );
    expect(await dump(t)).toBe(before);
    expect((await demandeur.view(opened.id)).body).toMatchObject({
      caseVersion: 0,
      state: { id: 'saisine_en_ligne' },
    });
  });

  it('answers the eligibility and referral questions with the CLI contract', async () => {
    const api = t.anonymous();
    const ok = await api.post('/api/procedures/petits-litiges/eligibility', {
      montant: 800,
      objets: ['paiement'],
    });
    expect(ok).toMatchObject({
      status: 200,
      body: { procedure: 'petits-litiges', version: '1.0.0', eligible: true },
    });
    const no = await api.post('/api/procedures/petits-litiges/eligibility?version=1.0.0', {
      montant: 5000,
      objets: ['paiement'],
    });
    expect(no.body).toMatchObject({ eligible: false });
    const bad = await api.post('/api/procedures/petits-litiges/eligibility', { montant: 'beaucoup' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_FACTS' } });
    const text = await api.post('/api/procedures/petits-litiges/eligibility', { montant: '3999' });
    expect(text).toMatchObject({
      status: 400,
      body: { error: { details: { problems: [{ field: 'montant' }] } } },
    });
    // Facts may come one at a time: the answer as soon as they settle it, else the facts still needed.
    const settled = await api.post('/api/procedures/petits-litiges/eligibility', { montant: 5000 });
    expect(settled).toMatchObject({ status: 200, body: { eligible: false, missing: [] } });
    const open = await api.post('/api/procedures/petits-litiges/eligibility', { montant: 800 });
    expect(open).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_FACTS', details: { missing: ['objets'] } } },
    });
    const ref = await api.post('/api/procedures/petits-litiges/referral', {
      matiere: 'consommation',
      requerant: 'demandeur',
      partie_faible: 'demandeur',
    });
    expect(ref.body).toMatchObject({ referral: 'mandatory' });
  });
});
