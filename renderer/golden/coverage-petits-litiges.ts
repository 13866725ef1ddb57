/**
 * Expected coverage of the petits-litiges annex: each rule of
 * spec/procedures/petits-litiges/1.0.0/NOTES.md §1–§4 and §9 with the words that carry it in the
 * generated legal text (amounts and durations matched as any number, so a
 * parameter change keeps the checklist valid). Reviewed by a human, like a
 * golden file; renderer/legal/legal-text.test.ts checks each one is found.
 */
import type { CoverageItem } from '../legal/coverage.ts';

// A figure ("15 ") or, as the decree writes durations, a number in words ("quinze ").
const n = String.raw`(?:[\d ]+|[a-zéèêà-]+ )`;

export const COVERAGE_PETITS_LITIGES: readonly CoverageItem[] = [
  {
    paragraph: '§1',
    rule: 'demande portant exclusivement sur une somme, un bien ou un service',
    patterns: [/exclusivement sur le paiement d'une somme d'argent ou le sort d'un bien ou d'un service/],
  },
  {
    paragraph: '§1',
    rule: 'valeur strictement inférieure au seuil (paramètre seuil)',
    patterns: [new RegExp(`strictement inférieure à ${n}€`)],
  },
  {
    paragraph: '§1',
    rule: 'pas un nouveau tribunal : toute juridiction saisie',
    patterns: [/quel que soit le tribunal saisi/],
  },
  {
    paragraph: '§2',
    rule: 'renvoi à tout moment par le juge, à la demande d’une partie ou d’office après avis des parties, sans recours',
    patterns: [
      /peut renvoyer l'affaire devant la formation habituelle/,
      /avis des parties/,
      /insusceptible de recours/,
    ],
  },
  {
    paragraph: '§2',
    rule: 'matières protégées : renvoi de droit à la demande de la partie faible',
    patterns: [
      /renvoie l'affaire devant la formation habituelle du tribunal lorsque la partie réputée faible le demande/,
      /droit de la consommation, droit du travail/,
    ],
  },
  {
    paragraph: '§2',
    rule: 'dépôt au greffe : le demandeur dit pourquoi la procédure habituelle convient mieux',
    patterns: [
      /demande déposée au greffe/,
      /Pourquoi la procédure habituelle du tribunal vous paraît-elle plus adaptée/,
    ],
  },
  {
    paragraph: '§2',
    rule: 'dépôt au greffe : le juge choisit la procédure, sans recours',
    patterns: [
      /Le juge peut orienter vers la procédure en ligne la demande déposée au greffe/,
      /aucun recours/,
    ],
  },
  {
    paragraph: '§3.1',
    rule: 'saisine en ligne par formulaires contextuels',
    patterns: [/peut déposer la demande en ligne/],
  },
  {
    paragraph: '§3.1',
    rule: 'chaque acte accompli au moyen de son formulaire',
    patterns: [/au moyen du formulaire qui lui est propre/],
  },
  {
    paragraph: '§3.1',
    rule: 'observations écrites, audio ou vidéo',
    patterns: [/observations, au format PDF, image, audio ou vidéo/],
  },
  {
    paragraph: '§3.2',
    rule: 'convocation du défendeur par le greffe, qui répond par formulaires',
    patterns: [/Le greffe peut convoquer le défendeur/, /déposer sa défense/],
  },
  {
    paragraph: '§3.2',
    rule: 'déclarations, contestations, demandes reconventionnelles',
    patterns: [/déclarations, contestations et éventuelle demande reconventionnelle/],
  },
  {
    paragraph: '§3.3',
    rule: 'orientation par le juge au vu de la défense, sans recours',
    patterns: [/Le juge peut orienter l'affaire vers la procédure en ligne/, /aucun recours/],
  },
  {
    paragraph: '§3.4',
    rule: 'conciliation : le conciliateur peut demander un complément, sans contrainte',
    patterns: [
      /Le conciliateur de justice peut demander aux parties de compléter leur dossier/,
      /À l'expiration du délai de complément demandé par le conciliateur.*conciliation en cours/,
    ],
  },
  {
    paragraph: '§3.4',
    rule: 'protocole signé électroniquement puis homologué par le juge',
    patterns: [
      /Le protocole d'accord est signé électroniquement/,
      /Le juge peut homologuer le protocole d'accord/,
    ],
  },
  {
    paragraph: '§3.4',
    rule: 'échec de la conciliation : l’affaire est jugée',
    patterns: [/constater l'échec de la conciliation/, /délai de décision à défaut de conciliation/],
  },
  {
    paragraph: '§3.5',
    rule: 'instruction : complément, incidents, ordonnances, clôture',
    patterns: [
      /Le juge peut demander aux parties de compléter leur dossier/,
      /soulever un incident/,
      /par ordonnance/,
      /Le juge peut clore l'instruction/,
    ],
  },
  {
    paragraph: '§3.6',
    rule: 'jugement provisoire soumis à la critique pendant le délai de critique',
    patterns: [
      /Le juge peut rendre le jugement provisoire/,
      new RegExp(`délai de critique du jugement provisoire, soit ${n}jours?`),
    ],
  },
  {
    paragraph: '§3.7',
    rule: 'jugement définitif après le délai de critique',
    patterns: [/Le juge peut rendre le jugement définitif/, /jugement définitif en préparation/],
  },
  { paragraph: '§3.7', rule: 'astreinte', patterns: [/astreinte/] },
  {
    paragraph: '§3.8',
    rule: 'signification du jugement par acte de commissaire de justice électronique',
    patterns: [
      /Le jugement définitif est signifié au défendeur par voie électronique, par acte de commissaire de justice/,
    ],
  },
  {
    paragraph: '§3.9',
    rule: 'pas d’appel ; pourvoi en cassation',
    patterns: [/L'appel est exclu ; le pourvoi en cassation reste ouvert/, /pourvoi en cassation/],
  },
  {
    paragraph: '§3.9',
    rule: 'délai de pourvoi',
    patterns: [new RegExp(`Le délai de pourvoi en cassation est de ${n}mois`)],
  },
  {
    paragraph: '§3.10',
    rule: 'signification à la banque valant saisie-attribution',
    patterns: [/signifié à la banque du débiteur ; cette signification vaut saisie-attribution/],
  },
  {
    paragraph: '§3',
    rule: 'décision dans le délai de décision à défaut de conciliation',
    patterns: [new RegExp(`délai de décision à défaut de conciliation est de ${n}mois`)],
  },
  {
    paragraph: '§3',
    rule: 'rappels des délais par courriel et SMS',
    patterns: [/rappels? par courriel et par SMS/],
  },
  {
    paragraph: '§4',
    rule: 'identification du demandeur : certificat, FranceConnect, pièce d’identité + courriel + SMS',
    patterns: [
      /Le demandeur s'identifie sur la plateforme/,
      /certificat de signature électronique/,
      /FranceConnect/,
      /pièce d'identité, confirmé par un courriel et par un SMS/,
    ],
  },
  {
    paragraph: '§4',
    rule: 'cascade du défendeur : courriel, lettre, lettre recommandée, commissaire de justice',
    patterns: [
      /chacun n'étant employé que si le précédent n'a pas abouti/,
      /par courriel/,
      /par courrier/,
      /par lettre recommandée/,
      /commissaire de justice/,
    ],
  },
  {
    paragraph: '§9',
    rule: 'commissaire de justice (et non huissier)',
    patterns: [/le commissaire de justice \(auxiliaire de justice\)/],
  },
  {
    paragraph: '§9',
    rule: 'signification électronique avec consentement, sinon sur papier',
    patterns: [
      /Acceptez-vous de recevoir les actes de commissaire de justice par voie électronique/,
      /par voie électronique/,
      /sur support papier/,
    ],
  },
  {
    paragraph: '§9',
    rule: 'lettre recommandée sur papier dans la cascade (pas de consentement à l’électronique)',
    patterns: [/lettre recommandée avec demande d'avis de réception/],
  },
  {
    paragraph: '§9',
    rule: 'dénonciation de la saisie-attribution au débiteur dans le délai, sinon caducité',
    patterns: [
      new RegExp(`délai de dénonciation de la saisie-attribution est de ${n}jours`),
      /saisie-attribution caduque/,
    ],
  },
  {
    paragraph: '§9',
    rule: 'homologation de l’accord par le juge',
    patterns: [/Le juge peut homologuer le protocole d'accord/, /homologue l'accord signé par les parties/],
  },
  {
    paragraph: '§9',
    rule: 'homologation : contrôle de licéité et d’ordre public, termes non modifiables',
    patterns: [/licite et ne contrevient pas à l'ordre public/, /ne peut en modifier les termes/],
  },
  {
    paragraph: '§9',
    rule: 'astreinte : même d’office, provisoire sauf précision',
    patterns: [/même d'office, assortir sa décision d'une astreinte/, /provisoire/],
  },
  {
    paragraph: '§9',
    rule: 'la conciliation tient lieu de tentative préalable de règlement amiable (CPC art. 750-1)',
    patterns: [/tentative préalable de règlement amiable/, /750-1/],
  },
  {
    paragraph: '§3.4',
    rule: 'confidentialité des échanges de conciliation',
    patterns: [/échanges de la conciliation sont confidentiels/],
  },
  {
    paragraph: '§9',
    rule: 'seuil paramétré (4 000 EUR du livre blanc, 5 000 EUR possible)',
    patterns: [new RegExp(`de moins de ${n}€`)],
  },
];
