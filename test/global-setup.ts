/**
 * Once per vitest run (vitest.config.ts `globalSetup`): a folder shared by the
 * run's test files, removed at the end. test/web-helpers.ts builds the web app
 * there the first time a browser test asks for it and hands each test file a
 * copy, instead of every browser test file building it again (about 5 s of CPU
 * each); a run without browser tests builds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared folder (see test/global-setup.ts). */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'greffe-run-'));
  project.provide('runDir', runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
