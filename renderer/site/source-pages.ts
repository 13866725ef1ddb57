/**
 * The spec files as pages with numbered, anchored lines, so an article's
 * "procedure.yaml:812" opens the very line the rule comes from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Loc, Procedure } from '../../spec/index.ts';
import { esc } from '../html.ts';
import { page } from './layout.ts';

/** The spec file of `loc`, relative to the version folder ("procedure.yaml", "forms/demande.yaml"). */
export function specFileOf(p: Procedure, loc: Loc): string {
  const rel = relative(p.dir, resolve(loc.file)).split('\\').join('/');
  return rel.startsWith('..') ? (loc.file.split('/').pop() ?? loc.file) : rel;
}

/** Page name of a spec file: "forms/demande.yaml" → "source/forms-demande.yaml.html". */
export const sourcePage = (file: string): string => `source/${file.replace(/\//g, '-')}.html`;

/** "procedure.yaml:812" and the link to that line. */
export function specLink(p: Procedure, loc: Loc, root = ''): { text: string; href: string } {
  const file = specFileOf(p, loc);
  return { text: `${file}:${loc.line}`, href: `${root}${sourcePage(file)}#L${loc.line}` };
}

/** Every YAML file of the version, relative to its folder. */
export function specFiles(p: Procedure): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  return walk(p.dir)
    .map((f) => relative(p.dir, f).split('\\').join('/'))
    .sort();
}

export function sourcePageHtml(p: Procedure, file: string): string {
  const lines = readFileSync(join(p.dir, file), 'utf8').replace(/\n$/, '').split('\n');
  const body = lines
    .map((l, i) => `<span class="l" id="L${i + 1}"><span class="n">${i + 1}</span>${esc(l)}</span>`)
    .join('');
  return page(p, {
    id: 'source',
    root: '../',
    title: file,
    body: `<h1>Spécification : ${esc(file)}</h1>
<p>Fichier de la spécification tel que les rédacteurs l’ont écrit. Les numéros de ligne sont ceux que citent le texte de l’annexe et les diagrammes.</p>
<pre class="source" tabindex="0" aria-label="Contenu du fichier ${esc(file)}">${body}</pre>`,
  });
}
