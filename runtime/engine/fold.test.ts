/** The reducer's next snapshot, and deadline expiry folded over it (what journeys and the scheduler share). */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { filing } from '../../test/helpers/annex.ts';
import { dueExpiries, expiredWithoutEvent, expiryCommand } from './expiry.ts';
import { simulatedCase } from './journeys.ts';
import { producedDocumentId } from './next-snapshot.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, Command, TransitionResult } from './types.ts';

const load = (dir: string) => loadProcedure(dir).procedure as Procedure;
const mediation = load('test/fixtures/procedures/mediation/1.0.0');
const annex = load('spec/procedures/petits-litiges/1.0.0');
const NOW = new Date('2027-03-05T10:00:00Z'); // a Friday
const user = (...roles: string[]): Command['actor'] => ({ kind: 'user', id: 'u1', roles });

const ok = (d: TransitionResult) => {
  if (!d.ok) throw new Error(`refusé : ${d.error.code} ${d.error.message}`);
  return d;
};
const fire = (p: Procedure, s: CaseSnapshot, event: string, actor: Command['actor'], data = {}, now = NOW) =>
  ok(transition(p, s, { event, data, expectedVersion: s.version, actor }, now));

describe('transition: the next snapshot', () => {
  it('moves state, version and journal number, and runs the started deadline with its due date', () => {
    const s0 = simulatedCase(mediation, 'ouverte');
    const d = fire(mediation, s0, 'inviter_voisin', user('mediateur'));
    expect(d.snapshot).toMatchObject({ state: 'ouverte', version: 1, seq: 2, closed: false });
    expect(d.snapshot.runningDeadlines).toEqual([
      {
        deadline: 'delai_reponse',
        startDate: '2027-03-05',
        due: '2027-03-22',
        dueAt: '2027-03-22T23:00:00.000Z',
      },
    ]);
    // The input snapshot is left as it was: the reducer is pure.
    expect(s0).toEqual(simulatedCase(mediation, 'ouverte'));
    const closed = fire(mediation, d.snapshot, 'constater_echec', user('requerant_voisin'));
    expect(closed.snapshot).toMatchObject({
      state: 'close_echec',
      version: 2,
      closed: true,
      runningDeadlines: [],
    });
  });

  it('records facts under the event’s journal number', () => {
    const s = { ...simulatedCase(annex, 'saisine_en_ligne'), seq: 3 };
    const d = fire(annex, s, 'deposer_demande', user('demandeur'), filing());
    expect(d.snapshot.facts).toMatchObject({
      montant: { value: 800, seq: 4 },
      matiere: { value: 'consommation', seq: 4 },
      consentement_electronique_demandeur: { value: true, seq: 4 },
    });
    expect(s.facts).toEqual({});
  });

  it('adds the produced documents with their ids, referenced once by the journal item', () => {
    const s = { ...simulatedCase(annex, 'conciliation'), version: 5, seq: 9 };
    const d = fire(annex, s, 'constater_accord', user('conciliateur'), {
      termes: 'Le vendeur rembourse sept cents euros sous quinzaine.',
      fin_du_litige: true,
    });
    const produced = d.effects.find((e) => e.type === 'document.produce');
    const sha256 = produced?.type === 'document.produce' ? produced.document.sha256 : '';
    const ref = { id: producedDocumentId(s.id, 6, 0), kind: 'protocole_accord', sha256 };
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.snapshot.documents).toEqual([ref]);
    // The signature connector acts on the same document: one reference.
    expect(d.event.documents).toEqual([ref]);
  });
});

describe('deadline expiry', () => {
  const running = (...ds: [string, string][]): CaseSnapshot => ({
    ...simulatedCase(mediation, 'ouverte'),
    runningDeadlines: ds.map(([deadline, dueAt]) => ({ deadline, due: dueAt.slice(0, 10), dueAt })),
  });

  it('lists the deadlines due at an instant, earliest first, with the event each fires', () => {
    const s = running(
      ['autre', '2027-03-20T23:00:00.000Z'],
      ['delai_reponse', '2027-03-10T23:00:00.000Z'],
      ['plus_tard', '2027-04-30T22:00:00.000Z'],
    );
    expect(dueExpiries(mediation, s, new Date('2027-03-21T00:00:00Z'))).toEqual([
      { deadline: 'delai_reponse', dueAt: '2027-03-10T23:00:00.000Z', event: 'expirer_delai_reponse' },
      { deadline: 'autre', dueAt: '2027-03-20T23:00:00.000Z' },
    ]);
    expect(dueExpiries(mediation, s, new Date('2027-03-10T22:59:59Z'))).toEqual([]);
    expect(expiryCommand(s, { deadline: 'autre', dueAt: '' })).toBeUndefined();
    expect(expiredWithoutEvent(s, 'autre').runningDeadlines.map((d) => d.deadline)).toEqual([
      'delai_reponse',
      'plus_tard',
    ]);
  });

  it('fires the expiry event as the system: the deadline ends as expired, not stopped', () => {
    const invited = fire(mediation, simulatedCase(mediation, 'ouverte'), 'inviter_voisin', user('mediateur'));
    const later = new Date('2027-03-23T00:00:00Z');
    const [due] = dueExpiries(mediation, invited.snapshot, later);
    const command = due && expiryCommand(invited.snapshot, due);
    expect(command).toMatchObject({
      event: 'expirer_delai_reponse',
      actor: { kind: 'system' },
      expired: 'delai_reponse',
    });
    const d = ok(transition(mediation, invited.snapshot, command as Command, later));
    expect(d.snapshot).toMatchObject({ state: 'close_echec', closed: true, runningDeadlines: [] });
    expect(d.event).toMatchObject({ actorRole: null, expired: 'delai_reponse' });
    expect(d.effects.filter((e) => e.type === 'deadline.stop')).toEqual([]);
  });
});
