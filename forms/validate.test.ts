import { describe, expect, it } from 'vitest';
import { type Form, loadProcedure } from '../spec/index.ts';
import { validateFormData } from './validate.ts';

const loc = { file: 'test.yaml', line: 1, column: 1 };
const form = (schema: Record<string, unknown>): Form => ({
  id: 'essai',
  title: 'Essai',
  schema,
  uischema: { type: 'VerticalLayout', elements: [] },
  glossary: {},
  loc,
});

const claim = form({
  type: 'object',
  required: ['montant', 'objets', 'courriel'],
  properties: {
    montant: { type: 'number', minimum: 0, multipleOf: 0.01, title: 'Montant' },
    objets: { type: 'array', minItems: 1, items: { enum: ['paiement', 'bien'] }, title: 'Objet' },
    courriel: { type: 'string', format: 'email', title: 'Courriel' },
    date: { type: 'string', format: 'date', title: 'Date' },
    adresse: {
      type: 'object',
      required: ['ville'],
      properties: { ville: { type: 'string', minLength: 1 } },
    },
  },
});

describe('validateFormData', () => {
  it('accepts valid data', () => {
    expect(validateFormData(claim, { montant: 12.5, objets: ['bien'], courriel: 'a@b.fr' })).toEqual({
      valid: true,
    });
  });

  it('names each bad field by its JSON pointer with a French message', () => {
    const r = validateFormData(claim, { montant: -3, objets: [], date: '31/02/2027', adresse: {} });
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { field: '/courriel', message: 'Ce champ est obligatoire.' },
        { field: '/montant', message: 'Saisissez un nombre supérieur ou égal à 0.' },
        { field: '/objets', message: 'Choisissez au moins une réponse.' },
        { field: '/date', message: 'Saisissez une date valide.' },
        { field: '/adresse/ville', message: 'Ce champ est obligatoire.' },
      ]),
    );
    expect(r.problems).toHaveLength(5);
  });

  it('explains decimals and types in plain words', () => {
    const r = validateFormData(claim, { montant: 1.234, objets: ['x'], courriel: 3 });
    expect(r).toEqual({
      valid: false,
      problems: [
        { field: '/montant', message: 'Saisissez au plus 2 chiffres après la virgule.' },
        { field: '/objets/0', message: 'Choisissez une des réponses proposées.' },
        { field: '/courriel', message: 'Saisissez un texte.' },
      ],
    });
  });

  it('validates a fixture procedure form as loaded from YAML', () => {
    const { procedure, diagnostics } = loadProcedure('test/fixtures/procedures/mediation/1.0.0');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const accord = procedure?.forms.accord;
    expect(accord).toBeDefined();
    if (!accord) return;
    expect(validateFormData(accord, { termes: 'Les haies seront taillées en mars.' })).toEqual({
      valid: true,
    });
    expect(validateFormData(accord, { termes: 'court' })).toEqual({
      valid: false,
      problems: [{ field: '/termes', message: 'Saisissez au moins 10 caractères.' }],
    });
  });

  it('compiles two forms sharing a $id side by side', () => {
    const a = form({ $id: 'https://x/f', type: 'object', properties: { n: { type: 'integer' } } });
    const b = form({ $id: 'https://x/f', type: 'object', properties: { n: { type: 'string' } } });
    expect(validateFormData(a, { n: 1 })).toEqual({ valid: true });
    expect(validateFormData(b, { n: 'x' })).toEqual({ valid: true });
    expect(validateFormData(b, { n: 1 })).toMatchObject({ valid: false });
  });
});
