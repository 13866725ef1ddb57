/**
 * Assembles the legal text: articles in a fixed order (scope, actors,
 * identification, one per phase, acts at several stages, time, information,
 * the file, recourse, entry into force), numbered, with cross-references
 * resolved by `resolveRefs` for each output format.
 */
import type { Procedure } from '../../spec/index.ts';
import { formatParameter, renderTemplate } from '../../spec/index.ts';
import { formatDateFr } from '../french.ts';
import {
  actorsArticle,
  entryIntoForceArticle,
  identificationArticle,
  rulesetBlocks,
  scopeArticle,
  scopeRulesets,
} from './articles-general.ts';
import { deadlinesArticle, informationArticle } from './articles-deadlines.ts';
import { documentsArticle, remediesArticle } from './articles-documents.ts';
import { phaseArticles, transversalArticle } from './articles-phases.ts';
import type { ActContext } from './act-paragraph.ts';
import { specRef } from './refs.ts';
import {
  type Article,
  type ArticleDraft,
  type Block,
  type LegalText,
  REF_PATTERN,
  type RefTarget,
} from './types.ts';
import { articleNumberFr, refLabelFr, typographyFr } from './typography.ts';

/** Rulesets no act uses as a guard still state rules: each gets an article. */
function unusedRulesetArticles(p: Procedure): ArticleDraft[] {
  const guarded = new Set(p.transitions.flatMap((t) => t.guard));
  return Object.values(p.rules.rulesets)
    .filter((rs) => !guarded.has(rs.id))
    .map((rs) => ({
      key: `ruleset:${rs.id}`,
      title: rs.label,
      blocks: rulesetBlocks(p, rs),
      refs: [specRef(rs)],
    }));
}

/**
 * The legal text of a procedure version, articles numbered from 1.
 * @example renderLegalText(procedure).articles[0]?.title // "Objet et champ d’application"
 */
export function renderLegalText(p: Procedure): LegalText {
  const ctx: ActContext = {
    scopeRulesets: new Set(scopeRulesets(p).map((r) => r.id)),
    statedRulesets: new Set(),
  };
  const drafts = [
    scopeArticle(p),
    actorsArticle(p),
    identificationArticle(p),
    ...phaseArticles(p, ctx),
    transversalArticle(p, ctx),
    ...unusedRulesetArticles(p),
    deadlinesArticle(p),
    informationArticle(p),
    documentsArticle(p),
    remediesArticle(p),
    entryIntoForceArticle(p),
  ].filter((a): a is ArticleDraft => a !== undefined);
  // Durations the parameters render go into words; one typed by hand stays in figures, to be flagged.
  const durations = new Set(
    Object.values(p.parameters)
      .filter((x) => x.type === 'duration')
      .map((x) => formatParameter(x).replace(/[\u202f\u00a0]/g, ' ')),
  );
  const t = (s: string) => typographyFr(s, durations);
  const typesetBlock = (b: Block): Block =>
    b.kind === 'p' ? { ...b, text: t(b.text) } : { ...b, intro: t(b.intro), items: b.items.map(t) };
  return {
    title: t(renderTemplate(p.title, p)),
    subtitle: t(`Annexe au Code de procédure civile, en vigueur le ${formatDateFr(p.effective)}`),
    articles: drafts.map((a, i) => ({
      ...a,
      title: t(a.title),
      blocks: a.blocks.map(typesetBlock),
      number: i + 1,
    })),
  };
}

/** Alinéas a block counts for: a paragraph is one; a list, its introduction and each item. */
const alineas = (b: Block): number => (b.kind === 'p' ? 1 : 1 + b.items.length);

/** Where each key and alias points: its article, and the alinéa for an act's block key. */
export function articleIndex(text: LegalText): Map<string, RefTarget> {
  const index = new Map<string, RefTarget>();
  for (const a of text.articles) {
    for (const k of [a.key, ...(a.aliases ?? [])]) if (!index.has(k)) index.set(k, { number: a.number });
    let alinea = 1;
    for (const b of a.blocks) {
      for (const k of b.keys ?? []) if (!index.has(k)) index.set(k, { number: a.number, alinea });
      if (b.kind === 'list')
        b.itemKeys?.forEach((keys, i) => {
          for (const k of keys) if (!index.has(k)) index.set(k, { number: a.number, alinea: alinea + 1 + i });
        });
      alinea += alineas(b);
    }
  }
  return index;
}

/**
 * Replaces `[[art:KEY]]` by what `link(number, words)` returns, `words` being
 * "article 1er", "article 7" or "troisième alinéa de l’article 5".
 * An unknown key is a bug in the renderer: it throws rather than print a broken reference.
 */
export function resolveRefs(
  text: string,
  index: Map<string, RefTarget>,
  link: (n: number, words: string) => string,
): string {
  return text.replace(REF_PATTERN, (_, key: string) => {
    const t = index.get(key);
    if (t === undefined) throw new Error(`Renvoi vers un article inconnu : ${key}`);
    return link(t.number, refLabelFr(t.number, t.alinea));
  });
}

/** Each article as plain text units (paragraphs, list intros, list items; refs resolved), for statistics and checks. */
export function plainArticles(text: LegalText): { article: Article; title: string; units: string[] }[] {
  const index = articleIndex(text);
  const plain = (s: string) => resolveRefs(s, index, (_n, words) => words);
  return text.articles.map((a) => ({
    article: a,
    title: plain(a.title),
    units: a.blocks.flatMap((b) =>
      b.kind === 'p' ? [plain(b.text)] : [plain(b.intro), ...b.items.map(plain)],
    ),
  }));
}

/** The whole legal text as plain text (titles and bodies, refs resolved), as the number check reads it. */
export const legalPlainText = (text: LegalText): string =>
  plainArticles(text)
    .flatMap((a) => [`Article ${articleNumberFr(a.article.number)} — ${a.title}`, ...a.units])
    .join('\n');
