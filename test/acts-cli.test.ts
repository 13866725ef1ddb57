/**
 * `npx greffe acts sample`: one PDF per act template, each readable by poppler's
 * pdftotext with its court, RG number and parties (French accents included).
 * `--seal` and one refusal run the binary in a child process; the plain sample
 * and the other refusal call the command's main() in the test's process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REMEDIES_TITLE } from '../runtime/acts/render-pdf.ts';
import { loadActTemplates } from '../spec/acts.ts';
import { loadProcedure } from '../spec/index.ts';
import { runGreffeHere } from './helpers/cli.ts';
import { copyAnnexWithActs } from './helpers/spec-copy.ts';

const run = promisify(execFile);
const text = async (pdf: string) => (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout;
/** The annex with the act templates written for it (published 1.0.0 does not carry them): `<root>/<id>/<version>`. */
const annex = copyAnnexWithActs();
const specRoot = dirname(dirname(annex));

describe('greffe acts sample', () => {
  it('writes one PDF per act template, each naming the court, the RG and the parties', async () => {
    const out = mkdtempSync(join(tmpdir(), 'greffe-acts-'));
    const r = await runGreffeHere([
      'acts',
      'sample',
      '--procedure',
      'petits-litiges',
      '--spec',
      specRoot,
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { procedure } = loadProcedure(annex);
    if (!procedure) throw new Error('annexe non chargée');
    const { acts } = loadActTemplates(procedure);
    const dir = join(out, 'petits-litiges', '1.0.0');
    expect(readdirSync(dir).sort()).toEqual(acts.map((a) => `${a.id}.pdf`).sort());
    expect(r.stdout).toContain(`${acts.length} acte(s) rendu(s)`);
    for (const a of acts) {
      const t = await text(join(dir, `${a.id}.pdf`));
      expect(t, a.id).toContain('RG n° 27/00042');
      expect(t, a.id).toContain('Tribunal judiciaire de Lyon');
      expect(t, a.id).toContain('Demandeur : Jeanne Martin');
      expect(t, a.id).toContain('Défendeur : SARL Élan Rénovation');
      expect(t, a.id).toContain('Fait le 15 mars 2027.');
      expect(t, a.id).not.toContain('${');
      expect(t.includes(REMEDIES_TITLE), a.id).toBe(a.remedies);
      expect(t.includes('Code d’accès : K7QF-2M9P-XW4D'), a.id).toBe(a.accessCode);
    }
    const convocation = await text(join(dir, 'convocation.pdf'));
    expect(convocation).toContain('moins de 4 000 €');
    expect(convocation).toContain('« greffe acts sample »');
  }, 120_000);

  it('--seal: each act carries the court’s seal, valid for pdfsig, and says a development seal has no value', async () => {
    const out = mkdtempSync(join(tmpdir(), 'greffe-acts-'));
    await run('node', ['cli/bin/greffe.js', 'acts', 'sample', '--seal', '--spec', specRoot, '--out', out], {
      env: { ...process.env, GREFFE_DEV_PKI_DIR: join(out, 'pki') },
    });
    const file = join(out, 'petits-litiges', '1.0.0', 'acte_signification_jugement.pdf');
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
