/**
 * What `greffe dev` serves: every procedure version under the spec folder,
 * checked as `greffe validate` checks it (loader and checker, act templates,
 * drafting of the legal text) and turned into the annex's pages in memory.
 * On a save only the version folder that holds the file is checked again,
 * and only the files whose bytes changed are parsed again (SourceCache);
 * a version that no longer loads keeps its last good pages, shown beside
 * the errors that stop the new ones.
 */
import { basename, dirname, join, sep } from 'node:path';
import { type VersionContent, versionContent } from '../../renderer/site/version-files.ts';
import { loadActTemplates } from '../../spec/acts.ts';
import {
  type Diagnostic,
  findProcedureDirs,
  loadProcedure,
  type Procedure,
  SourceCache,
} from '../../spec/index.ts';

export interface VersionBuild {
  /** Absolute folder of the version (holds procedure.yaml). */
  readonly dir: string;
  /** `<id>/<version>` as the folder names it: the preview's address of this version. */
  readonly key: string;
  /** Diagnostics of the last check (loader, act templates, drafting), in `greffe validate`'s order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The pages of the last version that loaded; undefined if it never did. */
  readonly content?: VersionContent;
  /** True when the last check failed and `content` comes from an earlier save. */
  readonly stale: boolean;
  /** When `content` was made. */
  readonly builtAt?: Date;
}

export interface RebuildReport {
  /** Folders checked again. */
  readonly checked: readonly string[];
  /** Whether a version's served pages changed (a new good build, a version added or removed). */
  readonly servedChanged: boolean;
  /** Milliseconds spent checking and generating. */
  readonly ms: number;
  /** Of which loading and checking the spec (loadProcedure), as `greffe validate` does first. */
  readonly loadMs: number;
}

const keyOf = (dir: string) => `${basename(dirname(dir))}/${basename(dir)}`;

export class PreviewState {
  /** Bumped on every rebuild: a page made at an older generation reloads. */
  generation = 0;
  private readonly builds = new Map<string, VersionBuild>();
  /** The spec files as last parsed: a save re-parses only the file it wrote. */
  readonly sources = new SourceCache();

  constructor(readonly root: string) {}

  get versions(): readonly VersionBuild[] {
    return [...this.builds.values()];
  }

  byKey(id: string, version: string): VersionBuild | undefined {
    return this.versions.find((v) => v.key === `${id}/${version}`);
  }

  /** The procedures the runtime serves: the last good build of each version. */
  procedures(): Procedure[] {
    return this.versions.flatMap((v) => (v.content ? [v.content.procedure] : []));
  }

  errorCount(): number {
    return this.versions.reduce((n, v) => n + v.diagnostics.filter((d) => d.severity === 'error').length, 0);
  }

  /**
   * Checks again the versions holding one of `changed` (absolute paths) — in
   * their folder or among their scenarios kept beside the versions
   * (`<procedure>/tests/<version>/`) — or every version when `changed` is
   * undefined or names a file outside these (a new version, a shared file).
   */
  rebuild(changed?: readonly string[]): RebuildReport {
    const t0 = performance.now();
    const dirs = findProcedureDirs(this.root);
    let servedChanged = false;
    for (const dir of [...this.builds.keys()]) {
      if (!dirs.includes(dir)) {
        this.builds.delete(dir);
        servedChanged = true;
      }
    }
    const under = (file: string, dir: string) => file === dir || file.startsWith(dir + sep);
    const inside = (file: string, dir: string) =>
      under(file, dir) || under(file, join(dirname(dir), 'tests', basename(dir)));
    const all =
      changed === undefined || changed.some((f) => !dirs.some((d) => inside(f, d))) ? dirs : undefined;
    const toCheck = all ?? dirs.filter((d) => !this.builds.has(d) || changed?.some((f) => inside(f, d)));
    let loadMs = 0;
    for (const dir of toCheck) {
      const siblings = new Set(dirs.filter((d) => dirname(d) === dirname(dir)).map((d) => basename(d)));
      const t = performance.now();
      const loaded = loadProcedure(dir, { sources: this.sources });
      loadMs += performance.now() - t;
      const next = checkVersion(dir, loaded, siblings, this.builds.get(dir));
      if (!next.stale) servedChanged = true;
      this.builds.set(dir, next);
    }
    this.generation++;
    return { checked: toCheck, servedChanged, ms: performance.now() - t0, loadMs };
  }
}

/** Checks one loaded version folder as `greffe validate` does, and generates its pages if it loads. */
function checkVersion(
  dir: string,
  { procedure, diagnostics }: ReturnType<typeof loadProcedure>,
  siblings: ReadonlySet<string>,
  previous?: VersionBuild,
): VersionBuild {
  const key = keyOf(dir);
  if (!procedure) {
    return {
      dir,
      key,
      diagnostics,
      stale: previous?.content !== undefined,
      ...(previous?.content && { content: previous.content }),
      ...(previous?.builtAt && { builtAt: previous.builtAt }),
    };
  }
  const content = versionContent(procedure, siblings, { lazy: true });
  return {
    dir,
    key,
    diagnostics: [
      ...diagnostics,
      ...loadActTemplates(procedure).diagnostics,
      ...content.drafting.diagnostics,
    ],
    content,
    stale: false,
    builtAt: new Date(),
  };
}
