/**
 * Annex 1.0.0 is published (issue 11, part 5): it may gain `decided_by:` and
 * `objectives:` and nothing else. Its published files (procedure.yaml without
 * the declarations, rules.yaml, forms/) keep the exact bytes they were
 * published with, and everything produced from it — the model, the legal text,
 * the diagrams, the summary, the site, the rule outcomes — is the same with
 * and without the declarations.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { versionContent } from '../renderer/site/version-files.ts';
import { evaluateEligibility, evaluateReferral, evaluateRuleSet } from '../rules/index.ts';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { ANNEX_DIR, copySpec } from './helpers/spec-copy.ts';

/** sha256 of the files as published (git: the commit before the declarations were added). */
const PUBLISHED = {
  procedure: '3c832664431445e45fd1f21be3401a6527fb822e2d28fe1a66f200a4b92ff9e8',
  rules: '28b401f451697f4db783f22eaf03d5e8a4532697d71ee1ccde04276cb5b98fd0',
  /** Of the forms' `name\ncontent` concatenated in name order. */
  forms: '8440a2b5d0efae915937aa101caa3f8a358271d2a969b2d3e6d86266df82b87a',
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const DECLARATIONS = /\n\n(?:#[^\n]*\n)*(?:decided_by|objectives):[\s\S]*$/;

/** procedure.yaml without its trailing declaration block, and the block's top-level keys. */
function split(text: string): { published: string; declared: string[] } {
  const m = DECLARATIONS.exec(text);
  if (!m) return { published: text, declared: [] };
  return {
    published: `${text.slice(0, m.index)}\n`,
    declared: Object.keys(parse(m[0]) as Record<string, unknown>),
  };
}

const formsDigest = (dir: string) =>
  sha256(
    readdirSync(join(dir, 'forms'))
      .sort()
      .map((f) => `${f}\n${readFileSync(join(dir, 'forms', f), 'utf8')}`)
      .join('\n'),
  );

function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return procedure;
}

/** The model as JSON, without what the declarations add and without where it was read from. */
const comparable = (p: Procedure) =>
  JSON.stringify(p, (k, v) =>
    k === 'decidedBy' || k === 'objectives' || k === 'dir' || k === 'file' ? undefined : v,
  );

const original = load(ANNEX_DIR);
const bareDir = copySpec(ANNEX_DIR);
// The scenarios written beside the published version (<id>/tests/<version>/) come along.
cpSync(
  join(dirname(ANNEX_DIR), 'tests', basename(ANNEX_DIR)),
  join(dirname(bareDir), 'tests', basename(bareDir)),
  {
    recursive: true,
  },
);
const text = readFileSync(join(ANNEX_DIR, 'procedure.yaml'), 'utf8');
writeFileSync(join(bareDir, 'procedure.yaml'), split(text).published);
const bare = load(bareDir);

describe('annex 1.0.0 gains its declarations and nothing else', () => {
  it('adds only decided_by: and objectives:, at the end of procedure.yaml', () => {
    const { published, declared } = split(text);
    expect(declared.sort()).toEqual(['decided_by', 'objectives']);
    expect(sha256(published)).toBe(PUBLISHED.procedure);
  });

  it('holds no file it was not published with (act templates, for one, wait for the next version)', () => {
    expect(readdirSync(ANNEX_DIR).sort()).toEqual([
      'NOTES.md',
      'forms',
      'procedure.yaml',
      'rules.yaml',
      'tests',
    ]);
    expect(readdirSync(join(ANNEX_DIR, 'tests')).sort()).toEqual([
      'eligibilite.yaml',
      'parcours.yaml',
      'renvoi.yaml',
    ]);
  });

  it('keeps rules.yaml and every form byte for byte', () => {
    expect(sha256(readFileSync(join(ANNEX_DIR, 'rules.yaml'), 'utf8'))).toBe(PUBLISHED.rules);
    expect(formsDigest(ANNEX_DIR)).toBe(PUBLISHED.forms);
  });

  it('declares something, so the comparisons below compare two different specs', () => {
    expect(bare.decidedBy).toEqual({});
    expect(bare.objectives).toEqual({});
    expect(original.decidedBy.eligibility).toBeDefined();
    expect(original.decidedBy.referral).toBeDefined();
    expect(Object.keys(original.objectives).sort()).toEqual(['astreinte', 'bankExecution', 'timeToDecision']);
  });

  it('loads into the same model: states, transitions, deadlines, forms, rules and journeys', () => {
    expect(comparable(original)).toBe(comparable(bare));
  });

  it('publishes the same legal text, diagrams, summary, forms page and home page', () => {
    const a = versionContent(original, new Set());
    const b = versionContent(bare, new Set());
    // The source page shows procedure.yaml itself, which does gain the declarations; the versions
    // page lists the sibling versions, which the bare copy (alone in its folder) does not have.
    const differ = new Set(['source/procedure.yaml.html', 'versions.html']);
    const generated = [...a.files.keys()].filter((f) => !differ.has(f));
    expect(generated).toEqual([...b.files.keys()].filter((f) => !differ.has(f)));
    for (const f of generated) expect(a.files.get(f), f).toBe(b.files.get(f));
    // The home page's list of diagrams, as it was written by hand before the roles came from the spec.
    expect(a.files.get('index.html')).toContain(
      'diagrammes commentés : la procédure entière, chaque phase, chaque acteur, l’identification du défendeur.</p>',
    );
  });

  it('decides every scenario of its tests as the rule sets the published contract named', async () => {
    // Before the declarations, greffe eligibility / referral ran the rule sets named `eligibilite` and `renvoi`.
    const cases = original.tests.flatMap((f) => f.decisions);
    expect(cases.length).toBeGreaterThan(10);
    let compared = 0;
    for (const c of cases) {
      const facts = { ...c.facts };
      const before = await evaluateRuleSet(bare, c.ruleset, facts, { trace: false });
      if (c.ruleset === 'eligibilite') {
        const now = await evaluateEligibility(original, facts);
        expect(now, c.name).toEqual(
          before.valid
            ? {
                procedure: 'petits-litiges',
                version: '1.0.0',
                eligible: before.satisfied,
                reasons: before.reasons,
              }
            : before,
        );
        compared++;
      } else if (c.ruleset === 'renvoi') {
        const now = await evaluateReferral(original, facts);
        expect(now, c.name).toEqual(
          before.valid
            ? {
                procedure: 'petits-litiges',
                version: '1.0.0',
                referral: before.satisfied ? 'mandatory' : 'discretionary',
                reasons: before.reasons,
              }
            : before,
        );
        compared++;
      }
    }
    expect(compared).toBe(cases.length);
  });
});
