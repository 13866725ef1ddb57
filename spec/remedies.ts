/**
 * The statement of remedies (CPC art. 680: an act of service states the
 * remedies open, their time and how to exercise them, or time does not run),
 * written from the typed remedies of a decision. One writer for every place
 * that states them: the act of service the reducer produces, the act's PDF
 * (runtime/acts) and the legal text of the annex (renderer/legal).
 */
import { ABROAD_MONTHS, OVERSEAS_MONTHS, ofMonthsFr } from './distance.ts';
import { formatDuration } from './format-fr.ts';
import type { JudgmentCharacter, Procedure, Remedy, RemedyStart, Transition } from './model.ts';

const CHARACTER_FR: Readonly<Record<JudgmentCharacter, string>> = {
  contradictoire: 'contradictoire',
  reputee_contradictoire: 'réputé contradictoire',
  par_defaut: 'par défaut',
};

/** The French name of a judgment's character ("réputé contradictoire"). */
export function characterFr(c: JudgmentCharacter): string {
  return CHARACTER_FR[c];
}

/** Where a remedy's time starts, in an act of service (`act`) or in the annex's text. */
function startFr(start: RemedyStart, inAct: boolean): string {
  switch (start) {
    case 'signification':
      return inAct
        ? 'à compter de la présente signification'
        : 'à compter de la signification de la décision';
    case 'notification':
      return 'à compter de la notification de la décision';
    case 'prononce':
      return 'à compter du prononcé de la décision';
    case 'connaissance_cause':
      return 'à compter du jour où la partie a eu connaissance de la cause qu’elle invoque';
    case 'force_chose_jugee':
      return 'à compter du jour où la décision est passée en force de chose jugée';
  }
}

function durationOf(p: Procedure, param: string | undefined): string | undefined {
  const v = param ? p.parameters[param] : undefined;
  return v?.type === 'duration' ? formatDuration(v.value) : undefined;
}

/** The remedies a decision opens (in its order), restricted to those open against a judgment of `character`. */
export function decisionRemedies(
  p: Procedure,
  decision: Pick<Transition, 'decision'>,
  character?: JudgmentCharacter,
): Remedy[] {
  return (decision.decision?.remedies ?? [])
    .map((id) => p.remedies[id])
    .filter((r): r is Remedy => r !== undefined)
    .filter((r) => character === undefined || r.characters.length === 0 || r.characters.includes(character));
}

export interface StatementOptions {
  /** The character of the judgment served, when known: only the remedies open against it are stated. */
  readonly character?: JudgmentCharacter;
  /** The statement goes into an act of service (time "from the present service"). */
  readonly inAct?: boolean;
}

/**
 * The délais de distance, said wherever a remedy's time carries them (`distance: true` on its deadline):
 * an act of service that left them out would state a shorter time than the one running against a party
 * living overseas or abroad.
 */
export const DISTANCE_SENTENCE =
  `Ce délai est augmenté ${ofMonthsFr(OVERSEAS_MONTHS)} pour la partie qui demeure outre-mer (devant une juridiction ` +
  `d’outre-mer : hors du territoire où elle siège) et ${ofMonthsFr(ABROAD_MONTHS)} pour celle qui demeure à ` +
  'l’étranger (Code de procédure civile, art. 643 et 644).';

/** One sentence per remedy: what, within what time from which act, before which court, how, with what effect. */
export function remedySentences(
  p: Procedure,
  remedies: readonly Remedy[],
  o: StatementOptions = {},
): string[] {
  if (remedies.length === 0) return ['Cette décision n’est susceptible d’aucun recours.'];
  const opposition = remedies.some((r) => r.kind === 'opposition');
  return remedies.map((r) => {
    const time = durationOf(p, r.time);
    const when = time
      ? `dans le délai de ${time} ${startFr(r.startsOn, o.inAct === true)}, `
      : r.kind === 'rectification_erreur_materielle'
        ? 'à tout moment, '
        : '';
    const against =
      o.character === undefined && r.characters.length > 0 && r.characters.length < 3
        ? `contre le jugement rendu ${r.characters.map(characterFr).join(' ou ')}, `
        : '';
    const effect = r.suspensive
      ? 'Le délai de ce recours et son exercice suspendent l’exécution de la décision.'
      : 'Ce recours ne suspend pas l’exécution de la décision.';
    const cassationAfterOpposition =
      r.kind === 'pourvoi_cassation' && opposition
        ? ' Contre un jugement rendu par défaut, ce délai ne court qu’à compter du jour où l’opposition n’est plus recevable (Code de procédure civile, art. 613).'
        : '';
    const distance = time && r.deadline && p.deadlines[r.deadline]?.distance ? ` ${DISTANCE_SENTENCE}` : '';
    const basis = r.basis ? ` (${r.basis})` : '';
    return `${r.label}${basis} : ${against}${when}devant ${r.before}, ${r.exercise}.${distance} ${effect}${cassationAfterOpposition}`;
  });
}

/**
 * The statement of an act of service (CPC art. 680), for the decision that produced `document`:
 * its title line and one paragraph per remedy open against a judgment of `character`.
 */
export function serviceStatement(
  p: Procedure,
  document: string,
  character?: JudgmentCharacter,
): { readonly title: string; readonly paragraphs: readonly string[] } | undefined {
  const decision = p.transitions.find(
    (t) =>
      t.decision?.remedies !== undefined &&
      t.effects.some((e) => e.kind === 'produce' && e.document === document),
  );
  if (!decision) return undefined;
  const remedies = decisionRemedies(p, decision, character);
  const head = character ? [`Le jugement signifié est ${characterFr(character)}.`] : [];
  return {
    title: 'Voies de recours (Code de procédure civile, art. 680)',
    paragraphs: [...head, ...remedySentences(p, remedies, { ...(character && { character }), inAct: true })],
  };
}
