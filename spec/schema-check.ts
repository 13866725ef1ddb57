/** Validates parsed spec files against the spec language's JSON Schemas (ajv, draft 2020-12). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addErrors from 'ajv-errors';
import addFormats from 'ajv-formats';
import localizeFr from 'ajv-i18n/localize/fr';
import { type Diagnostic, diagnostic } from './diagnostic.ts';
import type { Path, SourceFile } from './yaml-source.ts';

export type SpecFileKind = 'procedure' | 'rules' | 'form' | 'tests';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), 'schema');

/** Path of the JSON Schema for a kind of spec file (for `# yaml-language-server: $schema=`). */
export const schemaFile = (kind: SpecFileKind): string => join(schemaDir, `${kind}.schema.json`);

/** An ajv instance configured the way greffe validates every JSON Schema (specs, forms, facts). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // multipleOf: 0.01 (amounts in cents) compared within 1e-6, not by float division (3999.99 / 0.01 ≠ 399999).
    multipleOfPrecision: 6,
  });
  addFormats(ajv);
  addFormLanguage(ajv);
  return ajv;
}

/**
 * The form language's own keywords in a form's JSON Schema (docs/guide-redacteur.md): `errorMessage`, and
 * `title_tiers`,
 * the field's label for everyone but the person who fills the form ("Valeur de la demande" where the
 * claimant reads "Valeur de votre demande"), and `title_legal`, what the answer means in the legal
 * text (text_edition 2): a noun phrase, or per value (`oui`/`non`, an enum's const) the proposition a
 * condition on that value states ("le demandeur connaît l’adresse électronique du défendeur").
 * Annotations: they check nothing in the data.
 */
export function addFormLanguage(ajv: Ajv2020): void {
  // `errorMessage` (ajv-errors): the drafter's French message for a rule of consistency between answers.
  addErrors(ajv);
  ajv.addKeyword({
    keyword: 'title_tiers',
    schemaType: 'string',
    metaSchema: { type: 'string', minLength: 1 },
  });
  ajv.addKeyword({
    keyword: 'title_legal',
    schemaType: ['string', 'object'],
    metaSchema: {
      oneOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          minProperties: 1,
          additionalProperties: { type: 'string', minLength: 1 },
        },
      ],
    },
  });
}

let validators: Record<SpecFileKind, ValidateFunction> | undefined;

function getValidators(): Record<SpecFileKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = createAjv();
  const kinds: SpecFileKind[] = ['procedure', 'rules', 'form', 'tests'];
  for (const kind of kinds)
    ajv.addSchema(JSON.parse(readFileSync(schemaFile(kind), 'utf8')), `${kind}.schema.json`);
  validators = Object.fromEntries(
    kinds.map((k) => [k, ajv.getSchema(`${k}.schema.json`) as ValidateFunction]),
  ) as Record<SpecFileKind, ValidateFunction>;
  return validators;
}

const toPath = (instancePath: string): (string | number)[] =>
  instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

const display = (path: Path): string =>
  path.length === 0 ? 'la racine du fichier' : `« ${path.join('.')} »`;

/** Keeps the error a drafter can act on: the `oneOf` summary rather than each failed branch. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfs = errors
    .filter((e) => e.keyword === 'oneOf')
    .map((e) => e.schemaPath.replace(/\/oneOf$/, '/oneOf/'));
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    return !oneOfs.some((prefix) => e.schemaPath.startsWith(prefix) && e.keyword !== 'oneOf');
  });
}

function hintFor(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'Supprimez cette clé ou corrigez son orthographe ; l’éditeur propose les clés admises grâce au schéma.';
    case 'required':
      return `Ajoutez la clé « ${String(e.params.missingProperty)} ».`;
    case 'pattern':
      return 'Identifiants : lettres minuscules, chiffres et « _ » (ex. delai_critique) ; durées : ISO 8601 (P7D, P2M).';
    case 'enum':
      return `Valeurs admises : ${(e.params.allowedValues as unknown[]).join(', ')}.`;
    case 'oneOf':
      return 'Reportez-vous à la description de cette clé dans le guide du rédacteur (docs/guide-redacteur.md).';
    default:
      return 'Corrigez la valeur selon le guide du rédacteur (docs/guide-redacteur.md).';
  }
}

/** Validates `source` as a spec file of `kind`; every error located at its YAML node. */
export function checkSchema(kind: SpecFileKind, source: SourceFile): Diagnostic[] {
  const validate = getValidators()[kind];
  if (validate(source.data)) return [];
  const errors = relevant(validate.errors ?? []);
  const french = errors.map((e) => ({ ...e }));
  localizeFr(french);
  return french.map((e, i) => {
    const original = errors[i] as ErrorObject;
    const path = toPath(original.instancePath);
    const extra = (original.params.additionalProperty ?? original.params.unevaluatedProperty) as
      | string
      | undefined;
    if (extra !== undefined) {
      return diagnostic(
        'schema',
        'error',
        source.locateKey([...path, extra]),
        `Clé inconnue « ${extra} » dans ${display(path)}.`,
        hintFor(original),
      );
    }
    const loc = original.keyword === 'required' ? source.locateKey(path) : source.locate(path);
    return diagnostic(
      'schema',
      'error',
      loc,
      `${display(path)} : ${e.message ?? 'valeur invalide'}.`,
      hintFor(original),
    );
  });
}
