/**
 * `greffe deadline --start YYYY-MM-DD --duration P7D [--calendar fr | --court tj-metz]`: the due
 * date of a procedural deadline (CPC art. 640–642) and how it was computed.
 * Prints one JSON object `{ "due", "explanation" }`; exit 0, or 2 when the call
 * is invalid (the message names the option and its value).
 */
import { computeDue, PROCEDURAL_CALENDARS, ProceduralTimeError } from '../../runtime/time/index.ts';
import { courtById, courtIds } from '../../runtime/identity/courts.ts';
import { type Command, parseCommand } from '../command.ts';

const HELP = `Usage : greffe deadline --start AAAA-MM-JJ --duration DURÉE [--calendar CALENDRIER | --court TRIBUNAL]

Calcule l'échéance d'un délai de procédure (Code de procédure civile, art. 640 à 642) :
le jour de l'acte ne compte pas, les mois se comptent de quantième à quantième,
et un délai qui expirerait un samedi, un dimanche ou un jour férié est prorogé
jusqu'au premier jour ouvrable suivant.
  --start     date de l'acte, de l'événement ou de la notification (AAAA-MM-JJ)
  --duration  durée ISO 8601 en jours, semaines, mois ou années : P15D, P2W, P1M, P1Y, P1M15D
  --calendar  ${Object.keys(PROCEDURAL_CALENDARS).join(', ')} (par défaut fr)
  --court     le tribunal saisi (ex. tj-metz) : son calendrier (Alsace-Moselle : Vendredi saint, 26 décembre)
Sortie : { "due": "AAAA-MM-JJ", "explanation": "…" }
Code de sortie : 0 échéance calculée, 2 appel invalide (message sur la sortie d'erreur).
Voir docs/delais.md.`;

const OPTION_OF: Record<ProceduralTimeError['code'], string> = {
  'invalid-date': '--start',
  'out-of-range': '--start',
  'invalid-duration': '--duration',
  'unknown-calendar': '--calendar',
  'invalid-time-zone': '--calendar',
};

const fail = (message: string): number => {
  console.error(`greffe deadline : ${message}`);
  return 2;
};

const OPTIONS = {
  start: { type: 'string' },
  duration: { type: 'string' },
  calendar: { type: 'string' },
  court: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'calcule l’échéance d’un délai de procédure',
  async run(args) {
    const parsed = parseCommand('deadline', HELP, OPTIONS, args);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const missing = (['start', 'duration'] as const).filter((k) => values[k] === undefined);
    if (missing.length > 0) return fail(`il manque ${missing.map((k) => `--${k}`).join(' et ')}.\n\n${HELP}`);
    if (values.court !== undefined && values.calendar !== undefined)
      return fail('--court et --calendar s’excluent : le tribunal donne son calendrier.');
    const court = values.court === undefined ? undefined : courtById(values.court);
    if (values.court !== undefined && !court)
      return fail(`--court « ${values.court} » n’est pas un tribunal connu (${courtIds().join(', ')}).`);
    try {
      const { due, explanation } = computeDue(
        values.start as string,
        values.duration as string,
        court?.calendar ?? values.calendar ?? 'fr',
      );
      console.log(JSON.stringify({ due, explanation }, null, 2));
      return 0;
    } catch (e: unknown) {
      if (e instanceof ProceduralTimeError) return fail(`${OPTION_OF[e.code]} ${e.message}`);
      throw e;
    }
  },
};
