import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from './yaml-source.ts';

describe('parseSource', () => {
  it('locates values and keys with 1-based line and column', () => {
    const { source } = parseSource('p.yaml', 'a:\n  b: [x, y]\n  c: 3\n');
    expect(source?.locate(['a', 'b', 1])).toEqual({ file: 'p.yaml', line: 2, column: 10 });
    expect(source?.locateKey(['a', 'c'])).toEqual({ file: 'p.yaml', line: 3, column: 3 });
    expect(source?.locate(['a', 'absent', 'deeper'])).toEqual({ file: 'p.yaml', line: 2, column: 3 });
  });

  it('treats what YAML.parse only warns about as errors', () => {
    for (const text of ['a: !unknowntag x\n', 'a: 1\na: 2\n', '%FOO bar\n---\na: 1\n', '? [a, b]\n: c\n']) {
      const { source, diagnostics } = parseSource('p.yaml', text);
      expect(source, text).toBeUndefined();
      expect(diagnostics[0]?.code, text).toBe('yaml-syntax');
    }
  });

  it('never throws on garbage: either a located error or data', () => {
    const chars = fc.constantFrom(...'ab:-[]{}#&*!|>\'"%@`?, \n\t0123'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 60 }), (text) => {
        const { source, diagnostics } = parseSource('g.yaml', text);
        expect(Boolean(source) !== diagnostics.length > 0).toBe(true);
        for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });
});
