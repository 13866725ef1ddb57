import { describe, expect, it } from 'vitest';
import { runScenarios } from './scenarios.ts';
import { editedCopy, FIXTURE, load } from './test-support.ts';

describe('runScenarios', () => {
  it('runs every decision scenario of the procedure and passes them', async () => {
    const report = await runScenarios(load(FIXTURE));
    expect(report.cases.map((c) => [c.name, c.passed])).toEqual([
      ['loyer sous le plafond', true],
      ['plafond atteint et nature exclue', true],
      ['somme négative refusée', true],
      ['aucune circonstance', true],
      ['deux circonstances', true],
    ]);
    expect(report).toMatchObject({ procedure: 'essai', version: '1.0.0', passed: 5, failed: 0, journeys: 0 });
  });

  it('fails a scenario whose outcome, reasons or refused facts differ, saying where and what', async () => {
    const dir = editedCopy(FIXTURE, {
      'tests/decisions.yaml': (t) =>
        t
          .replace(
            'expect: { outcome: true, reasons: [plafond_respecte, natures_admises] }',
            'expect: { outcome: false }',
          )
          .replace(
            'expect: { outcome: false, reasons: [plafond_respecte, natures_admises] }',
            'expect: { outcome: false, reasons: [plafond_respecte] }',
          )
          .replace(
            'expect: { outcome: false, invalid: [somme] }',
            'expect: { outcome: false, invalid: [natures] }',
          ),
    });
    const report = await runScenarios(load(dir));
    expect(report.failed).toBe(3);
    const [first, second, third] = report.cases;
    expect(first).toMatchObject({
      passed: false,
      line: 4,
      expected: 'issue false',
      actual: 'issue true, motifs [natures_admises, plafond_respecte]',
    });
    expect(first?.file).toMatch(/essai\/1\.0\.0\/tests\/decisions\.yaml$/);
    expect(second).toMatchObject({
      passed: false,
      line: 8,
      expected: 'issue false, motifs [plafond_respecte]',
    });
    expect(third?.passed).toBe(false);
    expect(third?.actual).toContain('faits refusés [somme] — somme : doit être supérieur ou égal à 0');
  });

  it('fails a case expecting refused facts when the facts are accepted', async () => {
    const dir = editedCopy(FIXTURE, {
      'tests/decisions.yaml': (t) => t.replace('facts: { somme: -1,', 'facts: { somme: 1,'),
    });
    const report = await runScenarios(load(dir));
    const c = report.cases.find((x) => x.name === 'somme négative refusée');
    expect(c).toMatchObject({
      passed: false,
      expected: 'faits refusés [somme]',
      actual: 'issue true, motifs [natures_admises, plafond_respecte]',
    });
  });
});
