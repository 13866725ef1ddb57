/** The French explanation of a due date, written from the computation's steps and citing CPC art. 640–642. */
import { formatDuration, joinFr } from '../../spec/index.ts';
import type { ProceduralCalendar } from './calendars.ts';
import { formatDateFr, formatMonthFr, MONTHS_FR, parseCivilDate, toYmd } from './civil-date.ts';
import type { DueSteps, SkippedDay } from './steps.ts';

const fr = (date: string) => formatDateFr(parseCivilDate(date));

/** formatDuration builds an Intl.NumberFormat per call (~30 µs); procedures use a handful of durations. */
const durationCache = new Map<string, string>();
function durationFr(iso: string): string {
  let text = durationCache.get(iso);
  if (text === undefined) {
    if (durationCache.size >= 1000) durationCache.clear();
    text = formatDuration(iso);
    durationCache.set(iso, text);
  }
  return text;
}

/** "P1Y2M3W4D" → the ISO duration of just its months ("P1Y2M") or just its days ("P3W4D"). */
function isoPart(s: DueSteps, which: 'months' | 'days'): string {
  const { years, months, weeks, days } = s.parts;
  return which === 'months'
    ? `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`
    : `P${weeks ? `${weeks}W` : ''}${days ? `${days}D` : ''}`;
}

function monthRule(s: DueSteps, target: string): string {
  const start = toYmd(parseCivilDate(s.start));
  const day = start.day === 1 ? '1er' : String(start.day);
  const yearsOnly = s.parts.years > 0 && s.parts.months === 0;
  const rule = yearsOnly
    ? `un délai exprimé en années expire le jour de la dernière année qui porte le même quantième que le jour ` +
      `de l’acte (le ${day} ${MONTHS_FR[start.month - 1]})`
    : `un délai exprimé en mois expire le jour du dernier mois qui porte le même quantième que le jour de l’acte (le ${day})`;
  if (!s.monthClamped) return `${rule}, soit le ${fr(target)}`;
  const { year, month } = toYmd(parseCivilDate(target));
  return `${rule} ; ${formatMonthFr(year, month)} n’en ayant pas, c’est le dernier jour de ce mois, le ${fr(target)}`;
}

function dayRule(s: DueSteps, from: string): string {
  const first = formatDateFr(parseCivilDate(from) + 1);
  const inWeeks =
    s.parts.weeks > 0 && s.parts.days === 0 ? ', le même jour de la semaine que celui dont il part' : '';
  if (s.days === 1) return `le seul jour compté est le ${first}`;
  return `le premier jour compté est le ${first} et le ${s.days}e, le dernier, le ${fr(s.rawEnd)}${inWeeks}`;
}

/** Step 2: how the last day was found (CPC art. 641). */
function counting(s: DueSteps): string {
  if (s.days === 0) return `${capitalize(monthRule(s, s.rawEnd))} (CPC, art. 641).`;
  if (s.months === 0) return `Le jour de l’acte ne compte pas : ${dayRule(s, s.start)} (CPC, art. 641).`;
  const afterMonths = s.afterMonths ?? s.rawEnd;
  return (
    `Les mois sont décomptés d’abord, puis les jours (CPC, art. 641). ` +
    `${capitalize(durationFr(isoPart(s, 'months')))} : ${monthRule(s, afterMonths)}. ` +
    `Puis ${durationFr(isoPart(s, 'days'))}, ce jour-là non compté : ${dayRule(s, afterMonths)}.`
  );
}

function describeSkipped(d: SkippedDay, index: number): string {
  const verb = index === 0 ? ' est' : '';
  const what = d.kind === 'holiday' ? `un jour férié (${d.label})` : `un ${d.label}`;
  return `le ${fr(d.date)}${verb} ${what}`;
}

/** Step 3: extension past non-working days (CPC art. 642), then the due date and hour. */
function extension(s: DueSteps, cal: ProceduralCalendar): string {
  const end = `Échéance : ${fr(s.due)} à 24 h (${cal.timeZoneLabel}).`;
  if (s.skipped.length === 0)
    return `Ce jour est ouvrable : le délai n’est pas prorogé (CPC, art. 642). ${end}`;
  return (
    `Or ${joinFr(s.skipped.map(describeSkipped))} ; un délai qui expirerait un samedi, un dimanche ` +
    `ou un jour férié ou chômé est prorogé jusqu’au premier jour ouvrable suivant (CPC, art. 642). ${end}`
  );
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export function explainDue(s: DueSteps, cal: ProceduralCalendar): string {
  return [
    `Délai de ${durationFr(s.duration)} courant à partir du ${fr(s.start)}, date de l’acte (CPC, art. 640).`,
    counting(s),
    extension(s, cal),
  ].join(' ');
}
