import { describe, expect, it } from 'vitest';
import { createAjv } from '../spec/index.ts';
import { problemsFromErrors } from './messages.ts';
import { createBrowserAjv, SHARED_AJV_OPTIONS } from './web/src/lib/ajv.ts';

const schema = {
  type: 'object',
  required: ['objets', 'accord', 'matiere', 'nom'],
  properties: {
    objets: { type: 'array', items: { enum: ['a', 'b'] } },
    accord: { type: 'boolean' },
    matiere: { type: 'string', oneOf: [{ const: 'civile', title: 'Civile' }] },
    nom: { type: 'string' },
    atteste: { type: 'boolean', const: true },
    piece: { type: 'object', properties: { taille: { type: 'integer', maximum: 10 } } },
  },
  allOf: [
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
    { if: { properties: { accord: { const: true } }, required: ['accord'] }, then: { required: ['motif'] } },
  ],
};

describe('French messages', () => {
  it('say how each missing field is answered, on the server and in the browser alike', () => {
    const expected = [
      { field: '/objets', message: 'Choisissez au moins une réponse.' },
      { field: '/accord', message: 'Répondez à cette question.' },
      { field: '/matiere', message: 'Choisissez une réponse.' },
      { field: '/nom', message: 'Ce champ est obligatoire.' },
    ];
    for (const ajv of [createAjv(), createBrowserAjv()]) {
      const validate = ajv.compile(schema);
      validate({});
      expect(problemsFromErrors(validate.errors ?? [], schema)).toEqual(expected);
    }
  });

  it('speak of boxes to tick, conditional fields and limits plainly', () => {
    const validate = createAjv().compile(schema);
    validate({
      objets: ['a'],
      accord: true,
      matiere: 'civile',
      nom: 'x',
      atteste: false,
      piece: { taille: 12 },
    });
    expect(problemsFromErrors(validate.errors ?? [], schema)).toEqual([
      { field: '/motif', message: 'Ce champ est obligatoire.' },
      { field: '/atteste', message: 'Cochez cette case pour continuer.' },
      { field: '/piece/taille', message: 'Saisissez un nombre inférieur ou égal à 10.' },
    ]);
  });

  it('come from an ajv configured like the spec language’s', () => {
    const server = createAjv().opts as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(SHARED_AJV_OPTIONS)) expect(server[k], k).toBe(v);
  });
});
