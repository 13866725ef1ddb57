/**
 * The paper route to a tribunal judiciaire for a citizen the online procedure
 * does not take (issue 15, point 7): which court (where the defendant lives),
 * which form, and where to file it. Shared by the server-rendered page (no
 * JavaScript) and the web app; no dependency, the browser bundle imports it.
 * Every statement names its source and the day it was read; nothing here is
 * written from memory.
 */

export interface PaperSource {
  readonly url: string;
  readonly title: string;
  readonly read: string;
}

export interface PaperStep {
  /** Plain French, as shown. */
  readonly text: string;
  /** A plain link shown after the text (never a resource the page loads). */
  readonly link?: { readonly href: string; readonly label: string };
  readonly sources: readonly PaperSource[];
}

/** The national directory of courts, for a postcode the data does not cover. */
export const NATIONAL_DIRECTORY = {
  href: 'https://www.justice.fr',
  label: 'justice.fr, le site du ministère de la Justice',
} as const;

/** Above the postcode field: the finder is for the tribunal judiciaire only. */
export const FINDER_INTRO =
  'Si votre demande relève du tribunal judiciaire (et non, par exemple, du conseil de prud’hommes ou du ' +
  'tribunal de commerce), trouvez-le à partir du code postal du défendeur.';

/** Which court: the one where the defendant lives. */
export const WHICH_COURT: PaperStep = {
  text:
    'En principe, le tribunal compétent est celui du lieu où demeure le défendeur, c’est-à-dire la personne ou ' +
    'l’entreprise à qui vous réclamez (Code de procédure civile, art. 42) : indiquez son code postal.',
  sources: [
    {
      url: 'https://www.doctrine.fr/l/texts/codes/LEGITEXT000006070716/articles/LEGIARTI000006410139',
      title:
        'Code de procédure civile, art. 42 : « La juridiction territorialement compétente est, sauf disposition contraire, celle du lieu où demeure le défendeur. »',
      read: '2026-12-03',
    },
  ],
};

/** Up to 5 000 €: the Cerfa request, filed at the registry. */
export const UP_TO_5000: PaperStep = {
  text:
    'Demande de 5 000 € au plus : remplissez le formulaire « Requête aux fins de saisine du tribunal judiciaire ' +
    'ou du tribunal de proximité » (Cerfa n° 16042*02) et remettez-le ou envoyez-le au greffe du tribunal ' +
    'judiciaire compétent (Code de procédure civile, art. 756). Avant, une tentative de conciliation, de ' +
    'médiation ou de procédure participative est en principe obligatoire (Code de procédure civile, art. 750-1).',
  link: {
    href: 'https://www.service-public.gouv.fr/particuliers/vosdroits/R14232',
    label: 'le formulaire Cerfa n° 16042*02 sur service-public.gouv.fr',
  },
  sources: [
    {
      url: 'https://www.service-public.gouv.fr/particuliers/vosdroits/R14232',
      title:
        'Service-public.gouv.fr, « Requête aux fins de saisine du tribunal judiciaire ou du tribunal de proximité (Formulaire 16042*02) » : demande de nature civile dont le montant ne dépasse pas 5 000 € (vérifié le 12 décembre 2025)',
      read: '2026-12-03',
    },
    {
      url: 'https://avocat.fr/comment-saisir-le-tribunal-judiciaire',
      title:
        'Conseil national des barreaux, « Comment saisir le tribunal judiciaire ? » : requête déposée au greffe sur l’imprimé Cerfa n° 16042 si la demande ne dépasse pas 5 000 €',
      read: '2026-12-03',
    },
    {
      url: 'https://www.legalplanet.pro/produit/requete-aux-fins-de-saisine-du-tribunal-judiciaire/',
      title:
        'Code de procédure civile, art. 756 (cité) : « la partie la plus diligente saisit le tribunal par la remise au greffe de la requête », qui « peut être remise ou adressée »',
      read: '2026-12-03',
    },
    {
      url: 'https://www.avocat-alberti.fr/la-reforme-de-la-procedure-civile-la-requete-aux-fins-de-tentative-prealable-de-conciliation/',
      title:
        'Code de procédure civile, art. 750-1 (cité) : tentative de conciliation, de médiation ou de procédure participative préalable pour une demande n’excédant pas 5 000 euros, sauf dispenses',
      read: '2026-12-03',
    },
  ],
};

/** Above 5 000 €: a summons served by a commissaire de justice. */
export const ABOVE_5000: PaperStep = {
  text:
    'Demande de plus de 5 000 € : ce formulaire ne s’applique pas ; le tribunal est saisi par une assignation, ' +
    'remise à l’autre partie par un commissaire de justice. L’avocat est obligatoire au-delà de 10 000 €.',
  sources: [
    {
      url: 'https://avocat.fr/comment-saisir-le-tribunal-judiciaire',
      title:
        'Conseil national des barreaux, « Comment saisir le tribunal judiciaire ? » : assignation délivrée par un commissaire de justice ; avocat obligatoire pour les litiges civils supérieurs à 10 000 €',
      read: '2026-12-03',
    },
  ],
};

/** The steps shown, in order, after the court found. */
export const PAPER_ROUTE: readonly PaperStep[] = [UP_TO_5000, ABOVE_5000];
