/** What `greffe dev` serves after each save: only the saved version is checked again, and a broken one keeps its last good pages. */
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { versionContent } from '../../renderer/site/version-files.ts';
import { loadProcedure } from '../../spec/index.ts';
import { copySpec, editSpec, FIXTURE_DIR } from '../../test/helpers/spec-copy.ts';
import { PreviewState } from './preview-state.ts';

const first = copySpec(FIXTURE_DIR); // <tmp>/mediation/1.0.0
const root = dirname(dirname(first));
const second = join(dirname(first), '2.0.0');
cpSync(first, second, { recursive: true });
editSpec(second, 'procedure.yaml', /^version: 1\.0\.0$/m, 'version: 2.0.0');
editSpec(second, 'procedure.yaml', /^status: published$/m, 'status: draft');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PreviewState', () => {
  const state = new PreviewState(root);

  it('checks every version at start and generates the pages of those that load', () => {
    const r = state.rebuild();
    expect(r.checked).toEqual([first, second]);
    expect(state.versions.map((v) => [v.key, v.content?.procedure.status, v.stale])).toEqual([
      ['mediation/1.0.0', 'published', false],
      ['mediation/2.0.0', 'draft', false],
    ]);
    expect(state.byKey('mediation', '2.0.0')?.content?.files.get('texte.html')).toContain('<h1');
    expect(state.errorCount()).toBe(0);
    expect(state.generation).toBe(1);
  });

  it('checks again only the version holding the saved file', () => {
    const before = state.byKey('mediation', '1.0.0')?.content;
    const r = state.rebuild([join(second, 'procedure.yaml')]);
    expect(r.checked).toEqual([second]);
    expect(r.servedChanged).toBe(true);
    expect(state.byKey('mediation', '1.0.0')?.content).toBe(before);
    expect(state.generation).toBe(2);
  });

  it('keeps the last good pages of a version that no longer loads, with the error where it is', () => {
    const good = state.byKey('mediation', '2.0.0')?.content;
    editSpec(second, 'procedure.yaml', '    to: close_accord\n', '    to: close_acord\n');
    const r = state.rebuild([join(second, 'procedure.yaml')]);
    expect(r.servedChanged).toBe(false);
    const v = state.byKey('mediation', '2.0.0');
    expect(v?.stale).toBe(true);
    expect(v?.content).toBe(good);
    const errors = v?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((d) => d.file.endsWith('2.0.0/procedure.yaml') && d.line === 66)).toBe(true);
    expect(state.procedures().map((p) => p.version)).toEqual(['1.0.0', '2.0.0']);

    editSpec(second, 'procedure.yaml', '    to: close_acord\n', '    to: close_accord\n');
    const fixed = state.rebuild([join(second, 'procedure.yaml')]);
    expect(fixed.servedChanged).toBe(true);
    expect(state.byKey('mediation', '2.0.0')?.stale).toBe(false);
    expect(state.errorCount()).toBe(0);
  });

  it('checks every version again when a file outside any version changes', () => {
    expect(state.rebuild([join(root, 'mediation', 'tests', 'x.yaml')]).checked).toEqual([first, second]);
  });

  it('checks only its version when a scenario kept beside the versions changes', () => {
    expect(state.rebuild([join(root, 'mediation', 'tests', '2.0.0', 'x.yaml')]).checked).toEqual([second]);
  });

  it('parses again only the saved file, and loads what a fresh load gives', () => {
    const { parsed, reused } = state.sources;
    editSpec(second, 'procedure.yaml', /^title: (.*)$/m, 'title: $1 (projet)');
    state.rebuild([join(second, 'procedure.yaml')]);
    expect(state.sources.parsed - parsed).toBe(1);
    expect(state.sources.reused - reused).toBeGreaterThan(0);
    const fresh = loadProcedure(second);
    const served = state.byKey('mediation', '2.0.0');
    expect(served?.content?.procedure.title).toMatch(/\(projet\)$/);
    expect(served?.content?.procedure).toEqual(fresh.procedure);
    // The loader's diagnostics come first, then those of the act templates and the drafting.
    expect(served?.diagnostics.slice(0, fresh.diagnostics.length)).toEqual(fresh.diagnostics);
  });

  it('makes each page when first read, the same as the annex build makes it', () => {
    const served = state.byKey('mediation', '2.0.0')?.content;
    const p = loadProcedure(second).procedure;
    if (!p) throw new Error('2.0.0 ne se charge pas');
    const built = versionContent(p, new Set(['1.0.0', '2.0.0']));
    expect([...(served?.files.keys() ?? [])]).toEqual([...built.files.keys()]);
    for (const [file, content] of built.files) expect(served?.files.get(file), file).toBe(content);
  });
});
