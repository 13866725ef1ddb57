/** Fictional case data for `greffe acts sample`: every act template rendered as drafters will see it. */
import type { ActTemplate } from '../../spec/acts.ts';
import type { Procedure } from '../../spec/index.ts';
import type { ActData } from './render-pdf.ts';

/** Names the signatory of a sample act by its role (fictional people). */
const SIGNATORIES: Readonly<Record<string, string>> = {
  juge: 'Claire Dubois',
  greffe: 'Marc Lefèvre',
  commissaire_de_justice: 'Maître Sophie Garnier',
  conciliateur: 'Paul Roussel',
};

export function sampleActData(t: ActTemplate, p: Procedure): ActData {
  return {
    rg: '27/00042',
    tribunal: 'tribunal judiciaire de Lyon',
    demandeur: 'Jeanne Martin',
    defendeur: 'SARL Élan Rénovation',
    signataire: SIGNATORIES[t.signatory] ?? p.roles[t.signatory]?.label ?? t.signatory,
    date: '2027-03-15',
    objet: 'paiement d’une facture de travaux',
    montant: '1 250,00 €',
    adressePlateforme: 'https://petits-litiges.justice.example',
    ...(t.accessCode && { codeAcces: 'K7QF-2M9P-XW4D' }),
  };
}
