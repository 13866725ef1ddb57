/**
 * The time constructs of the spec language v2 on the pure reducer and on a
 * real SQLite store: deadlines per party (CPC art. 528), started by an act's
 * date, counted with the calendar of the case's court.
 */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { localRuntime, MEDIATRICE } from '../../test/helpers/runtime.ts';
import { twoPartyFixture } from '../../test/helpers/spec-copy.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { fireEvent } from '../service/fire-event.ts';
import { openCaseFor } from '../service/open-case.ts';
import { dueExpiries, expiredWithoutEvent, expiryCommand } from './expiry.ts';
import { rulesGuards } from './guards.ts';
import { caseCalendar, instanceKey, rolesConcerning, runningAgainst } from './instances.ts';
import { simulatedCase } from './journeys.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, Command, EngineEffect, TransitionResult } from './types.ts';

const load = (dir: string) => {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure) throw new Error(JSON.stringify(diagnostics.filter((d) => d.severity === 'error')));
  return procedure;
};
const v100 = load('spec/procedures/petits-litiges/1.0.0');
const v110 = load('spec/procedures/petits-litiges/1.1.0');

/** The mediation fixture with two parties against whom the answer time runs separately. */
const twoParties = (): Procedure => load(twoPartyFixture());

const user = (...roles: string[]): Command['actor'] => ({ kind: 'user', id: 'u', roles });
const ok = (d: TransitionResult) => {
  if (!d.ok) throw new Error(`refusé : ${d.error.code} ${d.error.message}`);
  return d;
};
const fire = (
  p: Procedure,
  s: CaseSnapshot,
  event: string,
  data: Record<string, unknown>,
  role: string,
  now: Date,
) => transition(p, s, { event, data, expectedVersion: s.version, actor: user(role) }, now, rulesGuards(p));
const starts = (effects: readonly EngineEffect[]) =>
  effects.flatMap((e) => (e.type === 'deadline.start' ? [e] : []));

describe('deadlines per party', () => {
  const p = twoParties();

  it('runs one instance per party, reminds each party of its own only, and fires the event with the last', () => {
    const now = new Date('2027-03-01T09:00:00Z');
    const d = ok(fire(p, simulatedCase(p, 'ouverte'), 'inviter_voisin', {}, 'mediateur', now));
    expect(d.snapshot.runningDeadlines.map(instanceKey)).toEqual([
      'delai_reponse@requerant_voisin',
      'delai_reponse@voisin_mis_en_cause',
    ]);
    const [a, b] = starts(d.effects);
    expect(a?.reminders.map((r) => r.roles)).toEqual([['requerant_voisin', 'mediateur']]);
    expect(b?.reminders.map((r) => r.roles)).toEqual([['voisin_mis_en_cause', 'mediateur']]);
    // Both due Tuesday 16 March: the first instance expires alone, the event waits for the last.
    const later = new Date('2027-03-17T09:00:00Z');
    const [first, second] = dueExpiries(p, d.snapshot, later);
    expect(first).toMatchObject({ deadline: 'delai_reponse', party: 'requerant_voisin' });
    expect(first?.event).toBeUndefined();
    expect(second?.event).toBe('expirer_delai_reponse');
    const one = expiredWithoutEvent(d.snapshot, 'delai_reponse', 'requerant_voisin');
    expect(runningAgainst(one.runningDeadlines, 'delai_reponse', 'requerant_voisin')).toBeUndefined();
    expect(runningAgainst(one.runningDeadlines, 'delai_reponse', 'voisin_mis_en_cause')?.due).toBe(
      '2027-03-16',
    );
    expect(one.runningDeadlines.map(instanceKey)).toEqual(['delai_reponse@voisin_mis_en_cause']);
    const [last] = dueExpiries(p, one, later);
    expect(last).toMatchObject({ party: 'voisin_mis_en_cause', event: 'expirer_delai_reponse' });
    const closed = ok(
      transition(p, one, expiryCommand(one, last as never) as Command, later, rulesGuards(p)),
    );
    expect(closed.snapshot).toMatchObject({ state: 'close_echec', runningDeadlines: [] });
    expect(closed.event).toMatchObject({ expired: 'delai_reponse', expiredParty: 'voisin_mis_en_cause' });
  });

  it('keeps the other parties out of a per-party instance, and the court in', () => {
    expect(
      rolesConcerning(p, ['requerant_voisin', 'voisin_mis_en_cause', 'mediateur'], 'voisin_mis_en_cause'),
    ).toEqual(['voisin_mis_en_cause', 'mediateur']);
    expect(rolesConcerning(p, ['requerant_voisin', 'mediateur'], undefined)).toEqual([
      'requerant_voisin',
      'mediateur',
    ]);
  });
});

