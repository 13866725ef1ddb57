import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classesIn, parseCss, purgeCss, requiredClasses, splitSelectors } from './css-purge.ts';

describe('css purge', () => {
  it('parses rules, at-rules and statements, skipping comments and strings', () => {
    const nodes = parseCss('/*! x */@charset "a;b";a{content:"}"}@media (min-width:1px){.b{c:d}}');
    expect(nodes.map((n) => n.prelude)).toEqual(['@charset "a;b"', 'a', '@media (min-width:1px)']);
    expect(nodes[1]?.block).toBe('content:"}"');
  });

  it('splits selector lists on top-level commas only', () => {
    expect(splitSelectors('.a,:is(.b,.c) .d,[x="1,2"]')).toEqual(['.a', ':is(.b,.c) .d', '[x="1,2"]']);
  });

  it('reads the fr- classes a selector needs, unescaped, ignoring :not() and attributes', () => {
    expect(requiredClasses('.fr-a--x\\@md:not(.fr-b) [class^=fr-c] .other.fr-d:before')).toEqual([
      'fr-a--x@md',
      'fr-d',
    ]);
  });

  it('keeps used rules, drops unused ones and empty groups', () => {
    const css =
      ':root{--x:1}.fr-a,.fr-z{c:1}.fr-z{c:2}@media (min-width:1px){.fr-z{c:3}}@media print{.fr-a .fr-b{c:4}}' +
      '@font-face{font-family:M}:root[data-fr-theme=dark]{--x:2}.mine{c:5}';
    const out = purgeCss(css, { used: new Set(['fr-a', 'fr-b']), drop: /data-fr-theme=dark/ });
    expect(out).toBe(
      ':root{--x:1}.fr-a{c:1}@media print{.fr-a .fr-b{c:4}}@font-face{font-family:M}.mine{c:5}',
    );
  });

  it('finds the classes written in source code', () => {
    expect([...classesIn("className='fr-btn fr-btn--secondary' 'fr-icon-arrow-left-line'")]).toEqual([
      'fr-btn',
      'fr-btn--secondary',
      'fr-icon-arrow-left-line',
    ]);
  });

  it('shrinks the DSFR core and keeps what a form needs', () => {
    const require = createRequire(import.meta.url);
    const core = readFileSync(require.resolve('@gouvfr/dsfr/dist/core/core.main.min.css'), 'utf8');
    const out = purgeCss(core, { used: new Set(['fr-container', 'fr-h1', 'fr-mb-2w']) });
    expect(out.length).toBeLessThan(core.length / 2);
    expect(out).toContain('.fr-container{');
    expect(out).toContain('.fr-mb-2w{');
    expect(out).not.toContain('.fr-mb-3w{');
    expect(() => parseCss(out)).not.toThrow();
  });
});

describe('custom properties', () => {
  it('keeps the tokens rules read, directly or through another token, and drops the rest', async () => {
    const { pruneCustomProperties } = await import('./css-purge.ts');
    const css =
      ':root{--a:red;--b:var(--a);--c:blue;--d:var(--c);--s:"x;y"}.x{color:var(--b)}@media print{.y{color:var(--z,var(--e))}}' +
      ':root{--e:1px}@keyframes k{0%{opacity:0}}';
    expect(pruneCustomProperties(css)).toBe(
      ':root{--a:red;--b:var(--a)}.x{color:var(--b)}@media print{.y{color:var(--z,var(--e))}}:root{--e:1px}@keyframes k{0%{opacity:0}}',
    );
  });
});
