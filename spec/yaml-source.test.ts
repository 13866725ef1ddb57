import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Path, parseSource, parseSourceInParts } from './yaml-source.ts';

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

describe('parseSourceInParts', () => {
  const file = 'spec/procedures/petits-litiges/1.1.0/procedure.yaml';
  const text = readFileSync(file, 'utf8');
  /** Every path of `data`, and a few that are not there. */
  const paths = (v: unknown, p: Path = [], out: Path[] = []): Path[] => {
    out.push(p);
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) paths(x, [...p, Array.isArray(v) ? Number(k) : k], out);
    return out;
  };
  const same = (a: ReturnType<typeof parseSource>, b: ReturnType<typeof parseSource>) => {
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.source?.data).toEqual(a.source?.data);
    expect(b.source?.firstLine).toBe(a.source?.firstLine);
    for (const p of [...paths(a.source?.data), ['inconnu'], ['states', 'inconnu', 'label']]) {
      expect(b.source?.locate(p), p.join('/')).toEqual(a.source?.locate(p));
      expect(b.source?.locateKey(p), p.join('/')).toEqual(a.source?.locateKey(p));
    }
  };

  it('gives what parseSource gives, and after a save re-parses only the part it touched', () => {
    const first = parseSourceInParts(file, text);
    expect(first.parts.size).toBeGreaterThan(10);
    same(parseSource(file, text), first);
    const edited = text.replace('amount: 4000, currency: EUR', 'amount: 5000, currency: EUR');
    expect(edited).not.toBe(text);
    const second = parseSourceInParts(file, edited, first.parts);
    same(parseSource(file, edited), second);
    const reused = [...second.parts.values()].filter((p) => [...first.parts.values()].includes(p));
    expect(reused.length).toBe(second.parts.size - 1);
  });

  it('gives what parseSource gives on any text, whole or in parts', () => {
    const chars = fc.constantFrom(...'ab:-[]{}#&*|>\'" \n\n\n\t0,'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 60 }), (text) => {
        same(parseSource('g.yaml', text), parseSourceInParts('g.yaml', text));
      }),
      { numRuns: 3000 },
    );
  });

  it('parses the whole text when the parts could differ from it', () => {
    for (const t of [
      'id: a\nversion: &v 1.0.0\nother: *v\n', // anchors and aliases tie parts together
      'id: a\nversion: 1.0.0\nid: b\n', // a key written twice
      'id: a\nversion: [1.0.0\nstatus: draft\n', // a syntax error
    ]) {
      const r = parseSourceInParts('x.yaml', t);
      expect(r.parts.size, t).toBe(0);
      expect(r.diagnostics).toEqual(parseSource('x.yaml', t).diagnostics);
    }
  });
});
