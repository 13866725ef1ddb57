/**
 * Transitional provisions: one broken copy of the fixture's version 2.0.0 per
 * diagnostic code, each checked for file, line, column and message; and the
 * fixture as written validates (spec/transitional.ts, docs/diagnostics.md).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editSpec, positionOf } from '../test/helpers/spec-copy.ts';
import { deadlinesRunningIn, factsNeededAt } from './case-flow.ts';
import { loadProcedure } from './load.ts';

const FIXTURE = 'test/fixtures/transitional/mediation';

/** Both versions of the fixture in a temp folder; returns the folder of 2.0.0. */
function copy(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'greffe-transitional-')), 'mediation');
  cpSync(FIXTURE, root, { recursive: true });
  return join(root, '2.0.0');
}

interface Case {
  code: string;
  search: string;
  replace: string;
  /** Where the diagnostic must point, in the edited procedure.yaml. */
  at: string;
  shift?: number;
  message: RegExp;
  hint?: RegExp;
}

const MAP = '    states:\n      ouverte: en_mediation\n';

const cases: Case[] = [
  {
    code: 'transitional-unknown-version',
    search: '  - from: 1.0.0',
    replace: '  - from: 1.5.0',
    at: '1.5.0',
    message: /La version 1\.5\.0 visée par les dispositions transitoires est introuvable/,
  },
  {
    code: 'transitional-unknown-version',
    search: '  - from: 1.0.0',
    replace: '  - from: 3.0.0',
    at: '3.0.0',
    message: /visent 3\.0\.0, qui n’est pas antérieure à 2\.0\.0/,
  },
  {
    code: 'transitional-unknown-state',
    search: MAP,
    replace: '    states:\n      ouverte: en_mediaton\n',
    at: 'en_mediaton',
    message: /L’état « en_mediaton » n’existe pas dans la version 2\.0\.0/,
    hint: /Vouliez-vous dire « en_mediation »/,
  },
  {
    code: 'transitional-unknown-state',
    search: MAP,
    replace: '    states:\n      ouverte: en_mediation\n      ouvert: en_mediation\n',
    at: 'ouvert: en',
    message: /L’état « ouvert » n’existe pas dans la version 1\.0\.0/,
    hint: /Vouliez-vous dire « ouverte »/,
  },
  {
    code: 'transitional-unmapped-state',
    search: MAP,
    replace: '',
    at: 'cases: move',
    shift: 7,
    message:
      /affaires en cours à l’état « ouverte » de la version 1\.0\.0 n’ont pas d’état dans la version 2\.0\.0/,
    hint: /ouverte: <état de la version 2\.0\.0>/,
  },
  {
    code: 'transitional-closes-case',
    search: MAP,
    replace: '    states:\n      ouverte: close_echec\n',
    at: 'close_echec\n    facts',
    message: /passerait à l’état final « close_echec » : elle serait close sans décision/,
  },
  {
    code: 'transitional-deadline-skipped',
    search: MAP,
    replace: '    states:\n      ouverte: rapport\n',
    at: 'rapport\n    facts',
    message:
      /Le délai « delai_reponse » peut courir à l’état « ouverte » mais ne court jamais à l’état « rapport »/,
    hint: /cases: stay/,
  },
  {
    code: 'transitional-fact-missing',
    search: '    facts:\n      rename:\n        voisin_invite: invitation_faite\n',
    replace: '',
    at: 'ouverte: en_mediation',
    shift: 9,
    message:
      /une décision de la version 2\.0\.0 lit le fait « invitation_faite », qu’une affaire venue de « ouverte » n’a pas/,
    hint: /facts: rename:.*facts: defaults:/,
  },
  {
    code: 'transitional-unknown-fact',
    search: 'voisin_invite: invitation_faite',
    replace: 'voisin_invite: invitation_fait',
    at: 'invitation_fait\n',
    message:
      /Le fait « invitation_fait » \(nouveau nom de « voisin_invite »\) n’existe pas dans la version 2\.0\.0/,
    hint: /Vouliez-vous dire « invitation_faite »/,
  },
  {
    code: 'transitional-unknown-fact',
    search: '      rename:\n',
    replace: '      defaults:\n        invitation_faites: false\n      rename:\n',
    at: 'invitation_faites',
    message: /Le fait « invitation_faites » qui reçoit une valeur par défaut n’existe pas/,
  },
];

describe('transitional provisions', () => {
  it('the fixture validates: every open state of 1.0.0 mapped, its running deadline and needed fact kept', () => {
    const { procedure, diagnostics } = loadProcedure(join(FIXTURE, '2.0.0'));
    expect(diagnostics).toEqual([]);
    expect(procedure?.transitional).toMatchObject([
      {
        from: '1.0.0',
        cases: 'move',
        states: { ouverte: 'en_mediation' },
        rename: { voisin_invite: 'invitation_faite' },
      },
    ]);
    const source = loadProcedure(join(FIXTURE, '1.0.0')).procedure;
    if (!procedure || !source) throw new Error('fixture');
    expect([...(deadlinesRunningIn(source).get('ouverte') ?? [])]).toEqual(['delai_reponse']);
    expect([...(deadlinesRunningIn(procedure).get('rapport') ?? [])]).toEqual([]);
    expect([...factsNeededAt(procedure, 'en_mediation')]).toEqual(['invitation_faite']);
    expect([...factsNeededAt(procedure, 'rapport')]).toEqual([]);
  });

  it.each(cases)('$code: $replace', (c) => {
    const dir = copy();
    const text = editSpec(dir, 'procedure.yaml', c.search, c.replace);
    const { diagnostics } = loadProcedure(dir, { cwd: dir });
    const found = diagnostics.find((d) => d.code === c.code && c.message.test(d.message));
    expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    if (!found) return;
    expect(found.severity).toBe('error');
    expect(found.file).toBe('procedure.yaml');
    expect({ line: found.line, column: found.column }).toEqual(positionOf(text, c.at, c.shift));
    if (c.hint) expect(found.hint).toMatch(c.hint);
  });

  it('leaves the cases on their version by default: cases: stay needs no map', () => {
    const dir = copy();
    editSpec(dir, 'procedure.yaml', / {4}cases: move\n[\s\S]*$/, '    cases: stay\n');
    const { procedure, diagnostics } = loadProcedure(dir);
    expect(diagnostics).toEqual([]);
    expect(procedure?.transitional?.[0]?.cases).toBe('stay');
    expect(readFileSync(join(dir, 'procedure.yaml'), 'utf8')).not.toContain('states:\n      ouverte');
  });
});
