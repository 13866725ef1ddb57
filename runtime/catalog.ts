/**
 * The procedure versions a server runs: every version found under the spec
 * root, loaded once at start. A case is pinned to its version for life; a
 * new case takes the latest published version unless it names one.
 */
import {
  compareVersions,
  type Diagnostic,
  findProcedureDirs,
  formatFolded,
  loadProcedure,
  pickVersion,
  type Procedure,
  type VersionEntry,
} from '../spec/index.ts';
import { GreffeError } from './errors.ts';
import { DEFAULT_TIME_ZONE, localDate } from './time/index.ts';

export interface Catalog {
  readonly procedures: readonly Procedure[];
  /** Versions that failed to load, with why (shown at start, never served). */
  readonly failures: readonly { readonly dir: string; readonly diagnostics: readonly Diagnostic[] }[];
  get(id: string, version: string): Procedure | undefined;
  /**
   * The version a new case uses: `version` if given, else the latest published version in force at
   * `now` (spec/catalog.ts pickVersion; the latest at all when drafts are allowed and none is published).
   */
  pick(id: string, version?: string, allowDrafts?: boolean, now?: Date): Procedure | undefined;
}

export function catalogOf(procedures: readonly Procedure[], failures: Catalog['failures'] = []): Catalog {
  const sorted = [...procedures].sort(
    (a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version),
  );
  const byKey = new Map(sorted.map((p) => [`${p.id}@${p.version}`, p]));
  const entries: VersionEntry[] = sorted.map((p) => ({
    id: p.id,
    version: p.version,
    status: p.status,
    effective: p.effective,
    dir: p.dir,
  }));
  return {
    procedures: sorted,
    failures,
    get: (id, version) => byKey.get(`${id}@${version}`),
    pick(id, version, allowDrafts = false, now) {
      // `effective` is a civil date: the day it names begins at midnight in France.
      const today = now === undefined ? undefined : localDate(now, DEFAULT_TIME_ZONE);
      const e =
        pickVersion(entries, id, version, today) ??
        (allowDrafts && version === undefined ? entries.filter((x) => x.id === id).at(-1) : undefined);
      return e ? byKey.get(`${e.id}@${e.version}`) : undefined;
    },
  };
}

/** Loads every procedure version under `root` (a folder of procedures, or one version folder). */
export function loadCatalog(root: string): Catalog {
  const procedures: Procedure[] = [];
  const failures: { dir: string; diagnostics: readonly Diagnostic[] }[] = [];
  for (const dir of findProcedureDirs(root)) {
    const { procedure, diagnostics } = loadProcedure(dir);
    if (procedure) procedures.push(procedure);
    else failures.push({ dir, diagnostics: diagnostics.filter((d) => d.severity === 'error') });
  }
  return catalogOf(procedures, failures);
}

/** French summary of the versions that failed to load. */
export function describeFailures(c: Catalog): string[] {
  return c.failures.flatMap((f) => [
    `Version ignorée (erreurs de spécification) : ${f.dir}`,
    // Root causes only, each with the count of what follows from it.
    ...formatFolded(f.diagnostics)
      .slice(0, 5)
      .map((d) => `  ${d}`),
  ]);
}

/** The procedure a case is pinned to; 503 when that version is no longer loaded. */
export function procedureOf(
  catalog: Catalog,
  c: { procedureId: string; procedureVersion: string },
): Procedure {
  const p = catalog.get(c.procedureId, c.procedureVersion);
  if (!p) {
    throw new GreffeError(
      503,
      'PROCEDURE_UNAVAILABLE',
      `La version ${c.procedureVersion} de la procédure ${c.procedureId}, qui régit cette affaire, n’est pas chargée sur ce serveur.`,
      { procedure: c.procedureId, version: c.procedureVersion },
    );
  }
  return p;
}
