/** The versions page: every version of the procedure found beside this one, with its date and status. */
import { dirname } from 'node:path';
import type { Procedure, VersionEntry } from '../../spec/index.ts';
import { listVersions, pickVersion } from '../../spec/index.ts';
import { formatDateFr } from '../french.ts';
import { esc } from '../html.ts';
import { page } from './layout.ts';

const STATUS_FR: Record<VersionEntry['status'], string> = {
  published: 'publiée',
  draft: 'projet',
  unknown: 'illisible (voir greffe validate)',
};

/** Versions of the procedure `p` belongs to (its sibling version folders; `p`'s own as loaded). */
export const versionsOf = (p: Procedure): VersionEntry[] =>
  listVersions(dirname(p.dir), [
    { id: p.id, version: p.version, status: p.status, effective: p.effective, dir: p.dir },
  ]).filter((v) => v.id === p.id);

/** Folder, inside a version's annex, of the redline from the previous published version. */
export const REDLINE_DIR = 'modifications';

/**
 * Consecutive published versions of `p`'s procedure, both built by this build, as
 * [older, newer]: the redline between them is published in the newer one's REDLINE_DIR.
 */
export function redlinePairs(
  p: Procedure,
  built: ReadonlySet<string>,
  versions: readonly VersionEntry[] = versionsOf(p),
): [string, string][] {
  const published = versions.filter((v) => v.status === 'published').map((v) => v.version);
  return published
    .slice(1)
    .map((v, i): [string, string] => [published[i] as string, v])
    .filter(([a, b]) => built.has(a) && built.has(b));
}

/** `built`: versions whose annex this build produced, linked from the table. */
export function versionsPage(p: Procedure, built: ReadonlySet<string>): string {
  const versions = versionsOf(p);
  const current = pickVersion(versions, p.id)?.version;
  const redlines = new Map(redlinePairs(p, built, versions).map(([a, b]) => [b, a]));
  const rows = [...versions]
    .reverse()
    .map((v) => {
      const name = built.has(v.version)
        ? `<a href="../${esc(v.version)}/index.html">${esc(v.version)}</a>`
        : esc(v.version);
      const notes = [
        v.version === p.version ? 'cette page' : '',
        v.version === current ? 'dernière version publiée' : '',
      ].filter(Boolean);
      const from = redlines.get(v.version);
      const redline = from
        ? `<a href="../${esc(v.version)}/${REDLINE_DIR}/index.html">Modifications depuis la version ${esc(from)}</a>`
        : '—';
      return `<tr><th scope="row">${name}</th><td>${esc(STATUS_FR[v.status])}</td><td>${v.effective ? esc(formatDateFr(v.effective)) : '—'}</td><td>${redline}</td><td>${esc(notes.join(', ')) || '—'}</td></tr>`;
    })
    .join('\n');
  const body = `<h1>Versions de l’annexe</h1>
<p>Chaque version de la procédure est une spécification distincte. Une affaire reste régie par la version en vigueur au jour de son dépôt ; une nouvelle version s’applique aux affaires nouvelles. Pour chaque version publiée après une autre, la colonne « Modifications » mène au texte, aux diagrammes et aux formulaires comparés à la version publiée précédente.</p>
<table><caption>Versions de la procédure « ${esc(p.id)} »</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Statut</th><th scope="col">Entrée en vigueur</th><th scope="col">Modifications</th><th scope="col">Remarque</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page(p, { id: 'versions', title: 'Versions', body });
}
