/** Fictional case data for `greffe acts sample`: every act template rendered as drafters will see it. */
import { citedFields, citedSchema, formatActValue } from '../../spec/act-fields.ts';
import { type ActTemplate, partyRoles } from '../../spec/acts.ts';
import type { JsonSchema, Procedure } from '../../spec/index.ts';
import { courtById } from '../identity/courts.ts';
import type { ActData } from './render-pdf.ts';

/** Fictional people: the parties, in the order of the procedure's party roles, then the signatories. */
const PARTY_NAMES = ['Jeanne Martin', 'SARL Élan Rénovation', 'Louis Bernard', 'Amina Diallo'];
const SIGNATORY_NAMES = ['Claire Dubois', 'Marc Lefèvre', 'Sophie Garnier', 'Paul Roussel', 'Inès Moreau'];

export function sampleActData(t: ActTemplate, p: Procedure): ActData {
  return {
    rg: '27/00042',
    tribunal: courtById('tj-lyon')?.name ?? 'tj-lyon',
    parties: Object.fromEntries(
      partyRoles(p).map((r, i) => [r, PARTY_NAMES[i % PARTY_NAMES.length] as string]),
    ),
    signataire: sampleSignatory(p, t.signatory),
    date: '2027-03-15',
    objet: 'paiement d’une facture de travaux',
    montant: '1\u00a0250,00\u00a0€',
    adressePlateforme: 'https://petits-litiges.justice.example',
    fields: Object.fromEntries(
      citedFields([t.title, t.preamble, ...t.paragraphs]).map((n) => [
        n,
        sampleValue(citedSchema(p, t.document, n), n),
      ]),
    ),
  };
}

/** A fictional printed value for a cited fact or decision field, by its schema (its first choice, an amount…). */
function sampleValue(schema: JsonSchema | undefined, name: string): string {
  const key = name.slice(name.indexOf('.') + 1);
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  const items = schema?.items as JsonSchema | undefined;
  const first = (s: JsonSchema | undefined) =>
    Array.isArray(s?.oneOf)
      ? (s.oneOf[0] as JsonSchema | undefined)?.const
      : s?.enum && (s.enum as unknown[])[0];
  const value =
    type === 'array'
      ? [first(items) ?? 'exemple']
      : (first(schema) ??
        (type === 'number' || type === 'integer'
          ? 1250
          : type === 'boolean'
            ? true
            : schema?.format === 'date'
              ? '2027-03-01'
              : `[${typeof schema?.title === 'string' ? schema.title : key} : texte d’exemple]`));
  return formatActValue(schema, value, key);
}

/** A fictional name for the signatory's role, stable per role (its position among the procedure's roles). */
function sampleSignatory(p: Procedure, role: string): string {
  const i = Object.keys(p.roles).indexOf(role);
  return i < 0 ? role : (SIGNATORY_NAMES[i % SIGNATORY_NAMES.length] as string);
}
