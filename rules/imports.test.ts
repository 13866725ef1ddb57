import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const ALLOWED =
  /^(\.\/[a-z-]+\.ts|\.\.\/spec\/index\.ts|json-rules-engine|ajv|ajv\/.*|ajv-i18n\/.*|node:.*)$/;

describe('rules/ dependencies (conventions §1)', () => {
  it('imports only spec/index.ts, its own files, json-rules-engine, ajv and Node', () => {
    const bad: string[] = [];
    for (const f of sources) {
      for (const m of readFileSync(join(here, f), 'utf8').matchAll(
        /^(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm,
      )) {
        if (!ALLOWED.test(m[1] as string)) bad.push(`${f} → ${m[1]}`);
      }
    }
    expect(sources.length).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });
});
