import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
