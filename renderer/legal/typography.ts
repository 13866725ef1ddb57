/**
 * French typography of the legal text, applied by the renderer to every
 * string of the text (drafters never type a non-breaking space): a narrow
 * non-breaking space (U+202F) before ; : ? ! and inside « », the
 * typographic apostrophe ’, "1er" for the first article, and durations in
 * words as a decree writes them ("quinze jours", "d’un mois").
 * The drafting checker (drafting-check.ts) counts what this should have
 * prevented, so the two stay in step.
 */
import { REF_PATTERN } from './types.ts';

/** The one non-breaking space of the legal text: narrow (U+202F), before ; : ? ! » and after «. */
export const NNBSP = '\u202f';

const UNITS = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const TEENS = [
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = [
  '',
  '',
  'vingt',
  'trente',
  'quarante',
  'cinquante',
  'soixante',
  'soixante',
  'quatre-vingt',
  'quatre-vingt',
];

/**
 * A whole number from 0 to 999 in French words (1990 spelling reform: hyphens between all parts).
 * @example numberWordsFr(21) // "vingt-et-un"
 */
export function numberWordsFr(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n === 0) return 'zéro';
  if (n >= 100) {
    const h = Math.floor(n / 100);
    const rest = n % 100;
    const head = h === 1 ? 'cent' : `${UNITS[h]}-cent${rest === 0 ? 's' : ''}`;
    return rest === 0 ? head : `${head}-${numberWordsFr(rest)}`;
  }
  if (n < 10) return UNITS[n] as string;
  if (n < 20) return TEENS[n - 10] as string;
  const t = Math.floor(n / 10);
  const u = n % 10;
  if (t === 7 || t === 9) return `${TENS[t]}-${u === 1 && t === 7 ? 'et-' : ''}${TEENS[u]}`;
  if (u === 0) return t === 8 ? 'quatre-vingts' : (TENS[t] as string);
  return `${TENS[t]}-${u === 1 && t !== 8 ? 'et-' : ''}${UNITS[u]}`;
}

/** Units of time a decree writes with the number in words. */
const DURATION =
  /(\b[Dd]e\s+)?\b(\d{1,3})(\s|\u00a0|\u202f)+(jours?|mois|ans?|années?|semaines?|heures?|minutes?)\b/g;
const FEMININE_UNITS = /^(semaine|heure|minute|année)/;

/** "15 jours" → "quinze jours", "de 1 mois" → "d’un mois", "1 semaine" → "une semaine". */
export function durationsInWords(s: string): string {
  return s.replace(DURATION, (_m, de: string | undefined, digits: string, _sp, unit: string) => {
    const n = Number(digits);
    const words = n === 1 && FEMININE_UNITS.test(unit) ? 'une' : numberWordsFr(n);
    if (de && n === 1) return `${de.startsWith('D') ? 'D' : 'd'}’${words} ${unit}`;
    return `${de ?? ''}${words} ${unit}`;
  });
}

/** Spaces and apostrophes of one stretch of text without cross-references. */
function spacesAndApostrophes(s: string): string {
  return s
    .replace(/\b([Aa]rticle)\s+1(?!\d|er\b|-)/g, '$1 1er')
    .replace(/'/g, '’')
    .replace(/[ \t\u00a0]+([;:?!»])/g, `${NNBSP}$1`)
    .replace(/([\p{L}\p{N})’”])([;?!»])/gu, `$1${NNBSP}$2`)
    .replace(/([\p{L})])(:)(?=\s|$)/gu, `$1${NNBSP}$2`)
    .replace(/«[ \t\u00a0]*/g, `«${NNBSP}`);
}

/**
 * Applies French typography to one string of the legal text. Cross-references
 * (`[[art:KEY]]`) are left as they are: their keys are not prose.
 * @example typographyFr("l'acte : 15 jours ; « Oui »") // "l’acte : quinze jours ; « Oui »" (narrow NBSPs)
 */
export function typographyFr(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(new RegExp(REF_PATTERN.source, 'g'))) {
    const at = m.index ?? 0;
    out += spacesAndApostrophes(durationsInWords(s.slice(last, at))) + m[0];
    last = at + m[0].length;
  }
  return out + spacesAndApostrophes(durationsInWords(s.slice(last)));
}

/** An article's number as a decree writes it: "1er", then "2", "3"… */
export const articleNumberFr = (n: number): string => (n === 1 ? '1er' : String(n));

/**
 * "premier", "deuxième", "vingt-et-unième"… for alinéa numbers.
 * @example ordinalFr(3) // "troisième"
 */
export function ordinalFr(n: number): string {
  if (n === 1) return 'premier';
  const w = numberWordsFr(n);
  if (w.endsWith('cinq')) return `${w}uième`;
  if (w.endsWith('neuf')) return `${w.slice(0, -1)}vième`;
  return `${w.replace(/e$/, '').replace(/(vingt|cent)s$/, '$1')}ième`;
}

/** "article 1er", "article 7", "troisième alinéa de l’article 5": the words of a cross-reference. */
export const refLabelFr = (number: number, alinea?: number): string =>
  alinea === undefined
    ? `article ${articleNumberFr(number)}`
    : `${ordinalFr(alinea)} alinéa de l’article ${articleNumberFr(number)}`;
