import { lazy } from 'react';
/** The one chunk of rarely shown citizen pages and widgets (pages/extras.ts), asked for once. */
let extrasModule: Promise<typeof import('./extras.ts')> | undefined;

export function extras(): Promise<typeof import('./extras.ts')> {
  extrasModule ??= import('./extras.ts');
  return extrasModule;
}

/** « Mon calendrier » (components/my-calendar.tsx), from that chunk: on the citizen's and the staff's dashboards. */
export const LazyMyCalendar = lazy(async () => ({ default: (await extras()).MyCalendar }));
