/**
 * `greffe test --coverage` on copies of the small mediation fixture, given a
 * rule set and scenarios: the uncovered events, transitions and rule branches listed in
 * French, the last line per version, exit 1 only for a published version
 * below 100 %, and scenarios written beside a published version
 * (<procedure>/tests/<version>/) counted with its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { copySpec, editSpec, FIXTURE_DIR } from './helpers/spec-copy.ts';

const RULES = `# yaml-language-server: $schema=../../../../../../spec/schema/rules.schema.json
facts:
  montant:
    title: "Montant de la demande"
    type: number
    minimum: 0
rulesets:
  plafond:
    label: "Demande sous le plafond"
    facts: [montant]
    combine: all
    outcomes: { satisfied: true, unsatisfied: false }
    rules:
      - id: sous_plafond
        label: "Montant inférieur au plafond"
        conditions:
          all:
            - { fact: montant, operator: lessThanInclusive, value: { param: plafond } }
        explanation: "La demande porte sur \${montant} €."
        failure: "La demande dépasse \${plafond}."
        basis: "fixture de test"
`;

const schema = (depth: number) =>
  `# yaml-language-server: $schema=${'../'.repeat(depth)}spec/schema/tests.schema.json\n`;

/** Covers inviter_voisin and constater_accord, and the rule held. */
const INSIDE = `journeys:
  - name: "Accord après invitation"
    steps:
      - { event: inviter_voisin, as: mediateur, expect_state: ouverte }
      - { event: constater_accord, as: mediateur, data: { termes: "Le voisin taille la haie avant juin." }, expect_state: close_accord }
    expect: { state: close_accord }
decisions:
  - name: "800 € sous le plafond"
    ruleset: plafond
    facts: { montant: 800 }
    expect: { outcome: true }
`;

/** Covers the rest: the expiry, the failure, and the rule not held. */
const BESIDE = `journeys:
  - name: "Le voisin ne répond pas"
    steps:
      - { event: inviter_voisin, as: mediateur, expect_state: ouverte }
      - { wait: P20D, expect_state: close_echec }
    expect: { state: close_echec }
  - name: "Échec constaté"
    steps:
      - { event: constater_echec, as: requerant_voisin, expect_state: close_echec }
    expect: { state: close_echec }
decisions:
  - name: "2 000 € au-dessus du plafond"
    ruleset: plafond
    facts: { montant: 2000 }
    expect: { outcome: false }
`;

/** A copy of the fixture with the rule set and the scenarios inside its version folder. */
function fixture(status: 'published' | 'draft' = 'published'): string {
  const dir = copySpec(FIXTURE_DIR);
  if (status === 'draft') editSpec(dir, 'procedure.yaml', 'status: published', 'status: draft');
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  mkdirSync(join(dir, 'tests'));
  writeFileSync(join(dir, 'tests', 'parcours.yaml'), schema(6) + INSIDE);
  return dir;
}

const lastLine = (out: string) => out.trimEnd().split('\n').at(-1);

describe('greffe test --coverage', () => {
  it('lists what no scenario exercises and fails a published version below 100 %', async () => {
    const dir = fixture();
    const r = await runGreffe(['test', '--coverage', dir]);
    expect(r.stdout).toContain('2 passed, 0 failed');
    expect(r.stdout).toContain('mediation 1.0.0 : événements qu’aucun scénario ne déclenche :');
    expect(r.stdout).toContain("  - constater_echec (Constater l'échec)");
    expect(r.stdout).toContain('  - expirer_delai_reponse (Expiration du délai de réponse)');
    expect(r.stdout).toContain('  - règle plafond.sous_plafond écartée');
    expect(r.stdout).toContain('est publiée : ses scénarios doivent tout couvrir');
    expect(lastLine(r.stdout)).toBe(
      'coverage mediation@1.0.0: 2/4 events, 2/4 transitions, 1/2 rule branches',
    );
    expect(r.code).toBe(1);
  });

  it('counts the scenarios written beside a published version, which then reaches 100 %', async () => {
    const dir = fixture();
    const beside = join(dirname(dir), 'tests', '1.0.0');
    mkdirSync(beside, { recursive: true });
    writeFileSync(join(beside, 'complement.yaml'), schema(6) + BESIDE);
    const r = await runGreffeHere(['test', '--coverage', dir]);
    expect(r.stdout).toContain('5 passed, 0 failed');
    expect(r.stdout).not.toContain('qu’aucun scénario');
    expect(lastLine(r.stdout)).toBe(
      'coverage mediation@1.0.0: 4/4 events, 4/4 transitions, 2/2 rule branches',
    );
    expect(r.code).toBe(0);
  });

  it('reports a draft below 100 % without failing, and says nothing of coverage without the option', async () => {
    const dir = fixture('draft');
    const r = await runGreffeHere(['test', '--coverage', dir]);
    expect(lastLine(r.stdout)).toBe(
      'coverage mediation@1.0.0: 2/4 events, 2/4 transitions, 1/2 rule branches',
    );
    expect(r.code).toBe(0);
    const plain = await runGreffeHere(['test', fixture()]);
    expect(plain.stdout).not.toContain('coverage');
    expect(lastLine(plain.stdout)).toBe('2 passed, 0 failed');
    expect(plain.code).toBe(0);
  });

  it('finds the published annex 1.0.0 fully exercised, with the scenarios beside it', async () => {
    const r = await runGreffeHere(['test', '--coverage', 'spec/procedures/petits-litiges/1.0.0']);
    expect(lastLine(r.stdout)).toBe(
      'coverage petits-litiges@1.0.0: 53/53 events, 65/65 transitions, 6/6 rule branches',
    );
    expect(r.stdout).toContain('petits-litiges/tests/1.0.0/parcours-complementaires.yaml');
    expect(r.code).toBe(0);
  });

  it('counts transitions, not only events: a second transition of a fired event never taken fails a published version', async () => {
    const dir = fixture();
    // constater_accord gets a second transition, taken only when the terms say the neighbour refused.
    editSpec(
      dir,
      'procedure.yaml',
      '    to: close_accord\n    roles: [mediateur]\n    form: accord\n',
      '    to: close_accord\n    roles: [mediateur]\n    form: accord\n    when: { fact: termes, operator: notEqual, value: refus }\n' +
        '  - event: constater_accord\n    label: Constater le refus des termes\n    from: ouverte\n    to: close_echec\n' +
        '    roles: [mediateur]\n    form: accord\n    when: { fact: termes, operator: equal, value: refus }\n',
    );
    const beside = join(dirname(dir), 'tests', '1.0.0');
    mkdirSync(beside, { recursive: true });
    writeFileSync(join(beside, 'complement.yaml'), schema(6) + BESIDE);
    const r = await runGreffeHere(['test', '--coverage', dir]);
    expect(r.stdout).toContain('5 passed, 0 failed');
    expect(r.stdout).not.toContain('événements qu’aucun scénario');
    expect(r.stdout).toContain('mediation 1.0.0 : transitions qu’aucun scénario ne prend :');
    expect(r.stdout).toMatch(/ {2}- constater_accord \(ouverte → close_echec, ligne \d+\)/);
    expect(lastLine(r.stdout)).toBe(
      'coverage mediation@1.0.0: 4/4 events, 4/5 transitions, 2/2 rule branches',
    );
    expect(r.code).toBe(1);
  });
});
