/** The spec's texts as the pages show them: parameters filled, no option key in a field's description. */
import { describe, expect, it } from 'vitest';
import { withoutOptionKeys } from './templates.ts';

describe('withoutOptionKeys', () => {
  it('drops an option’s stored key in parentheses from its field’s description, and nothing else', () => {
    const schema = {
      type: 'object',
      description: 'Le formulaire (paiement).',
      properties: {
        objets: {
          type: 'array',
          description:
            "Seulement le paiement d'une somme (paiement), un bien (bien) ou un service (service) (par exemple).",
          items: { type: 'string', oneOf: [{ const: 'paiement' }, { const: 'bien' }, { const: 'service' }] },
        },
        mode: {
          type: 'string',
          enum: ['en_ligne', 'greffe'],
          description: 'En ligne (en_ligne) ou au greffe.',
        },
        libre: { type: 'string', description: 'Un texte (paiement) sans options.' },
      },
    };
    const out = withoutOptionKeys(schema);
    expect(out.properties.objets.description).toBe(
      "Seulement le paiement d'une somme, un bien ou un service (par exemple).",
    );
    expect(out.properties.mode.description).toBe('En ligne ou au greffe.');
    // A field without options, and the form itself, keep their words; the options keep their keys.
    expect(out.properties.libre.description).toBe('Un texte (paiement) sans options.');
    expect(out.description).toBe('Le formulaire (paiement).');
    expect(out.properties.objets.items.oneOf.map((o) => o.const)).toEqual(['paiement', 'bien', 'service']);
    expect(schema.properties.objets.description).toContain('(paiement)');
  });
});
