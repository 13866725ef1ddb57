/**
 * The public contract of `greffe eligibility`, `greffe referral` and `greffe
 * test`, driven as a user would: files and stdin, exit codes. A real process
 * (`spawned`) for stdin, another working directory and one exit 2 and one
 * exit 1; the other cases call the same main() in the test's process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedCopy } from '../rules/test-support.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';

const ANNEX = 'spec/procedures/petits-litiges/1.0.0';

/** The command's main() in this process; resolves with its exit code and outputs. */
const greffe = runGreffeHere;
/** Runs the real `greffe` binary in a child process. */
const spawned = runGreffe;

function factsFile(facts: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'greffe-facts-')), 'faits.json');
  writeFileSync(file, JSON.stringify(facts));
  return file;
}

describe('greffe eligibility', () => {
  it('prints the contract object for a facts file and exits 0, even when not eligible', async () => {
    const r = await greffe([
      'eligibility',
      '--facts',
      factsFile({ montant: 4000, objets: ['paiement', 'licenciement'], matiere: 'travail' }),
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['procedure', 'version', 'eligible', 'reasons']);
    expect(out).toMatchObject({ procedure: 'petits-litiges', version: '1.0.0', eligible: false });
    const reasons = out.reasons as { rule: string; text: string; basis: string }[];
    expect(reasons.map((x) => x.rule)).toEqual(['montant_inferieur_au_seuil', 'objet_exclusif']);
    for (const x of reasons) expect(Object.keys(x)).toEqual(['rule', 'text', 'basis']);
  });

  it('reads the facts from stdin with --facts -', async () => {
    const r = await spawned(['eligibility', '--facts', '-'], {
      input: '{"montant": 3999.99, "objets": ["paiement"], "matiere": "civile"}',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ eligible: true });
  });

  it('exits 2 with one line per problem on stderr, naming the field, and nothing on stdout', async () => {
    const r = await spawned(['eligibility', '--facts', '-'], {
      input: '{"montant": "mille", "objets": [], "matiere": "civile"}',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^montant : /);
    expect(lines[1]).toMatch(/^objets : /);
  });

  it('exits 2 naming the field for an amount given as text ("3999"): never compared with the threshold', async () => {
    const r = await greffe(['eligibility', '--facts', '-'], {
      input: '{"montant": "3999", "objets": ["paiement"], "matiere": "civile"}',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('montant : doit être un nombre (reçu : « 3999 »)');
  });

  it('annex 1.1.0: 3,999.999 € exits 2 naming montant (cents), never rounded to the threshold', async () => {
    const facts = { montant: 3999.999, objets: ['paiement'], matiere_declaree: 'civile' };
    const r = await greffe(['eligibility', '--version', '1.1.0', '--facts', factsFile(facts)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^montant : .*deux décimales/m);
    expect(r.stderr).not.toContain('4 000,00');
    const ok = await greffe([
      'eligibility',
      '--version',
      '1.1.0',
      '--facts',
      factsFile({ ...facts, montant: 3999.99 }),
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ version: '1.1.0', eligible: true });
  });

  it('annex 1.1.0: a claim of value 0 or of undetermined value is not eligible, with its reason', async () => {
    for (const [montant, rule] of [
      [0, 'valeur_non_nulle'],
      [null, 'valeur_determinee'],
    ] as const) {
      const facts = { montant, objets: ['bien'], matiere_declaree: 'consommation' };
      const r = await greffe(['eligibility', '--version', '1.1.0', '--facts', factsFile(facts)]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { eligible: boolean; reasons: { rule: string; text: string }[] };
      expect(out.eligible).toBe(false);
      expect(out.reasons.map((x) => x.rule)).toEqual([rule]);
    }
  });

  it('exits 2 on facts that are not JSON, and on a version that does not exist', async () => {
    const bad = await greffe(['eligibility', '--facts', '-'], { input: '{ montant: 12 }' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^faits : /);
    const none = await greffe(['eligibility', '--facts', '-', '--version', '9.9.9'], { input: '{}' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('9.9.9');
  });

  it('follows a spec whose threshold moved to 5,000 EUR, with no code change', async () => {
    const copy = editedCopy(ANNEX, {
      'procedure.yaml': (t) =>
        t.replace(/(\n {2}seuil:\n(?: {4}.*\n)*? {4}value: \{ amount: )4000(, currency: EUR \})/, '$15000$2'),
    });
    const facts = factsFile({ montant: 4500, objets: ['paiement'], matiere: 'civile' });
    expect(JSON.parse((await greffe(['eligibility', '--facts', facts])).stdout)).toMatchObject({
      eligible: false,
    });
    const r = await greffe([
      'eligibility',
      '--facts',
      facts,
      '--specs',
      dirname(dirname(copy)),
      '--procedure',
      'petits-litiges',
      '--version',
      '1.0.0',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { eligible: boolean; reasons: { text: string }[] };
    expect(out.eligible).toBe(true);
    expect(out.reasons[0]?.text).toContain('5\u202f000\u00a0€');
  });

  it('finds the shipped procedures when run from another directory', async () => {
    const r = await spawned(['eligibility', '--facts', '-'], {
      cwd: tmpdir(),
      input: '{"montant": 800, "objets": ["paiement"], "matiere": "consommation"}',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ procedure: 'petits-litiges', eligible: true });
  });
});

describe('greffe referral', () => {
  it('says mandatory when the weak party asks in a protected matter', async () => {
    const r = await greffe(['referral', '--facts', '-'], {
      input: '{"matiere":"bail_habitation","requerant":"defendeur","partie_faible":"defendeur"}',
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['procedure', 'version', 'referral', 'reasons']);
    expect(out.referral).toBe('mandatory');
  });

  it('says discretionary otherwise, with a reason', async () => {
    const r = await greffe(['referral', '--facts', '-'], {
      input: '{"matiere":"civile","requerant":"juge","partie_faible":"aucune"}',
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { referral: string; reasons: unknown[] };
    expect(out.referral).toBe('discretionary');
    expect(out.reasons).toHaveLength(1);
  });

  it('exits 2 naming a missing fact', async () => {
    const r = await greffe(['referral', '--facts', '-'], {
      input: '{"matiere":"civile","requerant":"juge"}',
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^partie_faible : /);
  });
});

describe('greffe test', () => {
  it('runs the shipped scenarios and ends with the count line', async () => {
    const r = await greffe(['test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
  });

  it('reports a failing scenario with its file and line, expected and actual, and exits 1', async () => {
    const copy = editedCopy(ANNEX, {
      'tests/eligibilite.yaml': (t) =>
        t.replace(
          'facts: { montant: 4000, objets: [paiement], matiere: civile }\n    expect: { outcome: false,',
          'facts: { montant: 4000, objets: [paiement], matiere: civile }\n    expect: { outcome: true,',
        ),
    });
    const r = await spawned(['test', copy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Montant égal au seuil/);
    expect(r.stdout).toMatch(/tests\/eligibilite\.yaml:\d+:\d+/);
    expect(r.stdout).toContain('attendu : issue true, motifs [montant_inferieur_au_seuil]');
    expect(r.stdout).toContain('obtenu  : issue false, motifs [montant_inferieur_au_seuil]');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 1 failed$/);
  });

  it('exits 2 when there is no procedure to test', async () => {
    const r = await greffe(['test', mkdtempSync(join(tmpdir(), 'greffe-empty-'))]);
    expect(r.code).toBe(2);
  });
});
