/**
 * The generated legal texts of two versions, compared article by article:
 * articles are matched by their stable key ("phase:instruction", "delais"),
 * their alinéas (paragraphs, list introductions, list items; cross-references
 * resolved) are aligned, and each changed alinéa is diffed word by word.
 */
import { diffArrays } from 'diff';
import type { Procedure } from '../../spec/index.ts';
import { plainArticles, renderLegalText } from '../legal/legal-text.ts';
import type { LegalText } from '../legal/types.ts';
import { type WordPart, hasEdits, wordDiff } from './word-diff.ts';

/** One alinéa: kept as it was, added, removed, or edited (word by word). */
export type AlineaDiff =
  | { readonly op: 'same' | 'add' | 'del'; readonly text: string }
  | { readonly op: 'edit'; readonly parts: readonly WordPart[] };

export interface ArticleDiff {
  readonly key: string;
  readonly kind: 'same' | 'added' | 'removed' | 'changed';
  /** Number and title in the older version (absent for an added article). */
  readonly before?: { readonly number: number; readonly title: string };
  /** Number and title in the newer version (absent for a removed article). */
  readonly after?: { readonly number: number; readonly title: string };
  readonly title: readonly WordPart[];
  readonly alineas: readonly AlineaDiff[];
}

export interface LegalDiff {
  /** The annex's title and subtitle, word by word. */
  readonly title: readonly WordPart[];
  readonly subtitle: readonly WordPart[];
  /** Every article: the newer version's in order, each removed one after the article that preceded it. */
  readonly articles: readonly ArticleDiff[];
}

interface Plain {
  readonly key: string;
  readonly number: number;
  readonly title: string;
  readonly units: readonly string[];
}

const plain = (text: LegalText): Plain[] =>
  plainArticles(text).map((a) => ({
    key: a.article.key,
    number: a.article.number,
    title: a.title,
    units: a.units,
  }));

/** Aligns the alinéas; a run of removed ones followed by added ones is paired off and diffed word by word. */
export function alineaDiff(before: readonly string[], after: readonly string[]): AlineaDiff[] {
  const out: AlineaDiff[] = [];
  const changes = diffArrays([...before], [...after]);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as (typeof changes)[number];
    if (!c.added && !c.removed) {
      for (const text of c.value) out.push({ op: 'same', text });
      continue;
    }
    const next = changes[i + 1];
    if (c.removed && next?.added) {
      const n = Math.max(c.value.length, next.value.length);
      for (let k = 0; k < n; k++) {
        const del = c.value[k];
        const add = next.value[k];
        if (del !== undefined && add !== undefined) out.push({ op: 'edit', parts: wordDiff(del, add) });
        else if (del !== undefined) out.push({ op: 'del', text: del });
        else if (add !== undefined) out.push({ op: 'add', text: add });
      }
      i++;
      continue;
    }
    for (const text of c.value) out.push({ op: c.added ? 'add' : 'del', text });
  }
  return out;
}

function articleDiff(a: Plain | undefined, b: Plain | undefined): ArticleDiff {
  const key = (b ?? a)?.key as string;
  const side = (x?: Plain) => (x ? { number: x.number, title: x.title } : undefined);
  const title = wordDiff(a?.title ?? '', b?.title ?? '');
  const alineas = alineaDiff(a?.units ?? [], b?.units ?? []);
  const kind = !a
    ? 'added'
    : !b
      ? 'removed'
      : hasEdits(title) || alineas.some((x) => x.op !== 'same')
        ? 'changed'
        : 'same';
  const before = side(a);
  const after = side(b);
  return { key, kind, ...(before && { before }), ...(after && { after }), title, alineas };
}

/** Compares two legal texts already rendered. */
export function diffLegalTexts(before: LegalText, after: LegalText): LegalDiff {
  const pa = plain(before);
  const pb = plain(after);
  const byKeyA = new Map(pa.map((x) => [x.key, x]));
  const keysB = new Set(pb.map((x) => x.key));
  const removedAfter = new Map<string | undefined, Plain[]>();
  let previous: string | undefined;
  for (const x of pa) {
    if (!keysB.has(x.key)) removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), x]);
    else previous = x.key;
  }
  const articles: ArticleDiff[] = (removedAfter.get(undefined) ?? []).map((x) => articleDiff(x, undefined));
  for (const x of pb) {
    articles.push(articleDiff(byKeyA.get(x.key), x));
    for (const r of removedAfter.get(x.key) ?? []) articles.push(articleDiff(r, undefined));
  }
  return {
    title: wordDiff(before.title, after.title),
    subtitle: wordDiff(before.subtitle, after.subtitle),
    articles,
  };
}

/** Renders both versions' legal texts (as renderer/legal generates them) and compares them. */
export const diffLegal = (before: Procedure, after: Procedure): LegalDiff =>
  diffLegalTexts(renderLegalText(before), renderLegalText(after));
