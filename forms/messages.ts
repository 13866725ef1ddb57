/**
 * French messages for form validation errors, written for citizens rather than
 * developers ("Ce champ est obligatoire." instead of ajv's "must have required
 * property"). Browser-safe: the web app and the server share this file, so a
 * field gets the same sentence on both sides.
 */
import type { ErrorObject } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr';

/** One problem in submitted form data: `field` is a JSON pointer ("/montant", "" for the whole form). */
export interface FormProblem {
  readonly field: string;
  readonly message: string;
}

const number = (n: unknown): string =>
  typeof n === 'number' ? new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 }).format(n) : String(n);

const plural = (n: number, one: string, many: string): string => `${number(n)} ${n > 1 ? many : one}`;

const FORMATS: Record<string, string> = {
  date: 'Saisissez une date valide.',
  'date-time': 'Saisissez une date et une heure valides.',
  time: 'Saisissez une heure valide.',
  email: 'Saisissez une adresse électronique valide (par exemple nom@exemple.fr).',
  uri: 'Saisissez une adresse web complète (par exemple https://exemple.fr).',
  iban: 'Saisissez un IBAN valide.',
};

const TYPES: Record<string, string> = {
  number: 'Saisissez un nombre.',
  integer: 'Saisissez un nombre entier, sans virgule.',
  string: 'Saisissez un texte.',
  boolean: 'Répondez par oui ou par non.',
  array: 'Choisissez une ou plusieurs réponses.',
  object: 'Complétez ce groupe de champs.',
};

/** Number of decimals a `multipleOf` of 0.01, 0.1… allows; undefined for other steps. */
function decimalsOf(step: number): number | undefined {
  for (let d = 1; d <= 6; d++) if (Math.abs(step - 10 ** -d) < 1e-12) return d;
  return undefined;
}

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  type?: unknown;
  enum?: unknown;
  oneOf?: unknown;
};

/** The schema of the data at `instancePath` ("/demandeur/adresse"), following properties and items only. */
function schemaAt(root: unknown, instancePath: string): Schema | undefined {
  let s = root as Schema | undefined;
  for (const seg of instancePath.split('/').slice(1)) {
    if (!s) return undefined;
    s =
      /^\d+$/.test(seg) && s.items
        ? s.items
        : s.properties?.[seg.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return s;
}

/** "Ce champ est obligatoire.", said the way the missing field is answered. */
function missingMessage(error: ErrorObject, root: unknown): string {
  const missing = String((error.params as { missingProperty?: unknown }).missingProperty ?? '');
  const parent = error.parentSchema as Schema | undefined;
  const field = parent?.properties?.[missing] ?? schemaAt(root, error.instancePath)?.properties?.[missing];
  if (field?.type === 'array') return 'Choisissez au moins une réponse.';
  if (field?.type === 'boolean') return 'Répondez à cette question.';
  if (field?.enum || field?.oneOf) return 'Choisissez une réponse.';
  return 'Ce champ est obligatoire.';
}

/**
 * A French sentence for one ajv error, addressed to the person filling the
 * form. `root` (the form's schema) lets "required" name how the missing field
 * is answered (a choice, a box, a text).
 */
export function messageFr(error: ErrorObject, root?: unknown): string {
  const p = error.params as Record<string, unknown>;
  const limit = p.limit as number;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return missingMessage(error, root);
    case 'type': {
      const t = Array.isArray(p.type) ? String(p.type[0]) : String(p.type);
      return TYPES[t] ?? 'Cette valeur n’a pas le type attendu.';
    }
    case 'minLength':
      return limit <= 1
        ? 'Ce champ est obligatoire.'
        : `Saisissez au moins ${plural(limit, 'caractère', 'caractères')}.`;
    case 'maxLength':
      return `Saisissez au plus ${plural(limit, 'caractère', 'caractères')}.`;
    case 'minimum':
      return `Saisissez un nombre supérieur ou égal à ${number(limit)}.`;
    case 'exclusiveMinimum':
      return `Saisissez un nombre strictement supérieur à ${number(limit)}.`;
    case 'maximum':
      return `Saisissez un nombre inférieur ou égal à ${number(limit)}.`;
    case 'exclusiveMaximum':
      return `Saisissez un nombre strictement inférieur à ${number(limit)}.`;
    case 'multipleOf': {
      const d = decimalsOf(p.multipleOf as number);
      if (d !== undefined) return `Saisissez au plus ${plural(d, 'chiffre', 'chiffres')} après la virgule.`;
      return `Saisissez un multiple de ${number(p.multipleOf)}.`;
    }
    case 'format':
      return FORMATS[String(p.format)] ?? 'Le format de cette valeur n’est pas valide.';
    case 'pattern':
      return 'Le format de cette valeur n’est pas valide.';
    case 'const':
      // A checkbox the person must tick ("J'atteste l'exactitude…").
      if (p.allowedValue === true) return 'Cochez cette case pour continuer.';
      return 'Choisissez une des réponses proposées.';
    case 'enum':
      return 'Choisissez une des réponses proposées.';
    case 'minItems':
      return limit <= 1
        ? 'Choisissez au moins une réponse.'
        : `Choisissez au moins ${plural(limit, 'réponse', 'réponses')}.`;
    case 'maxItems':
      return `Choisissez au plus ${plural(limit, 'réponse', 'réponses')}.`;
    case 'uniqueItems':
      return 'Chaque réponse ne doit figurer qu’une fois.';
    case 'additionalProperties':
      return `Le champ « ${String(p.additionalProperty)} » n’est pas prévu par ce formulaire.`;
    case 'not':
      return 'Cette réponse n’est pas admise ici.';
    case 'errorMessage':
      // ajv-errors: the drafter's own message, already French.
      return error.message ?? 'Cette valeur n’est pas valide.';
    default: {
      const copy = { ...error };
      localizeFr([copy]);
      const text = copy.message ?? 'cette valeur n’est pas valide';
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    }
  }
}

/** Summary keywords: their sub-errors already say what is wrong, field by field. */
const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', '$ref']);

const escapePointer = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** JSON pointer of the field an error is about (the missing property for `required`). */
export function fieldOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const extra = error.keyword === 'required' ? p.missingProperty : undefined;
  if (typeof extra === 'string') return `${error.instancePath}/${escapePointer(extra)}`;
  if (error.keyword === 'dependentRequired' && typeof p.missingProperty === 'string') {
    return `${error.instancePath}/${escapePointer(p.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return `${error.instancePath}/${escapePointer(p.additionalProperty)}`;
  }
  return error.instancePath;
}

/** ajv errors → one French problem per field and message, in the order ajv found them. */
export function problemsFromErrors(errors: readonly ErrorObject[], root?: unknown): FormProblem[] {
  const seen = new Set<string>();
  const problems: FormProblem[] = [];
  const fieldsWithOwnError = new Set(errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword)).map(fieldOf));
  for (const e of errors) {
    const field = fieldOf(e);
    // A summary error on a field that has a precise one adds nothing.
    if (SUMMARY_KEYWORDS.has(e.keyword) && fieldsWithOwnError.has(field)) continue;
    if (e.keyword === 'if') continue;
    const message = messageFr(e, root);
    const key = `${field}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field, message });
  }
  return problems;
}
