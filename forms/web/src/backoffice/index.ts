/**
 * The court staff's pages, in one chunk loaded on demand: citizens never
 * download them, and one lazy entry instead of three keeps the chunks the
 * citizen's pages share with them few (each shared chunk is one more request,
 * ~0.8 KB of headers, on a slow line).
 */
export { default as BackOfficePage } from './queues.tsx';
export { default as DeadLettersPage } from './dead-letters.tsx';
export { default as StatsPage } from './stats.tsx';
