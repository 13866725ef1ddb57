/**
 * Root causes first: one typo in the annex gives one diagnostic, what follows from it is folded under
 * it. Runs on temp copies of the annex's latest version (a published version is never edited).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpec } from '../test/helpers/spec-copy.ts';
import { type Diagnostic, foldDiagnostics, formatFolded, loadProcedure } from './index.ts';

const ANNEX = 'spec/procedures/petits-litiges/1.1.0';
const original = readFileSync(join(ANNEX, 'procedure.yaml'), 'utf8');
const lines = original.split('\n');
const states = (() => {
  const from = lines.indexOf('states:');
  const to = lines.indexOf('transitions:');
  return lines.slice(from, to).flatMap((l) => /^ {2}([a-z_0-9]+):$/.exec(l)?.[1] ?? []);
})();

/** The name with its middle letter dropped ("conciliation" → "concilation"), never a declared state. */
function typo(name: string): string {
  const i = Math.floor(name.length / 2);
  const out = name.slice(0, i) + name.slice(i + 1);
  expect(states).not.toContain(out);
  return out;
}

/** A copy of the annex with line `index` (0-based) of procedure.yaml rewritten by `edit`. */
function copyWith(index: number, edit: (line: string) => string): string {
  const dir = copySpec(ANNEX);
  const copy = [...lines];
  copy[index] = edit(copy[index] as string);
  expect(copy[index]).not.toBe(lines[index]);
  writeFileSync(join(dir, 'procedure.yaml'), copy.join('\n'));
  return dir;
}

const toLines = lines.flatMap((l, i) => (/^ {4}to: [a-z_0-9]+$/.test(l) ? [i] : []));

describe('a typo is reported once, with what follows from it folded under it', () => {
  it('finds the annex’s states and transitions to break', () => {
    expect(states.length).toBeGreaterThan(20);
    expect(toLines.length).toBeGreaterThan(20);
  });

  // The first, the first into the conciliation phase, a middle and the last `to:` of the annex.
  const picks = [
    ...new Set([
      toLines[0] as number,
      lines.indexOf('    to: conciliation'),
      toLines[Math.floor(toLines.length / 2)] as number,
      toLines.at(-1) as number,
    ]),
  ];
  const folded: number[] = [];
  for (const index of picks) {
    const target = (lines[index] as string).replace(/^ {4}to: /, '');
    it(`a typo in “to: ${target}” (line ${index + 1}) → one diagnostic, the unknown state`, () => {
      const wrong = typo(target);
      const dir = copyWith(index, (l) => l.replace(target, wrong));
      const { diagnostics } = loadProcedure(dir);
      const roots = foldDiagnostics(diagnostics);
      expect(
        roots.map((r) => r.root.code),
        JSON.stringify(roots.slice(0, 5), null, 1),
      ).toEqual(['unknown-state']);
      const root = roots[0]?.root as Diagnostic;
      expect(root.line).toBe(index + 1);
      expect(root.message).toContain(`« ${wrong} »`);
      expect(root.hint).toContain(`Vouliez-vous dire « ${target} » ?`);
      // Every consequence names its root and comes after it in the folded list.
      for (const c of roots[0]?.consequences ?? [])
        expect(c.causedBy).toMatchObject({ code: 'unknown-state', line: index + 1 });
      folded.push(diagnostics.length - 1);
    });
  }

  it('folded something: without folding, these typos give more than one error', () => {
    // The typo in the first `to: conciliation` leaves the whole conciliation phase unreachable.
    expect(folded.length).toBe(picks.length);
    expect(Math.max(...folded)).toBeGreaterThan(10);
  });

  it('two typos in two to: → two diagnostics, each with what follows from it', () => {
    const first = lines.indexOf('    to: conciliation');
    const second = toLines.at(-1) as number;
    const dir = copySpec(ANNEX);
    const copy = [...lines];
    for (const i of [first, second]) {
      const target = (copy[i] as string).replace(/^ {4}to: /, '');
      copy[i] = `    to: ${typo(target)}`;
    }
    writeFileSync(join(dir, 'procedure.yaml'), copy.join('\n'));
    const roots = foldDiagnostics(loadProcedure(dir).diagnostics);
    expect(roots.map((r) => [r.root.code, r.root.line])).toEqual([
      ['unknown-state', first + 1],
      ['unknown-state', second + 1],
    ]);
  });

  for (const state of ['conciliation', 'instruction']) {
    it(`a typo in the declaration of the state “${state}” → at most 3 diagnostics, the first naming the declaration`, () => {
      const index = lines.indexOf(`  ${state}:`, lines.indexOf('states:'));
      const wrong = typo(state);
      const dir = copyWith(index, () => `  ${wrong}:`);
      const { diagnostics } = loadProcedure(dir);
      const roots = foldDiagnostics(diagnostics);
      expect(roots.length, formatFolded(diagnostics).join('\n')).toBeLessThanOrEqual(3);
      expect(diagnostics.length).toBeGreaterThan(roots.length);
      const first = roots.find((r) => r.root.code === 'unknown-state')?.root;
      expect(first?.message).toContain(`« ${state} »`);
      // The hint says where the declaration is: the diagnostic itself stands on the first reference.
      expect(first?.line).not.toBe(index + 1);
      expect(first?.hint).toContain(
        `la faute est sans doute dans la déclaration (${first?.file}:${index + 1}), renommez-la « ${state} ».`,
      );
      expect(first?.hint).toMatch(
        new RegExp(`^Vouliez-vous dire « ${wrong} » \\? « ${state} » est cité \\d+ fois`),
      );
    });
  }
});

describe('foldDiagnostics / formatFolded', () => {
  const d = (code: string, line: number, causedBy?: Diagnostic): Diagnostic => ({
    code,
    severity: 'error',
    file: 'procedure.yaml',
    line,
    column: 3,
    message: `message ${line}`,
    hint: `conseil ${line}`,
    ...(causedBy && {
      causedBy: { code: causedBy.code, file: causedBy.file, line: causedBy.line, column: causedBy.column },
    }),
  });
  const root = d('unknown-state', 40);
  const middle = d('unknown-state', 50, root);
  const list = [d('unreachable-state', 10, middle), root, middle, d('dead-end-state', 60)];

  it('folds chains under their root, roots in list order', () => {
    const folded = foldDiagnostics(list);
    expect(folded.map((f) => [f.root.line, f.consequences.map((c) => c.line)])).toEqual([
      [40, [10, 50]],
      [60, []],
    ]);
  });

  it('prints one line counting the consequences, or each of them with all', () => {
    const [short] = formatFolded(list);
    expect(short).toContain('et 2 conséquences (unreachable-state ×1, unknown-state ×1)');
    expect(short?.match(/ {2}error {2}/g)).toHaveLength(1);
    const [long] = formatFolded(list, { all: true });
    expect(long?.match(/ {2}error {2}/g)).toHaveLength(3);
  });

  it('keeps a diagnostic whose cause is not in the list as a root', () => {
    expect(foldDiagnostics([middle]).map((f) => f.root)).toEqual([middle]);
  });
});
