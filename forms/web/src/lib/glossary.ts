/** Looking words up in the spec's glossaries. */

/** Lower case, without accents: "Défendeur" and "defendeur" are the same word to a search. */
export const plain = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The glossary's words that appear in `text`: the ones a reader of it may ask about. */
export function wordsIn(text: string, glossary: Readonly<Record<string, string>>): Record<string, string> {
  const t = plain(text);
  return Object.fromEntries(Object.entries(glossary).filter(([w]) => t.includes(plain(w))));
}

/** Words whose name or definition contains `query`. */
export function searchGlossary(query: string, glossary: Readonly<Record<string, string>>): string[] {
  const q = plain(query.trim());
  return Object.keys(glossary)
    .filter((w) => plain(w).includes(q) || plain(glossary[w] ?? '').includes(q))
    .sort((a, b) => a.localeCompare(b, 'fr'));
}
