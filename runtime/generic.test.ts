/**
 * The runtime knows no procedure by name: no identifier of the annex (state,
 * event, role, deadline, document, form, rule set, parameter) appears as a
 * string literal in its code. Role kinds, outcomes and connector names are the
 * spec language's vocabulary, not the annex's, and are allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTORS, loadProcedure, type Procedure } from '../spec/index.ts';

const annex = loadProcedure('spec/procedures/petits-litiges/1.0.0').procedure as Procedure;
const VOCABULARY = new Set<string>([
  ...CONNECTORS,
  'partie',
  'representant',
  'juridiction',
  'auxiliaire',
  'accord',
  'renvoi',
  'jugement',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'time' || e.name === 'db' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('runtime is generic', () => {
  it('names no identifier of the annex in its code', () => {
    const names = new Set([
      ...Object.keys(annex.states),
      ...annex.transitions.map((t) => t.event),
      ...Object.keys(annex.roles),
      ...Object.keys(annex.deadlines),
      ...Object.keys(annex.documents),
      ...Object.keys(annex.forms),
      ...Object.keys(annex.rules.rulesets),
      ...Object.keys(annex.parameters),
      ...Object.keys(annex.phases),
      annex.id,
    ]);
    const found: string[] = [];
    const files = sources('runtime');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`]([a-z][a-z0-9_-]*)['"`]/g)) {
        const id = m[1] as string;
        if (names.has(id) && !VOCABULARY.has(id)) found.push(`${file}: ${id}`);
      }
    }
    expect(found).toEqual([]);
  });
});
