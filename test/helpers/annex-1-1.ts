/** Form data for browser tests of annex 1.1.0: its first journey's data (tests/parcours.yaml). */
import { journeyStep } from './annex.ts';

type Party = Record<string, unknown>;

const filed = journeyStep('1.1.0', 'deposer_demande');

/** A claim under annex 1.1.0 (its journey's data), consent to electronic notice given with an e-mail. */
export const CLAIM: Record<string, unknown> & { demandeur: Party & { courriel: string }; defendeur: Party } =
  {
    ...filed,
    defendeur: filed.defendeur as Party,
    demandeur: {
      ...(filed.demandeur as Party),
      consentement_communication_electronique: true,
      courriel: 'claire.martin@example.fr',
    },
  };

/** The defendant's answer of the journey. */
export const DEFENCE = journeyStep('1.1.0', 'deposer_defense');
