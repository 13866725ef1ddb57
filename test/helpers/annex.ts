/** Form data and steps shared by the annex's end-to-end tests (petits-litiges 1.0.0). */
import type { Cast } from './journeys.ts';

export const ANNEX = 'spec/procedures/petits-litiges/1.0.0';

/** A consumer's claim of 800 EUR, eligible, defendant's e-mail known, consent to electronic service. */
export function filing(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mode_depot: 'en_ligne',
    demandeur: {
      qualite: 'personne_physique',
      nom: 'Martin',
      prenom: 'Claire',
      adresse: '12 rue des Lilas, 69003 Lyon',
      telephone: '+33612345678',
    },
    defendeur: {
      qualite: 'personne_morale',
      denomination: 'Boutique Électro SARL',
      siren: '123456789',
      adresse: '5 avenue Jean Jaurès, 69007 Lyon',
    },
    courriel_defendeur_connu: true,
    courriel_defendeur: 'contact@boutique-electro.example',
    matiere: 'consommation',
    objets: ['paiement'],
    montant: 800,
    description_litige:
      'J’ai exercé mon droit de rétractation dans le délai légal ; le vendeur ne m’a pas remboursé.',
    demandes: 'Condamner le vendeur à me rembourser le prix payé.',
    consentement_signification_electronique: true,
    attestation: true,
    ...over,
  };
}

export const DEFENCE = {
  position: 'conteste_partiellement',
  montant_reconnu: 600,
  declarations: 'Le produit nous a été retourné endommagé.',
  contestations: 'Nous retenons le coût de la remise en état.',
  demande_reconventionnelle: false,
  preference_procedure: 'en_ligne',
  consentement_signification_electronique: true,
};

/** Files a claim and takes it to the conciliation phase; returns the case id. */
export async function toConciliation(cast: Cast, over: Record<string, unknown> = {}): Promise<string> {
  const demandeur = await cast.as('demandeur');
  const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
  await demandeur.ok(opened.id, 'deposer_demande', filing(over));
  await (await cast.as('greffe')).ok(opened.id, 'convoquer_defendeur');
  const defendeur = await cast.as('defendeur');
  await defendeur.ok(opened.id, 's_identifier', {
    moyen_identification: 'franceconnect',
    courriel: 'gerant@boutique-electro.example',
    consentement_signification_electronique: true,
  });
  await defendeur.ok(opened.id, 'deposer_defense', DEFENCE);
  await (await cast.as('juge')).ok(opened.id, 'orienter', { orientation: 'en_ligne' });
  return opened.id;
}
