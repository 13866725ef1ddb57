/**
 * Which version a new filing goes to: the latest published version whose
 * `effective` date has come by the platform's clock, the earliest published
 * one before any is in force; a case stays on its version for life.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pickVersion, type VersionEntry } from '../spec/index.ts';
import { localRuntime, MEDIATRICE } from '../test/helpers/runtime.ts';
import { editSpec, FIXTURE_DIR } from '../test/helpers/spec-copy.ts';
import { loadCatalog } from './catalog.ts';
import { openCaseFor } from './service/open-case.ts';

const entry = (version: string, status: VersionEntry['status'], effective: string): VersionEntry => ({
  id: 'p',
  version,
  status,
  effective,
  dir: `/p/${version}`,
});
const ENTRIES = [
  entry('1.0.0', 'published', '2027-01-01'),
  entry('1.1.0', 'published', '2027-07-01'),
  entry('1.2.0', 'draft', '2027-01-01'),
];

describe('pickVersion', () => {
  it('takes the latest published version in force on the day, the earliest before any is', () => {
    const on = (today: string) => pickVersion(ENTRIES, 'p', undefined, today)?.version;
    expect(on('2026-12-03')).toBe('1.0.0'); // none in force yet: the earliest published
    expect(on('2027-01-01')).toBe('1.0.0');
    expect(on('2027-06-30')).toBe('1.0.0');
    expect(on('2027-07-01')).toBe('1.1.0');
    expect(on('2030-01-01')).toBe('1.1.0'); // a draft is never picked
    expect(pickVersion(ENTRIES, 'p', '1.2.0', '2026-01-01')?.version).toBe('1.2.0');
    expect(pickVersion(ENTRIES, 'p')?.version).toBe('1.1.0');
    expect(pickVersion(ENTRIES, 'autre', undefined, '2027-07-01')).toBeUndefined();
  });
});

/** A root with the mediation fixture at 1.0.0 (in force 2027-01-01) and a published 1.1.0 in force 2027-07-01. */
function twoVersions(): string {
  const root = mkdtempSync(join(tmpdir(), 'greffe-versions-'));
  cpSync(FIXTURE_DIR, join(root, 'mediation', '1.0.0'), { recursive: true });
  const next = join(root, 'mediation', '1.1.0');
  cpSync(FIXTURE_DIR, next, { recursive: true });
  editSpec(next, 'procedure.yaml', 'version: 1.0.0', 'version: 1.1.0');
  editSpec(next, 'procedure.yaml', 'effective: 2027-01-01', 'effective: 2027-07-01');
  return root;
}

describe('the catalogue by the platform clock', () => {
  const root = twoVersions();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('switches to 1.1.0 at midnight in France on its effective date', () => {
    const c = loadCatalog(root);
    expect(c.failures).toEqual([]);
    const at = (iso: string) => c.pick('mediation', undefined, false, new Date(iso))?.version;
    expect(at('2026-12-03T10:00:00Z')).toBe('1.0.0');
    expect(at('2027-06-30T21:59:59Z')).toBe('1.0.0'); // 23:59:59 in Paris
    expect(at('2027-06-30T22:00:00Z')).toBe('1.1.0'); // midnight in Paris, 1 July
  });

  it('files today’s cases under 1.0.0 and those of 1 July 2027 under 1.1.0; each keeps its version', async () => {
    const local = await localRuntime(root);
    try {
      const { rt, clock } = local;
      clock.set(new Date('2027-03-01T09:00:00Z'));
      const before = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
      clock.set(new Date('2027-07-01T09:00:00Z'));
      const after = await openCaseFor(rt, MEDIATRICE, { procedure: 'mediation' });
      expect((await rt.store.getCase(before))?.procedureVersion).toBe('1.0.0');
      expect((await rt.store.getCase(after))?.procedureVersion).toBe('1.1.0');
    } finally {
      local.close();
    }
  });
});