describe('deadlines started by the act’s date', () => {
  const now = new Date('2027-07-20T09:00:00Z');
  const served = (over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
    ...simulatedCase(v110, 'signification_jugement_demandeur'),
    facts: { consentement_electronique_demandeur: { value: true, seq: 1, visibleTo: [] } },
    documents: [{ id: 'j1', kind: 'jugement_definitif', sha256: 'a'.repeat(64) }],
    runningDeadlines: [
      {
        deadline: 'delai_signification_jugement',
        startDate: '2027-07-15',
        due: '2027-08-16',
        dueAt: '2027-08-16T22:00:00.000Z',
      },
    ],
    ...over,
  });
  const serve = (date: string) =>
    fire(
      v110,
      served(),
      'signifier_jugement_demandeur',
      { date_signification: date, modalite: 'electronique', reference_acte: 'CJ-1' },
      'commissaire_de_justice',
      now,
    );

  it('runs the cassation time against the party served, from the date of the service, not of its recording', () => {
    const d = ok(serve('2027-07-16'));
    const [start] = starts(d.effects);
    expect(start).toMatchObject({
      deadline: 'delai_pourvoi',
      party: 'demandeur',
      startDate: '2027-07-16',
      due: '2027-09-16',
    });
    expect(start?.reminders.map((r) => r.roles)).toEqual([['demandeur']]);
  });

  it('refuses a service dated in the future, or before the judgment it serves, naming the field', () => {
    const future = serve('2027-07-21');
    expect(future).toMatchObject({ ok: false, error: { status: 422, code: 'ACT_DATE_IN_FUTURE' } });
    expect(future.ok ? '' : future.error.message).toMatch(
      /« Date de la signification » \(date_signification\).*mercredi 21 juillet 2027/,
    );
    const early = serve('2027-07-14');
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'ACT_DATE_BEFORE_ACT', details: { field: 'date_signification' } },
    });
    expect(early.ok ? '' : early.error.message).toMatch(/court depuis le jeudi 15 juillet 2027/);
  });

  it('lapses a seizure dated 1 January 2020 at once: its 8 days ran out on 9 January 2020 (CPCE art. R211-3)', () => {
    const d = ok(
      fire(
        v110,
        simulatedCase(v110, 'saisie_attribution'),
        'signifier_saisie_attribution',
        {
          date_acte: '2020-01-01',
          banque: 'Banque',
          solde_declare: 1000,
          montant_saisi: 100,
          solde_laisse: 900,
        },
        'commissaire_de_justice',
        now,
      ),
    );
    expect(starts(d.effects)[0]).toMatchObject({ startDate: '2020-01-01', due: '2020-01-09' });
    const [due] = dueExpiries(v110, d.snapshot, now);
    expect(due).toMatchObject({ deadline: 'delai_denonciation_saisie', event: 'caducite_saisie' });
    const lapsed = ok(
      transition(
        v110,
        d.snapshot,
        expiryCommand(d.snapshot, due as never) as Command,
        now,
        rulesGuards(v110),
      ),
    );
    expect(lapsed.snapshot.state).toBe('saisie_caduque');
    const late = fire(
      v110,
      lapsed.snapshot,
      'denoncer_saisie',
      { date_denonciation: '2020-02-01', modalite: 'papier' },
      'commissaire_de_justice',
      now,
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('the court’s calendar', () => {
  it('counts 1.1.0’s time with the court’s calendar, 1.0.0’s with its own', () => {
    expect(caseCalendar(v110, 'tj-metz').id).toBe('fr-alsace-moselle');
    expect(caseCalendar(v110, 'tj-colmar').id).toBe('fr-alsace-moselle');
    expect(caseCalendar(v110, 'tj-paris').id).toBe('fr');
    expect(caseCalendar(v110, undefined).id).toBe('fr');
    expect(caseCalendar(v100, 'tj-metz').id).toBe('fr');
  });

  it('extends a critique week ending on Good Friday in Metz, not in Paris', () => {
    const now = new Date('2028-04-07T09:00:00Z'); // Friday 7 April 2028; Good Friday is 14 April
    const data = { motifs: 'Motifs du jugement provisoire.', dispositif: 'Dispositif envisagé.' };
    const due = (court: string) => {
      const s = { ...simulatedCase(v110, 'jugement_provisoire_a_rendre'), court };
      return starts(ok(fire(v110, s, 'rendre_jugement_provisoire', data, 'juge', now)).effects)[0];
    };
    expect(due('tj-paris')?.due).toBe('2028-04-14');
    const metz = due('tj-metz');
    expect(metz?.due).toBe('2028-04-18'); // Good Friday, Saturday, Sunday, Easter Monday
    expect(metz?.explanation).toMatch(/Vendredi saint/);
  });
});

describe('the scheduler and per-party deadlines', () => {
  it('expires each party’s instance, and fires the expiry event once, with the last', async () => {
    const local = await localRuntime(twoPartyFixture());
    try {
      const { rt, clock } = local;
      const id = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
      await fireEvent(rt, MEDIATRICE, id, { event: 'inviter_voisin', data: {}, expectedVersion: 0 }, 'k1');
      clock.set(new Date('2027-03-17T09:00:00Z')); // both instances due Tuesday 16 March
      const report = await new Scheduler(rt).runDue();
      expect(report).toMatchObject({ fired: 1, expired: 1, refusals: [] });
      expect((await rt.store.getCase(id))?.state).toBe('close_echec');
      // The fresh file's two deadline rows, one per party: both ended as expired.
      expect([await rt.store.deadlineStatus(1), await rt.store.deadlineStatus(2)]).toEqual([
        'expired',
        'expired',
      ]);
      expect(await rt.store.deadlineStatus(3)).toBeUndefined();
    } finally {
      local.close();
    }
  });
});
