/**
 * French wording shared by the legal text, the comments and the summary:
 * articles before nouns, dates, and the French names of the spec language's
 * closed vocabularies (outcomes, channels, connectors, decision kinds).
 */
import type { Channel, Decision, Outcome } from '../spec/index.ts';
import { formatDate, joinFr } from '../spec/index.ts';

/** Lower-cases the first letter ("Déposer la demande" → "déposer la demande"). */
export const lcFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('fr') + s.slice(1);
/** Upper-cases the first letter. */
export const ucFirst = (s: string): string => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);

/** Removes a final full stop so a text can be embedded in a longer sentence. */
export const stripStop = (s: string): string => s.trim().replace(/[.;]+$/, '');

/** "1 état", "3 états" (French plural: 0 and 1 are singular). */
export const count = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

/** Ends a sentence with a full stop when it has no final punctuation. */
export const sentence = (s: string): string => {
  const t = ucFirst(s.trim());
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};

// Feminine endings of the nouns a procedure names its actors and acts with.
const FEMININE =
  /(tion|sion|ité|ée|ie|ence|ance|ure|ade|ise|ette|elle|esse|ière|banque|partie|personne|juridiction|demande|requête|pièce|lettre|ordonnance|décision|affaire|audience|chambre)$/i;

/** Grammatical gender of a noun phrase, guessed from its first word. */
export function isFeminine(label: string): boolean {
  const head = label.trim().split(/\s+/)[0] ?? '';
  return FEMININE.test(head);
}

/** Is the head noun plural ("Objets de la demande")? Guessed from its ending. */
export function isPlural(label: string): boolean {
  const head = label.trim().split(/\s+/)[0] ?? '';
  return head.length > 3 && /[sx]$/i.test(head) && !/(ès|is|us|ours)$/i.test(head);
}

/** "Demandeur" → "le demandeur", "Avocat" → "l’avocat", "Juridiction" → "la juridiction", "Objets" → "les objets". */
export function definite(label: string): string {
  const l = lcFirst(label.trim());
  if (isPlural(l)) return `les ${l}`;
  if (/^[aeiouyàâéèêëîïôûüh]/i.test(l)) return `l’${l}`;
  return `${isFeminine(l) ? 'la' : 'le'} ${l}`;
}

/** "à" + definite article: "au demandeur", "à la juridiction", "à l’avocat", "aux parties". */
export function toDefinite(label: string): string {
  const d = definite(label);
  if (d.startsWith('les ')) return `aux ${d.slice(4)}`;
  return d.startsWith('le ') ? `au ${d.slice(3)}` : `à ${d}`;
}

/** "de" + definite article: "du demandeur", "de la juridiction", "de l’avocat", "des parties". */
export function ofDefinite(label: string): string {
  const d = definite(label);
  if (d.startsWith('les ')) return `des ${d.slice(4)}`;
  return d.startsWith('le ') ? `du ${d.slice(3)}` : `de ${d}`;
}

/** The subject pronoun for a noun phrase: "il", "elle", "ils", "elles". */
export function pronoun(label: string): string {
  const base = isFeminine(label) ? 'elle' : 'il';
  return isPlural(label) ? `${base}s` : base;
}

/**
 * An act's label without the mention of the role that does it, which the
 * sentence already names: "Demander un complément (juge)" → "Demander un
 * complément"; "Signer (demandeur, premier signataire)" → "Signer (premier signataire)".
 */
export function withoutRoleMention(label: string, roles: readonly string[]): string {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(label.trim());
  if (!m) return label;
  const parts = (m[2] ?? '').split(',').map((x) => x.trim());
  const names = roles.map((r) => r.toLocaleLowerCase('fr'));
  const isRole = (x: string) =>
    names.some((n) => n === x.toLocaleLowerCase('fr') || n.split(' ')[0] === x.toLocaleLowerCase('fr'));
  if (!isRole(parts[0] ?? '')) return label;
  const rest = parts.slice(1);
  return rest.length ? `${m[1]} (${rest.join(', ')})` : (m[1] ?? label);
}

