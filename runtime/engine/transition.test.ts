/** The pure reducer, without a database: real specs, real rules, a fixed instant. */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { factsFor } from './checks.ts';
import { rulesGuards } from './guards.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, Command, TransitionResult } from './types.ts';

const load = (dir: string) => loadProcedure(dir).procedure as Procedure;
const mediation = load('test/fixtures/procedures/mediation/1.0.0');
const annex = load('spec/procedures/petits-litiges/1.0.0');
const NOW = new Date('2027-03-05T10:00:00Z'); // a Friday

const snap = (p: Procedure, over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  id: 'c1',
  reference: 'RG 27/00001',
  procedureId: p.id,
  procedureVersion: p.version,
  state: Object.values(p.states).find((s) => s.initial)?.id ?? '',
  version: 0,
  seq: 1,
  closed: false,
  facts: {},
  runningDeadlines: [],
  documents: [],
  ...over,
});
const user = (...roles: string[]): Command['actor'] => ({ kind: 'user', id: 'u1', roles });
const run = (p: Procedure, s: CaseSnapshot, c: Partial<Command> & { event: string }) =>
  transition(p, s, { data: {}, expectedVersion: s.version, actor: user(), ...c }, NOW, rulesGuards(p));
const accepted = (d: TransitionResult) => {
  if (!d.ok) throw new Error(`refusé : ${d.error.code} ${d.error.message}`);
  return d;
};

describe('transition: checks in order', () => {
  it('refuses a role before a state, a state before the form, the form before the version', () => {
    const s = snap(mediation, { state: 'close_accord', version: 3 });
    const bad = { event: 'constater_accord', data: { termes: 'x' }, expectedVersion: 1 };
    expect(run(mediation, s, { ...bad, actor: user('requerant_voisin') })).toMatchObject({
      ok: false,
      error: { status: 403, code: 'ROLE_NOT_ALLOWED' },
    });
    expect(run(mediation, s, { ...bad, actor: user('mediateur') })).toMatchObject({
      ok: false,
      error: { status: 409, code: 'INVALID_STATE' },
    });
    const open = snap(mediation, { version: 3 });
    const form = run(mediation, open, { ...bad, actor: user('mediateur') });
    expect(form).toMatchObject({ ok: false, error: { status: 422, code: 'INVALID_FORM' } });
    expect(form.ok ? [] : form.error.details?.problems).toEqual([
      expect.objectContaining({ field: '/termes' }),
    ]);
    const good = { ...bad, data: { termes: 'Un accord en bonne et due forme.' } };
    expect(run(mediation, open, { ...good, actor: user('mediateur') })).toMatchObject({
      ok: false,
      error: { status: 409, code: 'VERSION_CONFLICT' },
    });
    expect(run(mediation, open, { ...good, expectedVersion: 3, actor: user('mediateur') }).ok).toBe(true);
  });

  it('lets only the system fire an automatic transition', () => {
    const s = snap(mediation);
    expect(run(mediation, s, { event: 'expirer_delai_reponse', actor: user('mediateur') })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_NOT_ALLOWED' },
    });
    const d = accepted(run(mediation, s, { event: 'expirer_delai_reponse', actor: { kind: 'system' } }));
    expect(d.event.actorRole).toBeNull();
    expect(d.snapshot.state).toBe('close_echec');
  });
});

