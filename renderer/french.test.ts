import { describe, expect, it } from 'vitest';
import {
  count,
  de,
  definite,
  definiteList,
  describedItem,
  formatDateFr,
  ofDefinite,
  pronoun,
  sentence,
  toDefinite,
  withoutRoleMention,
} from './french.ts';

describe('French wording', () => {
  it('puts the right article before actors and documents', () => {
    expect(definite('Demandeur')).toBe('le demandeur');
    expect(definite('Avocat')).toBe('l’avocat');
    expect(definite('Juridiction saisie')).toBe('la juridiction saisie');
    expect(definite('Durée de la conciliation')).toBe('la durée de la conciliation');
    expect(definite('Échanges de conciliation')).toBe('les échanges de conciliation');
    expect(toDefinite('Greffe')).toBe('au greffe');
    expect(toDefinite('Avocat')).toBe('à l’avocat');
    expect(toDefinite('Parties')).toBe('aux parties');
    expect(ofDefinite('Délai de critique')).toBe('du délai de critique');
    expect(ofDefinite('Durée de la conciliation')).toBe('de la durée de la conciliation');
    expect(definiteList(['Demandeur', 'Défendeur'], 'ou')).toBe('le demandeur ou le défendeur');
    expect(pronoun('Durée de la conciliation')).toBe('elle');
    expect(pronoun('Délai de critique')).toBe('il');
    expect(de('homologuer')).toBe('d’homologuer');
    expect(de('rendre')).toBe('de rendre');
  });

  it('writes dates as the Journal officiel does', () => {
    expect(formatDateFr('2027-01-01')).toBe('1er janvier 2027');
    expect(formatDateFr('2026-09-15')).toBe('15 septembre 2026');
    expect(formatDateFr('pas une date')).toBe('pas une date');
  });

  it('drops the role an act label repeats, keeping the rest of the parenthesis', () => {
    expect(withoutRoleMention('Demander un complément (juge)', ['Juge'])).toBe('Demander un complément');
    expect(withoutRoleMention('Demander un complément (conciliateur)', ['Conciliateur de justice'])).toBe(
      'Demander un complément',
    );
    expect(withoutRoleMention('Signer (demandeur, premier signataire)', ['Demandeur'])).toBe(
      'Signer (premier signataire)',
    );
    expect(withoutRoleMention('Renvoyer (décision du juge)', ['Juge'])).toBe('Renvoyer (décision du juge)');
    expect(withoutRoleMention('Clore l’instruction', ['Juge'])).toBe('Clore l’instruction');
  });

  it('builds list items and sentences', () => {
    expect(describedItem('Requête', 'La demande du demandeur.')).toBe('requête : la demande du demandeur');
    expect(describedItem('Jugement exécuté', 'La banque a payé : le jugement est exécuté.')).toBe(
      'jugement exécuté — la banque a payé : le jugement est exécuté',
    );
    expect(sentence('le juge statue')).toBe('Le juge statue.');
    expect(sentence('Déjà fini ?')).toBe('Déjà fini ?');
    expect(count(1, 'état', 'états')).toBe('1 état');
    expect(count(3, 'état', 'états')).toBe('3 états');
  });
});
