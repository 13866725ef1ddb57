/**
 * `npx greffe acts sample`: one PDF per act template, each readable by poppler's
 * pdftotext with its court, RG number and parties (French accents included).
 * `--seal` and one refusal run the binary in a child process; the plain sample
 * and the other refusal call the command's main() in the test's process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REMEDIES_TITLE } from '../runtime/acts/render-pdf.ts';
import { sampleActData } from '../runtime/acts/sample.ts';
import { loadActTemplates, partyRoles } from '../spec/acts.ts';
import { DEFAULT_SPEC_ROOT, findProcedureDirs, loadProcedure } from '../spec/index.ts';
import { runGreffeHere } from './helpers/cli.ts';

const run = promisify(execFile);
const text = async (pdf: string) => (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout;

describe('greffe acts sample', () => {
  it('writes one PDF per act template of every shipped procedure, each naming the court, the RG and the parties', async () => {
    const out = mkdtempSync(join(tmpdir(), 'greffe-acts-'));
    const r = await runGreffeHere(['acts', 'sample', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    let total = 0;
    const withActs: string[] = [];
    for (const dir of findProcedureDirs(DEFAULT_SPEC_ROOT)) {
      const { procedure } = loadProcedure(dir);
      if (!procedure) throw new Error(`procédure non chargée : ${dir}`);
      const { acts } = loadActTemplates(procedure);
      if (acts.length === 0) continue;
      withActs.push(`${procedure.id}@${procedure.version}`);
      total += acts.length;
      const target = join(out, procedure.id, procedure.version);
      expect(readdirSync(target).sort()).toEqual(acts.map((a) => `${a.id}.pdf`).sort());
      const parties = sampleActData(acts[0] as (typeof acts)[number], procedure).parties;
      for (const a of acts) {
        const t = await text(join(target, `${a.id}.pdf`));
        const where = `${procedure.id}/${a.id}`;
        expect(t, where).toContain('RG n° 27/00042');
        expect(t, where).toContain('Tribunal judiciaire de Lyon');
        for (const role of partyRoles(procedure))
          expect(t, where).toContain(`${procedure.roles[role]?.label} : ${parties[role]}`);
        expect(t, where).toContain('Fait le 15 mars 2027.');
        expect(t, where).not.toContain('${');
        expect(t.includes(REMEDIES_TITLE), where).toBe(a.remedies);
      }
    }
    expect(withActs).toEqual(expect.arrayContaining(['injonction-de-payer@1.0.0', 'petits-litiges@1.2.0']));
    expect(r.stdout).toContain(`${total} acte(s) rendu(s)`);
    const convocation = await text(join(out, 'petits-litiges', '1.2.0', 'convocation.pdf'));
    expect(convocation).toContain('Défendeur : SARL Élan Rénovation');
    expect(convocation).toContain('moins de 4 000 €');
    expect(convocation).toContain('« greffe acts sample »');
  }, 180_000);

  it('--seal: each act carries the court’s seal, valid for pdfsig, and says a development seal has no value', async () => {
    const out = mkdtempSync(join(tmpdir(), 'greffe-acts-'));
    const args = [
      'cli/bin/greffe.js',
      'acts',
      'sample',
      '--seal',
      '--procedure',
      'petits-litiges',
      '--out',
      out,
    ];
    await run('node', args, {
      env: { ...process.env, GREFFE_DEV_PKI_DIR: join(out, 'pki') },
    });
    const file = join(out, 'petits-litiges', '1.2.0', 'acte_signification_jugement.pdf');
    const { stdout } = await run('pdfsig', [file]);
    expect(stdout).toContain('Signature Validation: Signature is Valid.');
    expect((await text(file)).replace(/\s+/g, ' ')).toContain('sans valeur juridique');
  }, 180_000);

  it('refuses an unknown subcommand and an unknown procedure', async () => {
    await expect(run('node', ['cli/bin/greffe.js', 'acts', 'print'])).rejects.toMatchObject({ code: 2 });
    const unknown = await runGreffeHere(['acts', 'sample', '--procedure', 'inconnue', '--out', tmpdir()]);
    expect(unknown.code).toBe(2);
  }, 60_000);
});
