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

/** Each procedure.yaml's text and the data parsed from it, by file: a file read again unchanged is not parsed again. */
const heads = new Map<string, { text: string; head: Record<string, unknown> }>();

function readHead(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // An unreadable spec is listed as unknown; `greffe validate` says why.
    heads.delete(file);
    return {};
  }
  const hit = heads.get(file);
  if (hit?.text === text) return hit.head;
  let head: Record<string, unknown> = {};
  try {
    head = (parse(text) as Record<string, unknown>) ?? {};
  } catch {
    // An unparsable spec is listed as unknown; `greffe validate` says why.
  }
  heads.set(file, { text, head });
  return head;
}

/**
 * Lists versions without loading them fully (reads id, version, status, effective).
 * `known`: entries already at hand (a loaded version's own), used as they are instead of reading their folder.
 */
export function listVersions(
  root: string = DEFAULT_SPEC_ROOT,
  known: readonly VersionEntry[] = [],
): VersionEntry[] {
  return findProcedureDirs(root)
    .map((dir): VersionEntry => {
      const given = known.find((k) => k.dir === dir);
      if (given) return given;
      const head = readHead(join(dir, 'procedure.yaml'));
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
