/** French display of dates, delays and sizes for the pages. */

const longDate = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** "2027-03-01" → "1er mars 2027", "2027-03-02" → "2 mars 2027" (a legal date has no time zone). */
export function formatDate(ymd: string): string {
  const d = new Date(`${ymd.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return ymd;
  const text = longDate.format(d);
  return d.getUTCDate() === 1 ? text.replace(/^1 /, '1er ') : text;
}

/** Whether a legal date ("2027-01-01") is still to come, by this device's calendar. */
export function isFutureDate(ymd: string, now: Date = new Date()): boolean {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return ymd.slice(0, 10) > today;
}

// The server's pages (the questionnaire without JavaScript) word a basis the same way.
export { plainBasis } from '../../../plain-basis.ts';

/** An instant → "1 mars 2027 à 10:32". */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : time.format(d);
}

/** Days left before a deadline, said plainly. */
export function formatDaysLeft(days: number): string {
  if (days > 1) return `${days} jours restants`;
  if (days === 1) return 'dernier jour demain';
  if (days === 0) return 'dernier jour aujourd’hui';
  if (days === -1) return 'dépassé depuis 1 jour';
  return `dépassé depuis ${-days} jours`;
}

export function formatSize(bytes: number): string {
  const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} Ko`;
  return `${nf.format(bytes / (1024 * 1024))} Mo`;
}

export function formatPercent(share: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('fr-FR').format(n);
}

/** How a case is named: « Affaire RG 27/00042 », or « Brouillon de demande » before it is filed (no docket number yet). */
export const caseName = (reference: string | null): string =>
  reference === null ? 'Brouillon de demande' : `Affaire ${reference}`;
