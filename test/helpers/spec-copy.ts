/** Copies a procedure version folder to a temp dir and edits its files, for tests of broken or changed specs. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANNEX_DIR = 'spec/procedures/petits-litiges/1.0.0';
export const FIXTURE_DIR = 'test/fixtures/procedures/mediation/1.0.0';
/**
 * The annex version that ships act templates (`acts/`): draft 1.2.0. Published 1.0.0 and 1.1.0 may not
 * gain files (a published version is never edited), so their cases print their acts from the produced text.
 */
export const ANNEX_ACTS_DIR = 'spec/procedures/petits-litiges/1.2.0';

/** A copy at `<tmp>/<id>/<version>/` (the loader checks folder names against id and version). */
export function copySpec(src: string): string {
  const parts = src.replace(/\/$/, '').split('/');
  const version = parts.at(-1) as string;
  const id = parts.at(-2) as string;
  const dest = join(mkdtempSync(join(tmpdir(), 'greffe-spec-')), id, version);
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** A copy of a published annex version (see copySpec) given the act templates of ANNEX_ACTS_DIR: to see how an older language version prints them. */
export function copyAnnexWithActs(src: string): string {
  const dir = copySpec(src);
  cpSync(join(ANNEX_ACTS_DIR, 'acts'), join(dir, 'acts'), { recursive: true });
  return dir;
}

/** Replaces `search` (which must occur) in `file` of the copy; returns the new text. */
export function editSpec(dir: string, file: string, search: string | RegExp, replacement: string): string {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(search, replacement);
  if (after === before) throw new Error(`editSpec: « ${String(search)} » introuvable dans ${file}`);
  writeFileSync(path, after);
  return after;
}

/** 1-based line and column of the first occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`positionOf: « ${needle} » introuvable`);
  const before = text.slice(0, at + shift);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) as string).length + 1 };
}

/**
 * A copy of the mediation fixture with a second party, against whom the answer
 * time runs separately: `delai_reponse` is `per_party: true`, started against
 * each party, and reminds both parties and the mediator (CPC art. 528).
 */
export function twoPartyFixture(): string {
  const dir = copySpec(FIXTURE_DIR);
  editSpec(
    dir,
    'procedure.yaml',
    '  mediateur:\n',
    '  voisin_mis_en_cause:\n    label: Voisin mis en cause\n    kind: partie\n  mediateur:\n',
  );
  editSpec(
    dir,
    'procedure.yaml',
    '    duration: delai_reponse\n',
    '    duration: delai_reponse\n    per_party: true\n',
  );
  editSpec(
    dir,
    'procedure.yaml',
    '      - start: delai_reponse\n',
    '      - start: { deadline: delai_reponse, against: requerant_voisin }\n' +
      '      - start: { deadline: delai_reponse, against: voisin_mis_en_cause }\n',
  );
  editSpec(
    dir,
    'procedure.yaml',
    'roles: [requerant_voisin]\n        channels',
    'roles: [requerant_voisin, voisin_mis_en_cause, mediateur]\n        channels',
  );
  return dir;
}
