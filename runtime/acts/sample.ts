/** Fictional case data for `greffe acts sample`: every act template rendered as drafters will see it. */
import { type ActTemplate, partyRoles } from '../../spec/acts.ts';
import type { Procedure } from '../../spec/index.ts';
import { courtById } from '../identity/courts.ts';
import type { ActData } from './render-pdf.ts';

/** Fictional people: the parties, in the order of the procedure's party roles, then the signatories. */
const PARTY_NAMES = ['Jeanne Martin', 'SARL Élan Rénovation', 'Louis Bernard', 'Amina Diallo'];
const SIGNATORY_NAMES = ['Claire Dubois', 'Marc Lefèvre', 'Sophie Garnier', 'Paul Roussel', 'Inès Moreau'];

export function sampleActData(t: ActTemplate, p: Procedure): ActData {
  return {
    rg: '27/00042',
    tribunal: courtById('tj-lyon')?.name ?? 'tj-lyon',
    parties: Object.fromEntries(
      partyRoles(p).map((r, i) => [r, PARTY_NAMES[i % PARTY_NAMES.length] as string]),
    ),
    signataire: sampleSignatory(p, t.signatory),
    date: '2027-03-15',
    objet: 'paiement d’une facture de travaux',
    montant: '1 250,00 €',
    adressePlateforme: 'https://petits-litiges.justice.example',
    ...(t.accessCode && { codeAcces: 'K7QF-2M9P-XW4D' }),
  };
}

/** A fictional name for the signatory's role, stable per role (its position among the procedure's roles). */
function sampleSignatory(p: Procedure, role: string): string {
  const i = Object.keys(p.roles).indexOf(role);
  return i < 0 ? role : (SIGNATORY_NAMES[i % SIGNATORY_NAMES.length] as string);
}
