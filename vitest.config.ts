import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
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
