/** `greffe deadline`, run as users run it: a real process, stdout/stderr and exit code checked. */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const deadline = (...args: string[]) => run('npx', ['tsx', 'cli/main.ts', 'deadline', ...args]);

describe.concurrent('greffe deadline', { timeout: 60_000 }, () => {
  it('counts with the calendar of the court named by --court: Good Friday in Metz, not in Paris', async () => {
    // Friday 7 April 2028 + 7 days = Good Friday 14 April: a holiday in Moselle, then Easter weekend and Monday.
    const at = (court: string) => deadline('--start', '2028-04-07', '--duration', 'P7D', '--court', court);
    const [metz, paris, unknown] = await Promise.all([at('tj-metz'), at('tj-paris'), at('tj-lutece')]);
    expect(metz.code).toBe(0);
    expect(JSON.parse(metz.stdout)).toMatchObject({ due: '2028-04-18' });
    expect(JSON.parse(metz.stdout).explanation).toContain('Vendredi saint');
    expect(JSON.parse(paris.stdout)).toMatchObject({ due: '2028-04-14' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--court « tj-lutece » n’est pas un tribunal connu/);
  });

  it('prints exactly one JSON object { due, explanation } and exits 0', async () => {
    // Thursday 6 May 2027 + 10 days = Sunday 16 May; Monday 17 = Whit Monday → Tuesday 18 May 2027.
    const r = await deadline('--start', '2027-05-06', '--duration', 'P10D');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out: unknown = JSON.parse(r.stdout);
    expect(Object.keys(out as object)).toEqual(['due', 'explanation']);
    expect(out).toMatchObject({ due: '2027-05-18' });
    const { explanation } = out as { explanation: string };
    expect(explanation).toContain('Le jour de l’acte ne compte pas');
    expect(explanation).toContain('le lundi 17 mai 2027 un jour férié (lundi de Pentecôte)');
    expect(explanation).toContain('Échéance : mardi 18 mai 2027 à 24 h');
  });

  it('works through the published bin, as `npx greffe deadline`', async () => {
    // 31 January 2027 + 1 month → Sunday 28 February 2027 → Monday 1 March 2027.
    const r = await run('npx', ['--no', 'greffe', 'deadline', '--start', '2027-01-31', '--duration', 'P1M']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2027-03-01' });
  });

  it('takes --calendar', async () => {
    // Friday 19 March 2027 + 7 days = Good Friday 26 March: a working day in `fr`, not in Alsace-Moselle.
    const fr = await deadline('--start', '2027-03-19', '--duration', 'P7D', '--calendar', 'fr');
    const am = await deadline(
      '--start',
      '2027-03-19',
      '--duration',
      'P7D',
      '--calendar',
      'fr-alsace-moselle',
    );
    expect(JSON.parse(fr.stdout)).toMatchObject({ due: '2027-03-26' });
    expect(JSON.parse(am.stdout).explanation).toContain('Vendredi saint');
    expect(JSON.parse(am.stdout)).toMatchObject({ due: '2027-03-30' });
  });

  it.each([
    [['--start', '2027-02-30', '--duration', 'P7D'], '--start « 2027-02-30 » n’est pas une date valide'],
    [['--start', '2027-13-01', '--duration', 'P7D'], '--start « 2027-13-01 » n’est pas une date valide'],
    [['--start', 'demain', '--duration', 'P7D'], '--start « demain » n’est pas une date valide'],
    [['--start', '2027-07-02', '--duration', '7D'], '--duration « 7D » n’est pas une durée valide'],
    [['--start', '2027-07-02', '--duration', 'P'], '--duration « P » n’est pas une durée valide'],
    [['--start', '2027-07-02', '--duration', 'PT5H'], '--duration « PT5H » n’est pas une durée valide'],
    [
      ['--start', '2027-07-02', '--duration', 'P7D', '--calendar', 'mars'],
      '--calendar « mars » n’est pas un calendrier',
    ],
    [['--start', '2027-07-02'], 'il manque --duration'],
    [['--start', '2027-07-02', '--duration', 'P7D', '--jours', '3'], 'option inconnue « --jours »'],
  ])('exits 2 naming the bad option and value: %j', async (args, message) => {
    const r = await deadline(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`greffe deadline : ${message}`);
  });

  it('shows its help in French', async () => {
    const r = await deadline('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage : greffe deadline --start AAAA-MM-JJ --duration DURÉE');
  });
});
