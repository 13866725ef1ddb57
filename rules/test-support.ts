/** Helpers for rules/ tests: load a procedure, or a modified copy of one in a temporary folder. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadProcedure, type Procedure } from '../spec/index.ts';

export const FIXTURE = 'rules/fixtures/essai/1.0.0';

export function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure)
    throw new Error(`${dir} ne se charge pas :\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  return procedure;
}

/**
 * Copies the version folder `dir` to a temporary `<tmp>/<id>/<version>/` and
 * applies `edits` (file relative to the version folder → text transformation).
 * Returns the copy's folder. Each edit must change its file, or the test is void.
 */
export function editedCopy(dir: string, edits: Readonly<Record<string, (text: string) => string>>): string {
  const parts = dir.split('/').filter(Boolean);
  const target = join(mkdtempSync(join(tmpdir(), 'greffe-rules-')), ...parts.slice(-2));
  cpSync(dir, target, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(target, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`La modification de ${file} ne change rien.`);
    writeFileSync(path, after);
  }
  return target;
}
