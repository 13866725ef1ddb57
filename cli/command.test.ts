/**
 * Every `greffe` command parses its arguments through `parseCommand`: the same exit codes and the same
 * French messages for a malformed call, whichever command it is.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCommand } from './command.ts';
import { commandNames, main } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('parseCommand', () => {
  const OPTIONS = { out: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('returns the parsed options', () => {
    const parsed = parseCommand('essai', 'AIDE', OPTIONS, ['--out', 'x', '--json']);
    expect(parsed).toMatchObject({ values: { out: 'x', json: true }, positionals: [] });
  });

  it('says an unknown option, a missing value and an unexpected argument in French, with the help, exit 2', () => {
    const io = capture();
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['--sortie', 'x'])).toBe(2);
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['--out'])).toBe(2);
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['fichier'])).toBe(2);
    expect(io.err().split('\n\nAIDE')).toEqual([
      'greffe essai : option inconnue « --sortie ».',
      '\ngreffe essai : l’option --out attend une valeur.',
      '\ngreffe essai : argument inattendu « fichier » : cette commande ne prend que des options.',
      '',
    ]);
    expect(io.out()).toBe('');
  });

  it('prints the help on stdout for --help and -h, exit 0, and lets positionals through when asked', () => {
    const io = capture();
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['-h'])).toBe(0);
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['--help', '--out', 'x'])).toBe(0);
    expect(io.out()).toBe('AIDE\nAIDE');
    expect(parseCommand('essai', 'AIDE', OPTIONS, ['a', 'b'], { positionals: true })).toMatchObject({
      positionals: ['a', 'b'],
    });
  });
});

describe('every greffe command', () => {
  it.each(commandNames())(
    '%s: --help exits 0 on stdout, an unknown option exits 2 in French',
    async (name) => {
      const io = capture();
      expect(await main([name, '--help'])).toBe(0);
      expect(io.out()).toMatch(/^Usage/);
      expect(await main([name, '--option-inexistante'])).toBe(2);
      expect(io.err()).toContain(`greffe ${name} : option inconnue « --option-inexistante ».`);
    },
  );
});
