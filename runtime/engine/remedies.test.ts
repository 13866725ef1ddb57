/** Typed remedies in the pure reducer (language v2), on the test procedure `recours`: real spec, fixed clock. */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { rulesGuards } from './guards.ts';
import { simulatedCase } from './journeys.ts';
import { PARTIES_FACT } from './remedies.ts';
import { transition } from './transition.ts';
import type { CaseSnapshot, Command, Transitioned } from './types.ts';

const loaded = loadProcedure('test/fixtures/procedures/recours/1.0.0');
const p = loaded.procedure as Procedure;
const annex = loadProcedure('spec/procedures/petits-litiges/1.0.0').procedure as Procedure;

/** A new case of `q` in its first initial state (journeys.ts simulatedCase). */
const start = (q: Procedure): CaseSnapshot =>
  simulatedCase(q, Object.values(q.states).find((s) => s.initial)?.id ?? '');

type Step = [event: string, role: string | null, data?: Record<string, unknown>];

/** Fires each step at `at` (one day later each); a null role is the system (an expiry). */
function play(steps: readonly Step[], at = new Date('2027-03-01T10:00:00Z'), s0 = start(p)) {
  let s = s0;
  let last: Transitioned | undefined;
  let now = at;
  for (const [event, role, data] of steps) {
    const actor: Command['actor'] = role ? { kind: 'user', id: role, roles: [role] } : { kind: 'system' };
    const d = transition(
      p,
      s,
      { event, data: data ?? {}, expectedVersion: s.version, actor },
      now,
      rulesGuards(p),
    );
    if (!d.ok) return { snapshot: s, refused: d.error, last };
    s = d.snapshot;
    last = d;
    now = new Date(now.getTime() + 86_400_000);
  }
  return { snapshot: s, refused: undefined, last };
}

const toJudgment = (modalite: string, defence: boolean): Step[] => [
  ['deposer', 'demandeur'],
  ['citer', 'commissaire', { modalite }],
  ...(defence ? [['deposer_defense', 'defendeur'] as Step] : [['expiration_delai_defense', null] as Step]),
  ['juger', 'juge'],
];
const due = (s: CaseSnapshot, d: string, party?: string) =>
  s.runningDeadlines.find((x) => x.deadline === d && (party === undefined || x.party === party))?.due;

describe('the character of a judgment (CPC art. 473–474)', () => {
  it('loads the v2 fixture with no diagnostic', () => {
    expect(loaded.diagnostics).toEqual([]);
  });

  it('is by default when the defendant, summoned at home, never acted; the six months of art. 478 start', () => {
    const { snapshot, refused } = play(toJudgment('a_domicile', false));
    expect(refused).toBeUndefined();
    expect(snapshot.facts.caractere_jugement?.value).toBe('par_defaut');
    expect(snapshot.facts[PARTIES_FACT]?.value).toEqual({
      demandeur: { appele: 'autre', entendu: true },
      defendeur: { appele: 'autre' },
    });
    // Judgment on Thursday 4 March; six months end on Saturday 4 September, carried to Monday (CPC art. 642).
    expect(due(snapshot, 'delai_non_avenu')).toBe('2027-09-06');
  });

  it('is deemed contradictory when he was summoned to his person, contradictory when he acted', () => {
    expect(play(toJudgment('a_personne', false)).snapshot.facts.caractere_jugement?.value).toBe(
      'reputee_contradictoire',
    );
    const heard = play(toJudgment('a_domicile', true)).snapshot;
    expect(heard.facts.caractere_jugement?.value).toBe('contradictoire');
    expect(due(heard, 'delai_non_avenu')).toBeUndefined();
  });

  it('a default judgment not served within six months is void', () => {
    const { snapshot } = play([...toJudgment('a_domicile', false), ['constater_non_avenu', null]]);
    expect(snapshot.state).toBe('non_avenu');
  });
});

