/**
 * How spec values read in French: amounts ("4 000 €"), durations ("7 jours",
 * "2 mois"), lists ("paiement, bien ou service"), and `${nom}` templates.
 * Spaces follow French typography: U+202F inside numbers, U+00A0 before "€".
 */
import type { Money, Parameter, Procedure } from './model.ts';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export interface DurationParts {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
}

/** Parses an ISO 8601 duration of years, months, weeks and days; undefined when malformed. */
export function parseDuration(iso: string): DurationParts | undefined {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P') return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4) };
}

/** Decimals a number really has (3999.999 → 3), so an amount is never shown rounded to what it is not. */
const decimalsOf = (n: number): number => Math.min(10, (String(n).split('.')[1] ?? '').length);

export function formatMoney(m: Money): string {
  const cents = !Number.isInteger(m.amount);
  const digits = Math.max(2, decimalsOf(m.amount));
  const key = `${m.currency}:${cents}:${digits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, f);
  }
  return f.format(m.amount);
}

/** A plain number the French way ("3 999,99"). */
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

/** "P7D" → "7 jours", "P2M" → "2 mois", "P1Y2M" → "1 an et 2 mois". */
export function formatDuration(iso: string): string {
  const d = parseDuration(iso);
  if (!d) return iso;
  const parts = [
    d.years ? plural(d.years, 'an', 'ans') : '',
    d.months ? `${formatNumber(d.months)} mois` : '',
    d.weeks ? plural(d.weeks, 'semaine', 'semaines') : '',
    d.days ? plural(d.days, 'jour', 'jours') : '',
  ].filter(Boolean);
  return joinFr(parts, 'et');
}

export const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

export const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** "2027-01-01" → "1er janvier 2027" (as the Journal officiel writes dates); other text is returned as is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS_FR[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "a", "a et b", "a, b et c" (or "ou"). */
export function joinFr(items: readonly string[], conjunction: 'et' | 'ou' = 'et'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * Sizes read as people say them: 20 971 520 octets → "20 Mo", 5 000 000 → "5 Mo". In French, "Mo" is
 * what a reader knows, whether the limit is counted in powers of 1 024 or of 1 000 (the web app's
 * sizes say "Mo" too): "Mio" is jargon to a citizen.
 */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'Go'],
    [1024 ** 2, 'Mo'],
    [1024, 'Ko'],
    [1e9, 'Go'],
    [1e6, 'Mo'],
    [1e3, 'ko'],
  ];
  for (const [size, unit] of units)
    if (n >= size && n % size === 0) return `${formatNumber(n / size)} ${unit}`;
  return `${formatNumber(n)} octets`;
}

/** How a parameter's value reads in a sentence. */
export function formatParameter(p: Parameter, conjunction: 'et' | 'ou' = 'et'): string {
  switch (p.type) {
    case 'money':
      return formatMoney(p.value);
    case 'duration':
      return formatDuration(p.value);
    case 'integer':
      return p.unit === 'octets'
        ? formatBytes(p.value)
        : p.unit
          ? `${formatNumber(p.value)} ${p.unit}`
          : formatNumber(p.value);
    case 'text':
      return p.value;
    case 'list':
      return joinFr(
        p.value.map((i) => i.label ?? i.id),
        conjunction,
      );
    case 'table':
      return joinFr(
        p.value.map((r) => (typeof r.label === 'string' ? r.label : r.id)),
        conjunction,
      );
  }
}

/** Formats any fact value for an explanation ("4 000 €" needs context: numbers stay plain). */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return joinFr(v.map(formatValue));
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return String(v);
}

const TEMPLATE = /\$\{([^}]*)\}/g;

/**
 * Replaces `${nom}` by the parameter's French reading, or by `extra[nom]`
 * (e.g. a fact's value). Unknown names stay visible as written: the loader
 * already refuses them, so this only happens for text built outside a spec.
 * @example renderTemplate('moins de ${seuil}', procedure) // "moins de 4 000 €"
 */
export function renderTemplate(
  text: string,
  procedure: Pick<Procedure, 'parameters'>,
  extra: Readonly<Record<string, string>> = {},
): string {
  return text.replace(TEMPLATE, (whole, name: string) => {
    const key = name.trim();
    if (key in extra) return extra[key] as string;
    const p = procedure.parameters[key];
    return p ? formatParameter(p) : whole;
  });
}
