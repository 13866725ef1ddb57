/** How each connector of spec/vocabulary.ts reads as a means ("par lettre simple"). */
export const CONNECTOR_NOUN: Readonly<Record<string, string>> = {
  courriel: 'par courriel',
  sms: 'par SMS',
  lettre_simple: 'par lettre simple',
  lettre_recommandee: 'par lettre recommandée avec demande d’avis de réception',
  lettre_recommandee_electronique: 'par lettre recommandée électronique',
  signification_electronique: 'par signification électronique d’un commissaire de justice',
  signification_papier: 'par signification d’un commissaire de justice',
  signature_electronique: 'par signature électronique',
  franceconnect: 'par FranceConnect',
  saisie_attribution: 'par saisie-attribution',
};
