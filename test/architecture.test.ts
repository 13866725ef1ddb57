/**
 * Repository-wide rules of the layout (issue 11, part 5):
 * 1. generic code (spec/ outside spec/procedures, rules/, forms/, renderer/,
 *    runtime/, cli/) names no id of the annex — a procedure says what its
 *    rule sets, fields and deadlines are for (`decided_by:`, `objectives:`);
 * 2. imports go one way between folders — spec ← rules, forms, renderer ←
 *    runtime ← cli; only cli imports renderer or the web app — and no
 *    file imports itself back through others.
 * Tests, their helpers and fixtures are exempt: they may name the annex.
 */
import { describe, expect, it } from 'vitest';
import {
  CALENDARS,
  CONNECTORS,
  CONTEXT_FACTS,
  loadProcedure,
  OPERATORS,
  type Procedure,
} from '../spec/index.ts';
import { ANNEX_DIR } from './helpers/spec-copy.ts';
import { GENERIC_FOLDERS, isTestOrFixture, readSourceFacts, sourceFiles } from './helpers/sources.ts';
import { languageKeys, languageWords } from './helpers/spec-language.ts';

const annex = loadProcedure(ANNEX_DIR).procedure as Procedure;
const files = sourceFiles(GENERIC_FOLDERS).filter((f) => !isTestOrFixture(f));
const facts = files.map(readSourceFacts);

/** Every id the annex defines, with what it names. */
function annexIds(p: Procedure): Map<string, string> {
  const ids = new Map<string, string>();
  const add = (kind: string, names: Iterable<string>) => {
    for (const n of names) if (!ids.has(n)) ids.set(n, kind);
  };
  add('état', Object.keys(p.states));
  add('rôle', Object.keys(p.roles));
  add('jeu de règles', Object.keys(p.rules.rulesets));
  add('fait', Object.keys(p.rules.facts));
  add('formulaire', Object.keys(p.forms));
  for (const f of Object.values(p.forms))
    add(`champ de ${f.id}`, Object.keys((f.schema.properties ?? {}) as Record<string, unknown>));
  add('délai', Object.keys(p.deadlines));
  add('paramètre', Object.keys(p.parameters));
  add('document', Object.keys(p.documents));
  add('phase', Object.keys(p.phases));
  add(
    'événement',
    p.transitions.map((t) => t.event),
  );
  return ids;
}

/**
 * Words of the spec language itself — its enumerations (outcomes, decision
 * kinds, channels…) and the vocabularies greffe implements (connectors,
 * calendars, operators, facts the runtime supplies). The annex reuses some
 * as ids (an outcome `renvoi` and a rule set `renvoi`, a connector and a
 * state `saisie_attribution`, a channel and a field `courriel`): generic code
 * must know the language, so these literals name the language, not the annex.
 */
const LANGUAGE = new Set([...languageWords(), ...CONNECTORS, ...CALENDARS, ...OPERATORS, ...CONTEXT_FACTS]);

/** Ids that are ordinary words, found in generic code for reasons unrelated to any procedure. */
const ORDINARY_WORDS: Record<string, string> = {
  greffe: 'the platform’s own name (cookies, storage keys, page titles)',
  message: 'a field of every error object (API errors, diagnostics), an ordinary English and French word',
  recours: 'the legal text’s article on appeals, written for any procedure whose decisions allow one',
};

/** Literals that are exactly an annex id, each for a stated reason unrelated to the annex. */
const ALLOWED_AT: readonly { file: string; id: string; why: string }[] = [
  {
    file: 'forms/web/src/boot.ts',
    id: 'eligibilite',
    why: 'the web app’s page URL /procedures/:id/:version/eligibilite (app.tsx), the same for every procedure',
  },
];

/** Keys of the language: spec/ (its loader and checker) reads them by name, e.g. `objectives.astreinte`. */
const KEYS = languageKeys();

const ids = annexIds(annex);
const isAnnexId = (s: string) => ids.has(s) && !LANGUAGE.has(s) && !Object.hasOwn(ORDINARY_WORDS, s);

describe('generic code names no id of the annex', () => {
  it('reads a meaningful set of ids from the annex', () => {
    expect(ids.size).toBeGreaterThan(150);
    expect(ids.get('eligibilite')).toBe('jeu de règles');
    expect(isAnnexId('eligibilite')).toBe(true);
    expect(isAnnexId('jugement_definitif')).toBe(true);
  });

  it('keeps its exceptions honest: each still names an annex id, and each allowance is still needed', () => {
    for (const w of Object.keys(ORDINARY_WORDS)) expect(ids.has(w), w).toBe(true);
    for (const a of ALLOWED_AT) {
      const f = facts.find((x) => x.file === a.file);
      expect(
        f?.strings.some((s) => s.text === a.id),
        `${a.file} ${a.id}`,
      ).toBe(true);
    }
  });

  it('writes no annex id as a string literal, nor a compound one in a regular expression', () => {
    const found: string[] = [];
    for (const f of facts) {
      const allowed = new Set(ALLOWED_AT.filter((a) => a.file === f.file).map((a) => a.id));
      const inSpec = f.file.startsWith('spec/');
      for (const s of f.strings) {
        if (isAnnexId(s.text) && !allowed.has(s.text) && !(inSpec && KEYS.has(s.text)))
          found.push(`${f.file}:${s.line} '${s.text}' (${ids.get(s.text)})`);
      }
      // Regular expressions over French text hold ordinary words (renderer/french.ts): only
      // compound ids (with an underscore) are unmistakable there.
      for (const r of f.regexps) {
        for (const id of ids.keys()) {
          if (
            id.includes('_') &&
            isAnnexId(id) &&
            new RegExp(`(?<![a-z0-9_])${id}(?![a-z0-9_])`).test(r.text)
          )
            found.push(`${f.file}:${r.line} /${id}/ (${ids.get(id)})`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(150);
    expect(found).toEqual([]);
  });
});

/** The folder a file belongs to; the web app (browser code) is its own. */
const area = (file: string): string =>
  file.startsWith('forms/web/src/') ? 'web' : (file.split('/')[0] as string);

/** Which folders each folder may import from (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  spec: [],
  rules: ['spec'],
  forms: ['spec'],
  renderer: ['spec'],
  web: ['forms', 'spec'],
  runtime: ['spec', 'rules', 'forms'],
  cli: ['spec', 'rules', 'forms', 'renderer', 'runtime', 'web'],
};

describe('imports between folders', () => {
  it('go one way: spec ← rules, forms, renderer ← runtime ← cli; only cli imports renderer or the web app', () => {
    const wrong: string[] = [];
    for (const f of facts) {
      const from = area(f.file);
      for (const i of f.imports) {
        if (!i.target) continue;
        const to = isTestOrFixture(i.target) ? 'test' : area(i.target);
        if (to !== from && !MAY_IMPORT[from]?.includes(to))
          wrong.push(`${f.file} → ${i.target} (${from} → ${to})`);
      }
    }
    expect(Object.keys(MAY_IMPORT).sort()).toEqual([...new Set(facts.map((f) => area(f.file)))].sort());
    expect(wrong).toEqual([]);
  });

  it('form no cycle between files (type-only imports included)', () => {
    expect(cycles(new Map(facts.map((f) => [f.file, f.imports.flatMap((i) => i.target ?? [])])))).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through three files and a file importing itself, and nothing in a tree', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) out.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}