describe('acts of service (CPC art. 528, 680)', () => {
  it('state the remedies open against the judgment served, and start their time from the service', () => {
    const { snapshot, last } = play([
      ...toJudgment('a_domicile', false),
      ['signifier_demandeur', 'commissaire'],
    ]);
    const act = last?.effects.find((e) => e.type === 'document.produce');
    const text = act?.type === 'document.produce' ? act.document.content : '';
    expect(text).toContain('Voies de recours (Code de procédure civile, art. 680)');
    expect(text).toContain('Le jugement signifié est par défaut.');
    expect(text).toMatch(
      /Opposition \(Code de procédure civile, art\. 538 et 571 à 578\) : dans le délai de 1 mois à compter de la présente signification, devant le tribunal qui a rendu le jugement/,
    );
    expect(text).toContain('Pourvoi en cassation');
    expect(text).toContain('ne court qu’à compter du jour où l’opposition n’est plus recevable');
    // Served to the claimant (5 March): only his own cassation time runs; the six months still run.
    expect(due(snapshot, 'delai_pourvoi', 'demandeur')).toBe('2027-05-05');
    expect(due(snapshot, 'delai_pourvoi', 'defendeur')).toBeUndefined();
    expect(due(snapshot, 'delai_opposition')).toBeUndefined();
    expect(due(snapshot, 'delai_non_avenu')).toBeDefined();
  });

  it('served to the defaulting defendant: opposition for one month, cassation only once opposition closes (art. 613)', () => {
    const { snapshot } = play([
      ...toJudgment('a_domicile', false),
      ['signifier_demandeur', 'commissaire'],
      ['signifier_defendeur', 'commissaire'],
    ]);
    expect(due(snapshot, 'delai_non_avenu')).toBeUndefined();
    expect(due(snapshot, 'delai_opposition', 'defendeur')).toBe('2027-04-06');
    expect(due(snapshot, 'delai_pourvoi', 'defendeur')).toBe('2027-06-07');
    // Each party's own time (CPC art. 528): the claimant's still runs from his own service.
    expect(due(snapshot, 'delai_pourvoi', 'demandeur')).toBe('2027-05-05');
  });

  it('a contradictory judgment opens no opposition: its statement omits it and the reducer refuses it', () => {
    const r = play([
      ...toJudgment('a_domicile', true),
      ['signifier_demandeur', 'commissaire'],
      ['signifier_defendeur', 'commissaire'],
      ['former_opposition', 'defendeur'],
    ]);
    expect(r.refused).toMatchObject({ status: 422, code: 'REMEDY_CLOSED' });
    expect(r.refused?.message).toMatch(/n’est pas ouvert contre un jugement contradictoire/);
    expect(due(r.snapshot, 'delai_opposition')).toBeUndefined();
    const act = r.last?.effects.find((e) => e.type === 'document.produce');
    expect(act?.type === 'document.produce' && act.document.content).not.toMatch(/Opposition/);
  });

  it('opposition within its time reopens the case, and the defendant is then heard', () => {
    const { snapshot } = play([
      ...toJudgment('a_domicile', false),
      ['signifier_demandeur', 'commissaire'],
      ['signifier_defendeur', 'commissaire'],
      ['former_opposition', 'defendeur'],
      ['juger', 'juge'],
    ]);
    expect(snapshot.facts.caractere_jugement?.value).toBe('contradictoire');
  });
});

describe('a non-suspensive remedy runs on a parallel track', () => {
  it('a cassation appeal leaves the case where it was and is pending until decided', () => {
    const served: Step[] = [
      ...toJudgment('a_domicile', true),
      ['signifier_demandeur', 'commissaire'],
      ['signifier_defendeur', 'commissaire'],
    ];
    const filed = play([...served, ['former_pourvoi', 'defendeur']]).snapshot;
    expect(filed.state).toBe('signifie');
    expect(filed.facts.pourvoi_pendant?.value).toBe(true);
    const rejected = play([...served, ['former_pourvoi', 'defendeur'], ['rejeter_pourvoi', 'juge']]).snapshot;
    expect(rejected.facts.pourvoi_pendant?.value).toBe(false);
    const closed = play([...served, ['clore', 'juge']], new Date('2027-03-01T10:00:00Z'));
    expect(closed.snapshot.state).toBe('clos');
  });

  it('is refused once its time ran out', () => {
    const served: Step[] = [
      ...toJudgment('a_domicile', true),
      ['signifier_demandeur', 'commissaire'],
      ['signifier_defendeur', 'commissaire'],
    ];
    const { snapshot } = play(served);
    const late = { ...snapshot, runningDeadlines: [] };
    const r = transition(
      p,
      late,
      {
        event: 'former_pourvoi',
        data: {},
        expectedVersion: late.version,
        actor: { kind: 'user', id: 'd', roles: ['defendeur'] },
      },
      new Date('2027-09-01T10:00:00Z'),
      rulesGuards(p),
    );
    expect(r).toMatchObject({ ok: false, error: { status: 422, code: 'REMEDY_CLOSED' } });
  });
});

describe('the contradictory principle (CPC art. 16)', () => {
  it('no order on an incident before the others’ time to answer ran out', () => {
    const raised = play([...toJudgment('a_domicile', true).slice(0, 3), ['soulever_incident', 'demandeur']]);
    const early = play([['ordonner', 'juge']], new Date('2027-03-05T10:00:00Z'), raised.snapshot);
    expect(early.refused).toMatchObject({ status: 409, code: 'DEADLINE_RUNNING' });
    expect(early.refused?.message).toContain(
      "à l’expiration du délai « Délai d'observations », qui court encore",
    );
    const expired = { ...raised.snapshot, runningDeadlines: [] };
    expect(play([['ordonner', 'juge']], new Date('2027-03-20T10:00:00Z'), expired).snapshot.state).toBe(
      'instruction',
    );
  });
});

describe('language v1 is untouched', () => {
  it('records no presence and no character on 1.0.0', () => {
    const s = start(annex);
    const d = transition(
      annex,
      s,
      {
        event: 'retirer_demande',
        data: { motif: 'Accord amiable trouvé avec le défendeur.' },
        expectedVersion: 0,
        actor: { kind: 'user', id: 'u', roles: ['demandeur'] },
      },
      new Date('2027-03-01T10:00:00Z'),
      rulesGuards(annex),
    );
    if (d.ok) expect(d.snapshot.facts[PARTIES_FACT]).toBeUndefined();
    expect(Object.keys(annex.remedies)).toEqual([]);
  });
});
