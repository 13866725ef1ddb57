import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import DiagramCacheSequencer from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'data/**'],
    // Two files at a time. vitest's default on a 2-core machine is one (cores − 1), and most files spend
    // their time waiting on processes of their own (the server under test, Chromium, the CLI), so a
    // second file fills the gaps: measured in the README (« The two commands »).
    maxWorkers: 2,
    // Hang detectors, not speed checks: two files share the two cores, so a step may take twice as long.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    sequence: { sequencer: DiagramCacheSequencer },
    globalSetup: ['test/global-setup.ts'],
    env: {
      // Diagrams drawn once are read back by the next annex build, in this run and the next ones
      // (renderer/mermaid-render.ts; test/diagram-overlaps.test.ts still lays every diagram out).
      // `GREFFE_DIAGRAM_CACHE= npx vitest run` draws everything.
      GREFFE_DIAGRAM_CACHE:
        process.env.GREFFE_DIAGRAM_CACHE ??
        join(import.meta.dirname, 'node_modules', '.cache', 'greffe', 'diagrams'),
    },
  },
});
