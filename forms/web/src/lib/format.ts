/** French display of dates, delays and sizes for the pages. */

const longDate = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** "2027-03-01" → "1 mars 2027" (a legal date has no time zone). */
export function formatDate(ymd: string): string {
  const d = new Date(`${ymd.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : longDate.format(d);
}

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
