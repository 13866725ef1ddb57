/** Form data for browser tests of annex 1.1.0 (its journeys' data, tests/parcours.yaml). */

/** A claim under annex 1.1.0 (its journeys' data), consent to electronic notice given with an e-mail. */
export const CLAIM = {
  mode_depot: 'en_ligne',
  demandeur: {
    qualite: 'personne_physique',
    nom: 'Martin',
    prenom: 'Claire',
    adresse: '12 rue des Lilas, 69003 Lyon',
    telephone: '+33612345678',
    consentement_communication_electronique: true,
    courriel: 'claire.martin@example.fr',
  },
  defendeur: {
    qualite: 'personne_morale',
    denomination: 'Boutique Électro SARL',
    siren: '123456789',
    adresse: '5 avenue Jean Jaurès, 69007 Lyon',
  },
  courriel_defendeur_connu: true,
  courriel_defendeur: 'contact@boutique-electro.example',
  matiere_declaree: 'consommation',
  objets: ['paiement'],
  montant: 800,
  description_litige: 'J’ai exercé mon droit de rétractation ; le vendeur ne m’a pas remboursé.',
  demandes: 'Condamner le vendeur à me rembourser le prix payé.',
  consentement_signification_electronique: true,
  attestation: true,
};

/** The defendant's answer of the journeys. */
export const DEFENCE = {
  position: 'conteste_partiellement',
  montant_reconnu: 600,
  declarations: 'Le produit nous a été retourné endommagé.',
  contestations: 'Nous retenons le coût de la remise en état.',
  demande_reconventionnelle: false,
  preference_procedure: 'en_ligne',
  consentement_signification_electronique: true,
};
