/**
 * Who establishes a fact, requests that leave the case where it was, and
 * guard_unless, on the pure reducer with annex 1.1.0: a party cannot forge the
 * matter the judge qualified; a referral request stays in its state until the
 * judge decides; the judge cannot refuse a referral of right.
 */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { rulesGuards } from './guards.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, Command, FactRecord, TransitionResult } from './types.ts';

const load = (dir: string) => loadProcedure(dir).procedure as Procedure;
const v11 = load('spec/procedures/petits-litiges/1.1.0');
const v10 = load('spec/procedures/petits-litiges/1.0.0');
const NOW = new Date('2027-09-06T10:00:00Z');

const fact = (value: unknown, seq = 5): FactRecord => ({ value, seq, visibleTo: [] });
const inConciliation = (facts: Record<string, unknown>): CaseSnapshot => ({
  id: 'c1',
  reference: 'RG 27/00001',
  procedureId: v11.id,
  procedureVersion: v11.version,
  state: 'conciliation',
  version: 6,
  seq: 8,
  closed: false,
  facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, fact(v)])),
  runningDeadlines: [],
  documents: [],
});
const user = (...roles: string[]): Command['actor'] => ({ kind: 'user', id: 'u1', roles });
const run = (s: CaseSnapshot, c: Partial<Command> & { event: string }) =>
  transition(v11, s, { data: {}, expectedVersion: s.version, actor: user(), ...c }, NOW, rulesGuards(v11));
const accepted = (d: TransitionResult) => {
  if (!d.ok) throw new Error(`refusé : ${d.error.code} ${d.error.message}`);
  return d;
};

describe('fact ownership (established_by)', () => {
  const qualified = inConciliation({ matiere: 'commerciale', partie_faible: 'aucune' });

  it('refuses a party’s form that carries the matter the judge establishes, and leaves the fact as it was', () => {
    const forged = run(qualified, {
      event: 'demander_renvoi',
      actor: user('defendeur'),
      data: { motifs: 'Je préfère une audience.', matiere: 'consommation' },
    });
    expect(forged).toMatchObject({
      ok: false,
      error: {
        status: 422,
        code: 'FACT_OWNED_BY_OTHER',
        details: { fact: 'matiere', establishedBy: ['juge'] },
      },
    });
    if (forged.ok) return;
    expect(forged.error.message).toMatch(/Matière du litige.*établi par : Juge/);
    expect(qualified.facts.matiere?.value).toBe('commerciale');
  });

  it('records a request with its author from the actor’s role, the case staying in its state', () => {
    const d = accepted(
      run(qualified, {
        event: 'demander_renvoi',
        actor: user('defendeur'),
        data: { motifs: 'Une audience.' },
      }),
    );
    expect(d.snapshot.state).toBe('conciliation');
    expect(d.event.to).toBe('conciliation');
    expect(d.snapshot.facts.auteur_demande_renvoi?.value).toBe('defendeur');
    expect(d.snapshot.facts.matiere?.value).toBe('commerciale');
    // The judge refuses a referral that is not of right: the case stays, the request is cleared (value: null).
    const refused = accepted(
      run(d.snapshot, {
        event: 'statuer_demande_renvoi',
        actor: user('juge'),
        data: { sens: 'rejet', motivation: 'La procédure en ligne est adaptée.' },
      }),
    );
    expect(refused.snapshot.state).toBe('conciliation');
    expect(refused.snapshot.facts.auteur_demande_renvoi?.value).toBeNull();
  });

  it('forbids refusing the weak party’s referral in a protected matter (guard_unless), whatever the claimant ticked', () => {
    const s = inConciliation({
      matiere_declaree: 'commerciale',
      matiere: 'consommation',
      partie_faible: 'defendeur',
      auteur_demande_renvoi: 'defendeur',
    });
    const d = run(s, {
      event: 'statuer_demande_renvoi',
      actor: user('juge'),
      data: { sens: 'rejet', motivation: 'Rejet.' },
    });
    expect(d).toMatchObject({ ok: false, error: { code: 'GUARD_REFUSED', details: { unless: true } } });
    if (!d.ok) expect(d.error.message).toContain('le juge doit renvoyer');
    const granted = accepted(
      run(s, {
        event: 'statuer_demande_renvoi',
        actor: user('juge'),
        data: { sens: 'renvoi', motivation: 'De droit.' },
      }),
    );
    expect(granted.snapshot.state).toBe('renvoi_formation_habituelle');
  });

  it('on 1.0.0 too, a key the form does not ask never replaces a recorded fact: the forged matter is ignored', () => {
    const s: CaseSnapshot = {
      ...inConciliation({ matiere: 'commerciale' }),
      procedureVersion: v10.version,
    };
    const forged = transition(
      v10,
      s,
      {
        event: 'demander_renvoi',
        data: { partie_faible: 'demandeur', motifs: 'Audience souhaitée.', matiere: 'consommation' },
        expectedVersion: s.version,
        actor: user('demandeur'),
      },
      NOW,
      rulesGuards(v10),
    );
    // Commercial matter as recorded: the referral is not of right, the guard refuses it.
    expect(forged).toMatchObject({ ok: false, error: { code: 'GUARD_REFUSED' } });
    const honest = transition(
      v10,
      { ...s, facts: { matiere: fact('consommation') } },
      {
        event: 'demander_renvoi',
        data: { partie_faible: 'demandeur', motifs: 'Audience souhaitée.' },
        expectedVersion: s.version,
        actor: user('demandeur'),
      },
      NOW,
      rulesGuards(v10),
    );
    expect(accepted(honest).snapshot.state).toBe('renvoi_formation_habituelle');
  });

  it('leaves published 1.0.0 as it was: it declares no owner', () => {
    expect(v10.rules.establishedBy).toEqual({});
    expect(v11.rules.establishedBy.matiere).toEqual(['juge']);
  });
});
