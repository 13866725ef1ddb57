/**
 * Plain-language figures for the legal text: articles, words, sentences,
 * average and longest sentence. A sentence ends with . ! ? or … followed by
 * a capital; each list item counts as one sentence (it is read on its own
 * line). "art. 34" does not end a sentence (a digit follows).
 */
import type { LegalText } from './types.ts';
import { plainArticles } from './legal-text.ts';

export interface Readability {
  readonly articles: number;
  readonly words: number;
  readonly sentences: number;
  readonly averageWords: number;
  readonly longest: { readonly words: number; readonly text: string; readonly article: number };
}

/** Words of a text: whitespace-separated tokens holding a letter or a digit. */
export const countWords = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Splits a paragraph into sentences. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[«"A-ZÀÂÇÉÈÊËÎÏÔÛÙÜ])/u)
    .map((s) => s.trim())
    .filter((s) => countWords(s) > 0);
}

export function readability(text: LegalText): Readability {
  let words = 0;
  let sentences = 0;
  let longest = { words: 0, text: '', article: 0 };
  for (const { article, units } of plainArticles(text)) {
    for (const s of units.flatMap(splitSentences)) {
      const n = countWords(s);
      words += n;
      sentences += 1;
      if (n > longest.words) longest = { words: n, text: s, article: article.number };
    }
  }
  return {
    articles: text.articles.length,
    words,
    sentences,
    averageWords: sentences ? words / sentences : 0,
    longest,
  };
}

/** The figures as the build prints them, in plain French. */
export function formatReadability(r: Readability): string {
  const avg = r.averageWords.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return [
    `${r.articles} articles, ${r.words} mots, ${r.sentences} phrases`,
    `phrase moyenne : ${avg} mots ; la plus longue : ${r.longest.words} mots (article ${r.longest.article})`,
  ].join(' ; ');
}
