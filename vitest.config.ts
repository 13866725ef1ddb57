import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import DiagramCacheSequencer from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'data/**'],
    // One file at a time, vitest's default on this 2-core machine (cores − 1). Two were tried: the files'
    // own processes (server, Chromium, CLI) already keep both cores busy, and a fresh-clone run took
    // 1,490 s instead of 1,311–1,384 s, with one server's port taken by another file's in between.
    testTimeout: 30_000,
    hookTimeout: 60_000,
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
