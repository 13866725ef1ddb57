/** The procedures available under a spec root: their versions, and which one applies. */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { findProcedureDirs } from './load.ts';
import { compareVersions } from './versions.ts';

export { compareVersions };

export interface VersionEntry {
  readonly id: string;
  readonly version: string;
  readonly status: 'draft' | 'published' | 'unknown';
  readonly effective?: string;
  readonly dir: string;
}

/** Default root of the procedures shipped with greffe. */
export const DEFAULT_SPEC_ROOT = 'spec/procedures';

/** Lists versions without loading them fully (reads id, version, status, effective). */
export function listVersions(root: string = DEFAULT_SPEC_ROOT): VersionEntry[] {
  return findProcedureDirs(root)
    .map((dir): VersionEntry => {
      let head: Record<string, unknown> = {};
      try {
        head = (parse(readFileSync(join(dir, 'procedure.yaml'), 'utf8')) as Record<string, unknown>) ?? {};
      } catch {
        // An unreadable spec is listed as unknown; `greffe validate` says why.
      }
      const status = head.status === 'published' || head.status === 'draft' ? head.status : 'unknown';
      return {
        id: typeof head.id === 'string' ? head.id : basename(dirname(dir)),
        version: typeof head.version === 'string' ? head.version : basename(dir),
        status,
        ...(typeof head.effective === 'string' && { effective: head.effective }),
        dir,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version));
}

/**
 * The version to use: `version` when given; else, on `today` (a civil date,
 * AAAA-MM-JJ), the latest published version whose `effective` date has come,
 * or the earliest published one when none is in force yet (a case filed before
 * the first version's date still needs one). Without `today`, the latest
 * published version. `entries` are in version order (listVersions, catalogOf).
 */
export function pickVersion(
  entries: readonly VersionEntry[],
  id: string,
  version?: string,
  today?: string,
): VersionEntry | undefined {
  const mine = entries.filter((e) => e.id === id);
  if (version !== undefined) return mine.find((e) => e.version === version);
  const published = mine.filter((e) => e.status === 'published');
  if (today === undefined) return published.at(-1);
  return published.filter((e) => e.effective === undefined || e.effective <= today).at(-1) ?? published[0];
}
