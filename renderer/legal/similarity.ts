/** How alike two passages of the legal text are, word for word: the drafting checker and the act merger share it. */

/** Lower case, one kind of space and apostrophe: the form texts are compared in. */
export const normFr = (s: string): string =>
  s
    .replace(/[\u202f\u00a0\s]+/g, ' ')
    .replace(/[’']/g, '’')
    .trim()
    .toLocaleLowerCase('fr');

/** Dice coefficient of the two texts' words (as multisets): 1 for the same text, above 0.8 for one differing by a word or two. */
export function similarity(a: string, b: string): number {
  const words = (s: string) => normFr(s).match(/[\p{L}\p{N}’-]+/gu) ?? [];
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const w of wa) pool.set(w, (pool.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      common += 1;
      pool.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/** Two sentences this alike say the same thing (one differs by a word or two). */
export const NEAR_IDENTICAL = 0.8;

/**
 * Two paragraphs this alike differ only by a party or a channel (0.87 to 0.96
 * in annex 1.1.0); a decree's parallel provisions, with their own durations,
 * starting acts and outcomes ("Le délai de complément demandé par le juge est
 * de quinze jours…"), stay below it (0.81 to 0.84 there).
 */
export const NEAR_IDENTICAL_PARAGRAPHS = 0.85;
