/**
 * The migration plan of one case (runtime/engine/migration.ts) on the
 * fixture's versions 1.0.0 → 2.0.0: renamed and defaulted facts, and each
 * reason a case is refused or stays.
 */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { planMigration } from './migration.ts';

const load = (v: string) => {
  const { procedure, diagnostics } = loadProcedure(`test/fixtures/transitional/mediation/${v}`);
  if (!procedure) throw new Error(JSON.stringify(diagnostics));
  return procedure;
};
const v1 = load('1.0.0');
const v2 = load('2.0.0');
const NOW = new Date('2028-02-01T10:00:00Z');
const running = (deadline: string, dueAt: string) => ({ deadline, due: dueAt.slice(0, 10), dueAt });

/** 2.0.0 with its provisions for 1.0.0 changed. */
function withProvision(change: Partial<NonNullable<Procedure['transitional']>[number]>): Procedure {
  const [prov] = v2.transitional ?? [];
  if (!prov) throw new Error('fixture sans dispositions transitoires');
  return { ...v2, transitional: [{ ...prov, ...change }] };
}

const invited = {
  state: 'ouverte',
  closed: false,
  facts: { voisin_invite: { value: true, seq: 2, visibleTo: [] } },
  runningDeadlines: [running('delai_reponse', '2028-02-10T23:00:00.000Z')],
};

describe('planMigration', () => {
  it('moves an invited case: state mapped, fact renamed, its deadline kept', () => {
    expect(planMigration(v1, v2, invited, 3, NOW)).toEqual({
      kind: 'move',
      fromState: 'ouverte',
      toState: 'en_mediation',
      facts: { invitation_faite: { value: true, seq: 2, visibleTo: [] } },
      data: { from: '1.0.0', to: '2.0.0', renamed: { voisin_invite: 'invitation_faite' }, defaulted: {} },
    });
  });

  it('gives a default to a fact the case lacks, recorded by the migration item', () => {
    const target = withProvision({ defaults: { invitation_faite: false } });
    const plan = planMigration(v1, target, { ...invited, facts: {}, runningDeadlines: [] }, 2, NOW);
    expect(plan).toMatchObject({
      kind: 'move',
      facts: { invitation_faite: { value: false, seq: 2, visibleTo: [] } },
      data: { renamed: {}, defaulted: { invitation_faite: false } },
    });
    // A fact the case has (once renamed) keeps its value: the default is only for what is missing.
    expect(planMigration(v1, target, invited, 3, NOW)).toMatchObject({
      facts: { invitation_faite: { value: true, seq: 2 } },
      data: { defaulted: {} },
    });
  });

  it('refuses a case that lacks a fact a later decision reads', () => {
    const plan = planMigration(v1, v2, { ...invited, facts: {}, runningDeadlines: [] }, 2, NOW);
    expect(plan).toEqual({
      kind: 'refused',
      reason:
        'le fait « invitation_faite », lu par une décision à venir à l’état « en_mediation », manque à l’affaire',
    });
  });

  it('refuses a case whose deadline is due and not yet handled, or would not run in the new state', () => {
    const due = { ...invited, runningDeadlines: [running('delai_reponse', '2028-01-31T23:00:00.000Z')] };
    expect(planMigration(v1, v2, due, 3, NOW)).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/délai « delai_reponse » est échu/),
    });
    const toReport = withProvision({ states: { ouverte: 'rapport' } });
    expect(planMigration(v1, toReport, invited, 3, NOW)).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/ne court pas à l’état « rapport »/),
    });
  });

  it('leaves closed cases, and every case when the provisions say stay', () => {
    expect(planMigration(v1, v2, { ...invited, closed: true }, 3, NOW)).toEqual({
      kind: 'stay',
      reason: 'affaire close',
    });
    expect(planMigration(v1, withProvision({ cases: 'stay' }), invited, 3, NOW)).toMatchObject({
      kind: 'stay',
      reason: expect.stringMatching(/laisse les affaires de la version 1\.0\.0 sur leur version/),
    });
  });
});
