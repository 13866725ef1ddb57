/**
 * `npx greffe validate` on the annex and on broken copies of it, through the
 * real command: exit codes, and the file:line:col a drafter is sent to. The
 * exit codes 2 and 1 are read from the binary in a child process; the other
 * cases call the same command's main() in the test's process.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { ANNEX_DIR, copySpec, editSpec, FIXTURE_DIR, positionOf } from './helpers/spec-copy.ts';

/** `greffe validate …`'s main() in this process. */
const greffe = (...args: string[]) => runGreffeHere(args);
/** The binary in a child process, for the exit codes as a shell sees them. */
const spawned = (...args: string[]) => runGreffe(args);

/** Expects a diagnostic line `file:line:col  error  code` in the output. */
function expectDiagnostic(
  stdout: string,
  dir: string,
  file: string,
  pos: { line: number; column: number },
  code: string,
) {
  const path = relative(process.cwd(), join(dir, file));
  expect(stdout).toContain(`${path}:${pos.line}:${pos.column}  error  ${code}`);
}

describe('greffe validate', () => {
  it('accepts the annex with no error and no warning', async () => {
    const r = await greffe('validate', '--strict', ANNEX_DIR);
    expect(r.stdout).toContain('0 erreur(s), 0 avertissement(s)');
    expect(r.code).toBe(0);
  });

  it('validates every procedure under spec/procedures by default and prints JSON on request', async () => {
    const r = await greffe('validate', '--json');
    const out = JSON.parse(r.stdout) as { procedures: number; errors: number; diagnostics: unknown[] };
    expect(out.procedures).toBeGreaterThanOrEqual(1);
    expect(out.errors).toBe(0);
    expect(r.code).toBe(0);
  });

  it('exits 2 on a folder without any procedure', async () => {
    const r = await spawned('validate', 'docs');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aucun procedure.yaml');
  });

  it('names the line of a YAML syntax error', async () => {
    const dir = copySpec(ANNEX_DIR);
    const text = editSpec(dir, 'procedure.yaml', /\nstates:\n/, '\nstates:\n  : : [\n');
    const r = await spawned('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/procedure\.yaml:\d+:\d+ {2}error {2}yaml-syntax/);
    const line = Number(/procedure\.yaml:(\d+):\d+ {2}error {2}yaml-syntax/.exec(r.stdout)?.[1]);
    const broken = positionOf(text, '  : : [').line;
    expect(line).toBeGreaterThanOrEqual(broken);
    expect(line).toBeLessThanOrEqual(broken + 1);
  });

  it('names the file, line and column of a to: naming no state', async () => {
    const dir = copySpec(ANNEX_DIR);
    const original = readFileSync(join(dir, 'procedure.yaml'), 'utf8');
    const target = /\n(\s+)to: (\w+)/.exec(original);
    expect(target).not.toBeNull();
    const text = editSpec(dir, 'procedure.yaml', target![0], `\n${target![1]}to: etat_inexistant`);
    const r = await greffe('validate', dir);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stdout, dir, 'procedure.yaml', positionOf(text, 'etat_inexistant'), 'unknown-state');
  });

  it('prints one diagnostic line for one typo in a to:, the root cause, its consequences folded', async () => {
    // A drafter edits a draft (a published version's own change is `published-version-changed`): the
    // repository's draft 1.2.0 (1.1.0 made a draft would also warn on its labels, second-person-label).
    const dir = copySpec('spec/procedures/petits-litiges/1.2.0');
    const text = editSpec(dir, 'procedure.yaml', '\n    to: conciliation\n', '\n    to: concilation\n');
    const lines = (out: string) =>
      out.split('\n').filter((l) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(l));
    const r = await greffe('validate', dir);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toHaveLength(1);
    expectDiagnostic(r.stdout, dir, 'procedure.yaml', positionOf(text, 'concilation'), 'unknown-state');
    expect(r.stdout).toContain('Vouliez-vous dire « conciliation » ?');
    expect(r.stdout).toMatch(/… et (\d+) conséquences \(unreachable-state ×\1\)/);
    expect(r.stdout).toContain('1 erreur(s), 0 avertissement(s) (et ');
    // The full list stays one flag away, and in JSON each consequence names its cause.
    const all = await greffe('validate', '--all', dir);
    expect(lines(all.stdout)).toHaveLength(1);
    expect(all.stdout.match(/ {6}↳ \S+ {2}error {2}unreachable-state/g)?.length).toBeGreaterThan(10);
    const json = JSON.parse((await greffe('validate', '--json', dir)).stdout) as {
      errors: number;
      consequences: number;
      diagnostics: { code: string; causedBy?: { code: string } }[];
    };
    expect(json.errors).toBe(1);
    expect(json.consequences).toBe(json.diagnostics.length - 1);
    expect(json.diagnostics.filter((d) => d.causedBy?.code === 'unknown-state')).toHaveLength(
      json.consequences,
    );
  });

  it('names the position of a reference to an unknown parameter', async () => {
    const dir = copySpec(ANNEX_DIR);
    const original = readFileSync(join(dir, 'procedure.yaml'), 'utf8');
    const target = /\n(\s+)duration: (\w+)/.exec(original);
    expect(target).not.toBeNull();
    const text = editSpec(dir, 'procedure.yaml', target![0], `\n${target![1]}duration: parametre_inconnu`);
    const r = await greffe('validate', dir);
    expect(r.code).toBe(1);
    expectDiagnostic(
      r.stdout,
      dir,
      'procedure.yaml',
      positionOf(text, 'parametre_inconnu'),
      'unknown-parameter',
    );
  });

  it('names the position of an unknown parameter cited in a text', async () => {
    const dir = copySpec(ANNEX_DIR);
    const text = editSpec(
      dir,
      'procedure.yaml',
      /\ntitle: .*\n/,
      '\ntitle: "Procédure jusqu’à ${plafond_inconnu}"\n',
    );
    const r = await greffe('validate', dir);
    expect(r.code).toBe(1);
    expectDiagnostic(
      r.stdout,
      dir,
      'procedure.yaml',
      positionOf(text, '"Procédure jusqu’à'),
      'unknown-parameter',
    );
  });

  it('names the position of an unreachable state', async () => {
    const dir = copySpec(ANNEX_DIR);
    const original = readFileSync(join(dir, 'procedure.yaml'), 'utf8');
    const phase = /\n {4}phase: (\w+)/.exec(original)?.[1];
    const text = editSpec(
      dir,
      'procedure.yaml',
      /\nstates:\n/,
      `\nstates:\n  etat_isole:\n    label: État isolé\n    phase: ${phase}\n    final: true\n    outcome: renvoi\n`,
    );
    const r = await greffe('validate', dir);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stdout, dir, 'procedure.yaml', positionOf(text, 'etat_isole:'), 'unreachable-state');
  });

  it('checks the drafting of the legal text: an error in a draft, a warning in a published version', async () => {
    const textFr =
      '    form: accord\n    text:\n      fr: "Le médiateur constate l’accord au vu du formulaire « Accord de médiation »."\n';
    const draft = copySpec(FIXTURE_DIR);
    editSpec(draft, 'procedure.yaml', 'status: published', 'status: draft');
    const text = editSpec(draft, 'procedure.yaml', '    form: accord\n', textFr);
    const r = await greffe('validate', draft);
    expect(r.code).toBe(1);
    expectDiagnostic(
      r.stdout,
      draft,
      'procedure.yaml',
      positionOf(text, 'Accord de médiation »'),
      'redaction-libelle-ecran',
    );
    expect(r.stdout).toMatch(/Rédaction du texte de mediation 1\.0\.0 : .*1 libellé d’écran cité/);

    const published = copySpec(FIXTURE_DIR);
    editSpec(published, 'procedure.yaml', '    form: accord\n', textFr);
    const loose = await greffe('validate', published);
    expect(loose.stdout).toMatch(/warning {2}redaction-libelle-ecran .*Version publiée/);
    expect(loose.code).toBe(0);
    expect((await greffe('validate', '--strict', published)).code).toBe(1);
  });
});
