/** Which values of a case are personal (spec/personal.ts), read from annex 1.1.0's forms. */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from './index.ts';
import { isPersonalField, procedurePersonal } from './personal.ts';

const v11 = loadProcedure('spec/procedures/petits-litiges/1.1.0').procedure as Procedure;

describe('personal data of a procedure', () => {
  it('finds the parties’ names, addresses, telephones and e-mails in the claim, and nothing else', () => {
    const filing = v11.transitions.findIndex((t) => t.event === 'deposer_demande');
    expect(procedurePersonal(v11).transition.get(filing)).toEqual({
      demandeur: { nom: true, prenom: true, adresse: true, telephone: true, courriel: true },
      defendeur: { nom: true, prenom: true, adresse: true, telephone: true },
      courriel_defendeur: true,
    });
  });

  it('leaves out a legal person’s name, a bank’s name, lists of values and statements', () => {
    expect(isPersonalField({ type: 'string', title: 'Dénomination' })).toBe(false);
    expect(isPersonalField({ type: 'string', title: 'Nom de la banque' })).toBe(false);
    expect(isPersonalField({ type: 'string', title: 'Motifs', maxLength: 5000 })).toBe(false);
    expect(isPersonalField({ type: 'string', title: 'Adresse', enum: ['a', 'b'] })).toBe(false);
    expect(isPersonalField({ type: 'boolean', title: 'Connaissez-vous son adresse ?' })).toBe(false);
    expect(isPersonalField({ type: 'string', title: 'Nom d’usage' })).toBe(true);
    expect(isPersonalField({ type: 'string', title: 'Contact', format: 'email' })).toBe(true);
  });

  it('marks no fact of 1.1.0 personal: its facts are amounts, kinds and consents', () => {
    expect([...procedurePersonal(v11).facts.keys()]).toEqual([]);
  });
});

describe('personal facts', () => {
  it('are those recorded from a personal field, with where their personal values are', () => {
    const p = {
      transitions: [
        {
          form: 'f',
          effects: [
            { kind: 'record', fact: 'voisin', from: 'voisin' },
            { kind: 'record', fact: 'nom_voisin', from: 'voisin.nom' },
            { kind: 'record', fact: 'montant', from: 'montant' },
          ],
        },
      ],
      forms: {
        f: {
          schema: {
            type: 'object',
            properties: {
              voisin: {
                type: 'object',
                properties: {
                  nom: { type: 'string', title: 'Nom' },
                  etage: { type: 'integer', title: 'Étage' },
                },
              },
              montant: { type: 'number', title: 'Montant' },
            },
          },
        },
      },
    } as unknown as Procedure;
    const facts = procedurePersonal(p).facts;
    expect(Object.fromEntries(facts)).toEqual({ voisin: { nom: true }, nom_voisin: true });
  });
});
