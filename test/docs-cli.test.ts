/**
 * `npx greffe docs build` through the real command, on the mediation fixture
 * and on edited copies of it: the site and the printed figures, and the exit
 * code when a spec is invalid or the legal text holds a hand-typed number.
 * The build and the wrong call run the binary in a child process; the two
 * refusals of a spec call the command's main() in the test's process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runGreffeHere } from './helpers/cli.ts';
import { copySpec, editSpec, FIXTURE_DIR } from './helpers/spec-copy.ts';

const run = promisify(execFile);

async function greffe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['cli/bin/greffe.js', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err: unknown) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'greffe-docs-cli-'));

describe('greffe docs build', () => {
  it('builds the site and prints the legal text’s plain-language figures', async () => {
    const out = tmp();
    const r = await greffe('docs', 'build', '--spec', FIXTURE_DIR, '--out', out);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Texte de l’annexe : \d+ articles, \d+ mots, \d+ phrases ; phrase moyenne : [\d,]+ mots ; la plus longue : \d+ mots \(article \d+\)/,
    );
    for (const f of [
      'index.html',
      'mediation/1.0.0/texte.html',
      'mediation/1.0.0/annexe.pdf',
      'mediation/1.0.0/resume.svg',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  }, 120_000);

  it('fails on a number typed by hand in a drafter’s text, and says where', async () => {
    const spec = copySpec(FIXTURE_DIR);
    editSpec(
      spec,
      'procedure.yaml',
      "    label: Constater l'accord\n",
      '    label: Constater l\'accord\n    text: { fr: "Le médiateur constate l\'accord dans les 30 jours." }\n',
    );
    const r = await runGreffeHere(['docs', 'build', '--spec', spec, '--out', tmp()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Nombre qui ne vient d’aucun paramètre : « 30 »');
    // A duration typed by hand stays in figures (only a parameter's is written in words): the drafting checker says where.
    expect(r.stdout).toMatch(/Rédaction : .*1 durée en chiffres/);
    // The fixture is published: a defect of its own text is a warning (fixed in a next version).
    expect(r.stdout).toMatch(
      /procedure\.yaml:\d+:\d+ {2}warning {2}redaction-duree-en-chiffres .*Version publiée/,
    );
  }, 120_000);

  it('refuses an invalid spec with its diagnostics, and a wrong call', async () => {
    const spec = copySpec(FIXTURE_DIR);
    editSpec(spec, 'procedure.yaml', 'to: close_accord', 'to: close_inconnu');
    const r = await runGreffeHere(['docs', 'build', '--spec', spec, '--out', tmp()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('close_inconnu');
    expect((await greffe('docs', 'publier')).code).toBe(2);
  }, 120_000);
});
