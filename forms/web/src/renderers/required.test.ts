import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBrowserAjv } from '../lib/ajv.ts';
import { requiredNow } from './required.ts';

const ajv = createBrowserAjv() as never;
// Written as the spec's forms are (YAML): a `then` key in a TS object literal reads as a thenable to the linter.
const schema = parse(`
type: object
required: [partie]
properties:
  mode: { type: string }
  motif: { type: string }
  telephone: { type: string }
  sms: { type: boolean }
  partie:
    type: object
    properties: { qualite: { type: string }, nom: { type: string }, denomination: { type: string } }
    allOf:
      - if: { properties: { qualite: { const: physique } }, required: [qualite] }
        then: { required: [nom] }
        else: { required: [denomination] }
if: { properties: { mode: { const: greffe } }, required: [mode] }
then: { required: [motif] }
dependentRequired: { sms: [telephone] }
`) as unknown;

describe('requirements that follow the answers', () => {
  it('reads if/then/else, allOf and dependentRequired against the answers given', () => {
    expect(requiredNow(schema, {}, 'partie', ajv)).toBe(true);
    expect(requiredNow(schema, {}, 'motif', ajv)).toBe(false);
    expect(requiredNow(schema, { mode: 'greffe' }, 'motif', ajv)).toBe(true);
    expect(requiredNow(schema, { mode: 'en_ligne' }, 'motif', ajv)).toBe(false);
    expect(requiredNow(schema, { partie: { qualite: 'physique' } }, 'partie.nom', ajv)).toBe(true);
    expect(requiredNow(schema, { partie: { qualite: 'physique' } }, 'partie.denomination', ajv)).toBe(false);
    expect(requiredNow(schema, { partie: { qualite: 'morale' } }, 'partie.denomination', ajv)).toBe(true);
    expect(requiredNow(schema, {}, 'telephone', ajv)).toBe(false);
    expect(requiredNow(schema, { sms: false }, 'telephone', ajv)).toBe(true);
    expect(requiredNow(schema, {}, 'inconnu.champ', ajv)).toBeUndefined();
  });
});
