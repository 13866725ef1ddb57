/**
 * Issue 13, point 1: a published version is immutable. In a copy of the
 * repository's spec/procedures, one character changed in published 1.1.0 makes
 * the real `greffe validate` fail with `published-version-changed` at the
 * changed line; the same change in a draft made by `greffe new-version`
 * validates, and `greffe publish` locks that draft in turn. `new-version`,
 * `publish` and the first refusal run the binary in a child process; the other
 * validations call its main() in the test's process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLock, formatLock, lockPath } from '../spec/lock.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';

const SOURCE = 'spec/procedures';
const PUBLISHED = ['1.0.0', '1.1.0'];

function specCopy(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'greffe-lock-')), 'procedures');
  cpSync(SOURCE, root, { recursive: true });
  return root;
}

/** Raises the threshold from 4 000 to 5 000 EUR (one character); returns the changed line's number. */
function raiseThreshold(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('value: { amount: 4000, currency: EUR }'));
  if (at < 0) throw new Error(`raiseThreshold : seuil introuvable dans ${file}`);
  lines[at] = (lines[at] as string).replace('4000', '5000');
  writeFileSync(file, lines.join('\n'));
  return at + 1;
}

/** The `published-version-changed` lines of validate's output, as `file:line`. */
const changedAt = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.includes('published-version-changed'))
    .map((l) => l.split(/\s+/)[0]?.replace(/:\d+$/, '') ?? '');

describe('published versions are immutable', { timeout: 120_000 }, () => {
  it('the lock files of the shipped versions match their folders', () => {
    for (const v of PUBLISHED) {
      const dir = join(SOURCE, 'petits-litiges', v);
      expect(readFileSync(lockPath(dir), 'utf8')).toBe(formatLock(computeLock(dir)));
    }
  });

  it('one character changed in published 1.1.0 fails validate at that line; the same change in a new draft passes', async () => {
    const root = specCopy();
    const published = join(root, 'petits-litiges/1.1.0');
    const manifest = join(published, 'procedure.yaml');
    const original = readFileSync(manifest);
    const line = raiseThreshold(manifest);

    const changed = await runGreffe(['validate', published]);
    expect(changed.code).toBe(1);
    const where = changedAt(changed.stdout);
    expect(where).toHaveLength(1);
    expect(where[0]).toMatch(new RegExp(`petits-litiges/1\\.1\\.0/procedure\\.yaml:${line}$`));
    expect(changed.stdout).toMatch(/a changé depuis sa publication/);
    expect(changed.stdout).toMatch(/npx greffe new-version petits-litiges <nouvelle version> --from 1\.1\.0/);

    writeFileSync(manifest, original);
    // 1.3.0, from the latest: the repository already holds the draft 1.2.0 (neutral labels, issue 15
    // point 4), whose procedure.yaml has the threshold on the same line as 1.1.0's.
    const made = await runGreffe(['new-version', 'petits-litiges', '1.3.0', '--spec', root]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const draft = join(root, 'petits-litiges/1.3.0');
    const draftManifest = readFileSync(join(draft, 'procedure.yaml'), 'utf8');
    expect(draftManifest).toMatch(/^version: 1\.3\.0$/m);
    expect(draftManifest).toMatch(/^status: draft$/m);
    expect(raiseThreshold(join(draft, 'procedure.yaml'))).toBe(line);

    const all = await runGreffeHere(['validate', root]);
    expect(changedAt(all.stdout)).toEqual([]);
    expect(all.stdout).toMatch(/\d+ version\(s\) de procédure vérifiée\(s\) : 0 erreur\(s\)/);
    expect(all.code).toBe(0);

    // Publishing the draft locks it: from then on, its own bytes are guarded too.
    const pub = await runGreffe(['publish', draft]);
    expect(pub.code).toBe(0);
    expect(readFileSync(join(draft, 'procedure.yaml'), 'utf8')).toMatch(/^status: published$/m);
    expect(JSON.parse(readFileSync(lockPath(draft), 'utf8')).files['procedure.yaml'].sha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
    writeFileSync(join(draft, 'NOTES.md'), `${readFileSync(join(draft, 'NOTES.md'), 'utf8')}\nAjout.\n`);
    const after = await runGreffeHere(['validate', draft]);
    expect(after.code).toBe(1);
    expect(changedAt(after.stdout)[0]).toMatch(/1\.3\.0\/NOTES\.md:\d+$/);
  });

  it('reports a file added to or removed from a published version, and a published version without lock', async () => {
    const root = specCopy();
    const v = join(root, 'petits-litiges/1.0.0');
    writeFileSync(join(v, 'forms/nouveau.yaml'), '# ajout\n');
    rmSync(join(v, 'tests/renvoi.yaml'));
    const r = await runGreffeHere(['validate', v]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /1\.0\.0\/forms\/nouveau\.yaml:1:1 {2}error {2}published-version-changed {2}Le fichier forms\/nouveau\.yaml a été ajouté/,
    );
    const lockLine =
      readFileSync(lockPath(v), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('    "tests/renvoi.yaml"')) + 1;
    expect(lockLine).toBeGreaterThan(1);
    expect(r.stdout).toContain(
      `1.0.0.lock.json:${lockLine}:5  error  published-version-changed  Le fichier tests/renvoi.yaml a été retiré`,
    );

    rmSync(join(v, 'forms/nouveau.yaml'));
    rmSync(lockPath(v));
    const unlocked = await runGreffeHere(['validate', v]);
    expect(unlocked.stdout).toMatch(/warning {2}published-without-lock .*n’a pas de verrou/);
    expect(unlocked.stdout).toContain('npx greffe publish');
  });
});