/**
 * A list item "label : description" (lower-cased, no final stop); with " — "
 * when the description already holds a colon.
 */
export function describedItem(label: string, description?: string): string {
  const head = lcFirst(stripStop(label));
  if (!description) return head;
  const desc = lcFirst(stripStop(description));
  return `${head}${desc.includes(' : ') ? ' — ' : ' : '}${desc}`;
}

/** "de" before a word, elided before a vowel or a mute h: "d’homologuer", "de rendre". */
export const de = (word: string): string =>
  /^[aeiouyàâéèêëîïôûüh]/i.test(word) ? `d’${word}` : `de ${word}`;

/** Joins labels with their articles: "le demandeur et le défendeur". */
export const definiteList = (labels: readonly string[], conj: 'et' | 'ou' = 'et'): string =>
  joinFr(labels.map(definite), conj);

/** Joins labels after "à": "au demandeur et au défendeur". */
export const toDefiniteList = (labels: readonly string[], conj: 'et' | 'ou' = 'et'): string =>
  joinFr(labels.map(toDefinite), conj);

/** "2027-01-01" → "1er janvier 2027" (the way the Journal officiel writes dates). */
export const formatDateFr = formatDate;

export const OUTCOME_FR: Record<Outcome, string> = {
  accord: 'Accord des parties',
  jugement: 'Jugement',
  renvoi: 'Renvoi à la procédure ordinaire',
  irrecevabilite: 'Irrecevabilité',
  desistement: 'Désistement',
  caducite: 'Caducité',
};

export const CHANNEL_FR: Record<Channel, string> = {
  plateforme: 'sur la plateforme',
  courriel: 'par courriel',
  sms: 'par SMS',
  courrier: 'par courrier',
};

/** How each channel list reads: "par courriel et par SMS". */
export const channelsFr = (channels: readonly Channel[]): string =>
  joinFr((channels.length ? channels : (['plateforme'] as const)).map((c) => CHANNEL_FR[c]));

export const DECISION_FR: Record<Decision['kind'], string> = {
  jugement: 'un jugement',
  ordonnance: 'une ordonnance',
  homologation: 'une décision d’homologation',
  administration_judiciaire: 'une mesure d’administration judiciaire',
};

/**
 * What a connector call does, as a French clause. `docLabel` is the
 * document's label ("Jugement"), `to` the addressees after "à" ("au
 * défendeur"). The connector names are the closed list of spec/vocabulary.ts.
 */
export function connectorClause(connector: string, docLabel: string | undefined, to: string): string {
  const what = docLabel ? definite(docLabel) : 'l’acte';
  const e = docLabel && isFeminine(docLabel) ? 'e' : '';
  const dest = to ? ` ${to}` : '';
  switch (connector) {
    case 'courriel':
      return `un courriel est adressé${dest}`;
    case 'sms':
      return `un SMS est adressé${dest}`;
    case 'lettre_simple':
      return `une lettre simple est adressée${dest}`;
    case 'lettre_recommandee':
      return `une lettre recommandée avec demande d’avis de réception est adressée${dest}`;
    case 'lettre_recommandee_electronique':
      return `une lettre recommandée électronique est adressée${dest}`;
    case 'signification_electronique':
      return `${what} est signifié${e}${dest} par voie électronique, par acte de commissaire de justice`;
    case 'signification_papier':
      return `${what} est signifié${e}${dest} sur support papier, par acte de commissaire de justice`;
    case 'signature_electronique':
      return `${what} est signé${e} électroniquement`;
    case 'franceconnect':
      return 'l’identité est vérifiée par FranceConnect';
    case 'saisie_attribution':
      return `${what} est signifié${e} à la banque du débiteur ; cette signification vaut saisie-attribution`;
    default:
      return `le service « ${connector} » est appelé`;
  }
}
