/** runtime/time: the clock and procedural time as French law counts it (CPC art. 640–642), free of hono and drizzle. */
export { addIsoDuration, ManualClock, systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { getCalendar, holidaysOf, PROCEDURAL_CALENDARS } from './calendars.ts';
export type { CalendarRef, ProceduralCalendar } from './calendars.ts';
export { ProceduralTimeError } from './errors.ts';
export type { ProceduralTimeErrorCode } from './errors.ts';
export { alsaceMoselleHolidays, easterSunday, frenchPublicHolidays } from './holidays.ts';
export type { Holiday } from './holidays.ts';
export { DEFAULT_TIME_ZONE, daysLeft, dueInstant, isExpired, localDate } from './instant.ts';
export { computeDue, isWorkingDay, reminderDate } from './procedural.ts';
export { parseProceduralDuration } from './duration.ts';
export type { DueDate, DueSteps, SkippedDay } from './steps.ts';
export { distanceExplanation, distanceMonths, extendDuration } from './distance.ts';