describe('transition: effects as data', () => {
  it('starts a deadline from the duration parameter on the spec calendar, with its reminders', () => {
    const d = accepted(
      run(mediation, snap(mediation), { event: 'inviter_voisin', actor: user('mediateur') }),
    );
    const start = d.effects.find((e) => e.type === 'deadline.start');
    // Friday 5 March 2027 + 15 days = Saturday 20 March → Monday 22 March (CPC art. 642).
    expect(start).toMatchObject({
      deadline: 'delai_reponse',
      duration: 'P15D',
      startDate: '2027-03-05',
      due: '2027-03-22',
    });
    expect(start?.type === 'deadline.start' && start.explanation).toMatch(/642/);
    // Reminder 3 days before: Friday 19 March, 08:00 Paris (UTC+1).
    expect(start?.type === 'deadline.start' && start.reminders).toEqual([
      expect.objectContaining({
        date: '2027-03-19',
        fireAt: '2027-03-19T07:00:00.000Z',
        roles: ['requerant_voisin'],
      }),
    ]);
    expect(d.effects).toContainEqual({ type: 'summon', role: 'requerant_voisin' });
  });

  it('stops every running deadline when the case reaches a final state', () => {
    const s = snap(mediation, {
      runningDeadlines: [{ deadline: 'delai_reponse', due: '2027-03-22', dueAt: '2027-03-22T23:00:00.000Z' }],
    });
    const d = accepted(run(mediation, s, { event: 'constater_echec', actor: user('requerant_voisin') }));
    expect(d.effects).toContainEqual({ type: 'deadline.stop', deadline: 'delai_reponse' });
  });

  it('produces documents with their hash and hands the same hash to the connector that acts on them', () => {
    const s = snap(annex, { state: 'conciliation', version: 5 });
    const d = accepted(
      run(annex, s, {
        event: 'constater_accord',
        data: { termes: 'Le vendeur rembourse sept cents euros sous quinzaine.', fin_du_litige: true },
        actor: user('conciliateur'),
      }),
    );
    const produced = d.effects.find((e) => e.type === 'document.produce');
    const call = d.effects.find((e) => e.type === 'call');
    expect(produced?.type === 'document.produce' && produced.document.kind).toBe('protocole_accord');
    expect(produced?.type === 'document.produce' && produced.document.content).toContain('sept cents euros');
    expect(call).toMatchObject({
      connector: 'signature_electronique',
      to: ['demandeur', 'defendeur'],
      document: {
        kind: 'protocole_accord',
        sha256: produced?.type === 'document.produce' ? produced.document.sha256 : '',
      },
    });
  });

  it('refuses a connector call on a document the case does not have', () => {
    const s = snap(annex, {
      state: 'signification_jugement_demandeur',
      version: 9,
      facts: { consentement_electronique_demandeur: { value: true, seq: 2, visibleTo: [] } },
    });
    const d = run(annex, s, {
      event: 'signifier_jugement_demandeur',
      data: { date_signification: '2027-05-10', modalite: 'electronique', reference_acte: 'CJ-1' },
      actor: user('commissaire_de_justice'),
    });
    expect(d).toMatchObject({
      ok: false,
      error: { code: 'DOCUMENT_MISSING', details: { document: 'jugement_definitif' } },
    });
  });
});

describe('transition: when, guards and facts', () => {
  it('picks the transition whose when: holds on recorded facts', () => {
    for (const [known, to] of [
      [true, 'identification_courriel'],
      [false, 'identification_lettre_simple'],
    ] as const) {
      const s = snap(annex, {
        state: 'convocation_defendeur',
        version: 1,
        facts: { courriel_defendeur_connu: { value: known, seq: 2, visibleTo: [] } },
      });
      expect(
        accepted(run(annex, s, { event: 'convoquer_defendeur', actor: user('greffe') })).snapshot.state,
      ).toBe(to);
    }
  });

  it('checks the form before the guard', () => {
    const d = run(annex, snap(annex), {
      event: 'deposer_demande',
      data: { mode_depot: 'en_ligne', montant: 9000, objets: ['paiement'] },
      actor: user('demandeur'),
    });
    // The form is incomplete: the form check comes before the guard.
    expect(d).toMatchObject({ ok: false, error: { code: 'INVALID_FORM' } });
  });

  it('never lets form data forge a context fact', () => {
    const facts = factsFor(
      snap(annex, { facts: { matiere: { value: 'travail', seq: 2, visibleTo: [] } } }),
      { requerant: 'juge', x: 1 },
      'defendeur',
    );
    expect(facts).toEqual({ matiere: 'travail', requerant: 'defendeur', x: 1 });
  });

  it('passes a guard only the facts its rule set declares, and reports missing ones', () => {
    const seen: Record<string, unknown>[] = [];
    const s = snap(annex, { state: 'conciliation', version: 5 });
    const d = transition(
      annex,
      s,
      {
        event: 'demander_renvoi',
        data: { partie_faible: 'demandeur', motifs: 'Audience souhaitée.' },
        expectedVersion: 5,
        actor: user('demandeur'),
      },
      NOW,
      (id, facts) => {
        seen.push(facts);
        return rulesGuards(annex)(id, facts);
      },
    );
    expect(seen).toEqual([{ requerant: 'demandeur', partie_faible: 'demandeur' }]);
    expect(d).toMatchObject({
      ok: false,
      error: {
        code: 'GUARD_REFUSED',
        details: { problems: [expect.objectContaining({ field: 'matiere' })] },
      },
    });
  });
});
