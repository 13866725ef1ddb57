/**
 * Act templates (`acts/<document>.yaml` beside procedure.yaml): the court acts a
 * procedure issues, rendered to PDF by runtime/acts/. A template names the
 * document it produces, who signs it, whom it is addressed to, and its
 * paragraphs; every `${name}` in a text is a procedure parameter, one of the
 * case data below (ACT_CASE_FIELDS), a fact of the case (`${faits.<fait>}`) or
 * a field of the deciding act's form (`${decision.<champ>}`, spec/act-fields.ts).
 * Checked by `greffe validate`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DECISION_PREFIX, decisionFields, FACT_PREFIX, producingForms } from './act-fields.ts';
import { closest } from './build-context.ts';
import { type Diagnostic, diagnostic, sortDiagnostics } from './diagnostic.ts';
import type { Loc, Procedure } from './model.ts';
import { createAjv, schemaFile } from './schema-check.ts';
import { readSource, type SourceFile } from './yaml-source.ts';

/**
 * The case data an act template may cite, with what each one prints (in French, for drafters).
 * Besides these, each party role of the procedure (`kind: partie`) names that party: `${<role id>}`.
 */
export const ACT_CASE_FIELDS: Readonly<Record<string, string>> = {
  rg: 'le numéro de l’affaire au répertoire général (RG)',
  tribunal: 'le nom de la juridiction saisie',
  destinataire: 'le nom du destinataire de l’acte',
  signataire: 'le nom du juge, du greffier ou du commissaire de justice qui signe l’acte',
  date_acte: 'la date de l’acte, en toutes lettres',
  objet: 'l’objet de la demande (le fait « objet » de l’affaire, s’il existe)',
  montant: 'le montant demandé, en euros (le fait « montant » de l’affaire, s’il existe)',
  adresse_plateforme: 'l’adresse de la plateforme',
};

/** The party roles of a procedure, in spec order: each is a name an act template may cite (the party's name). */
export function partyRoles(procedure: Procedure): string[] {
  return Object.entries(procedure.roles)
    .filter(([, r]) => r.kind === 'partie')
    .map(([id]) => id);
}

export interface ActTemplate {
  /** The file name without .yaml, equal to `document`. */
  readonly id: string;
  readonly document: string;
  readonly title: string;
  readonly preamble?: string;
  readonly signatory: string;
  readonly addressee?: string;
  /**
   * Prints the box of the addressee's log-in details: the platform's address and where the access code is.
   * The code itself is never on the act (a document of the case, which other roles may read and which is
   * kept for years): it travels only in the message or covering letter addressed to the person.
   */
  readonly accessCode: boolean;
  readonly remedies: boolean;
  readonly paragraphs: readonly string[];
  readonly basis?: string;
  readonly loc: Loc;
}

export interface ActLoadResult {
  readonly acts: readonly ActTemplate[];
  readonly diagnostics: readonly Diagnostic[];
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

function schemaValidator() {
  if (validate) return validate;
  const ajv = createAjv();
  ajv.addSchema(JSON.parse(readFileSync(schemaFile('procedure'), 'utf8')), 'procedure.schema.json');
  validate = ajv.compile(
    JSON.parse(readFileSync(join(schemaFile('procedure'), '..', 'act.schema.json'), 'utf8')),
  );
  return validate;
}

/** Line and column of the first `needle` at or after `from` in the file's text (placeholders inside block scalars). */
function findInText(lines: readonly string[], needle: string, from: Loc): Loc {
  for (let i = from.line - 1; i < lines.length; i++) {
    const col = (lines[i] as string).indexOf(needle, i === from.line - 1 ? from.column - 1 : 0);
    if (col >= 0) return { file: from.file, line: i + 1, column: col + 1 };
  }
  return from;
}

/** Loads and checks every act template of a loaded procedure (none when it has no acts/ folder). */
export function loadActTemplates(procedure: Procedure, cwd = process.cwd()): ActLoadResult {
  const dir = join(procedure.dir, 'acts');
  if (!existsSync(dir)) return { acts: [], diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const acts: ActTemplate[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const f of files) {
    const path = join(dir, f);
    const { source, diagnostics: parse } = readSource(path, relative(cwd, path) || path);
    diagnostics.push(...parse);
    if (!source) continue;
    const act = checkAct(source, basename(f).replace(/\.ya?ml$/, ''), procedure, readFileSync(path, 'utf8'));
    diagnostics.push(...act.diagnostics);
    if (act.template) acts.push(act.template);
  }
  return { acts, diagnostics: sortDiagnostics(diagnostics) };
}

function checkAct(
  src: SourceFile,
  id: string,
  procedure: Procedure,
  text: string,
): { template?: ActTemplate; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const v = schemaValidator();
  if (!v(src.data)) {
    for (const e of v.errors ?? []) {
      const path = e.instancePath.split('/').slice(1);
      out.push(
        diagnostic(
          'act-schema',
          'error',
          src.locate(path.map((p) => (/^\d+$/.test(p) ? Number(p) : p))),
          `Modèle d’acte invalide${e.instancePath ? ` en « ${path.join('.')} »` : ''} : ${e.message ?? 'valeur refusée'}.`,
          'Voir spec/schema/act.schema.json : document, signatory et paragraphs sont obligatoires.',
        ),
      );
    }
    return { diagnostics: out };
  }
  const d = src.data as {
    document: string;
    title?: string;
    preamble?: string;
    signatory: string;
    addressee?: string;
    access_code?: boolean;
    remedies?: boolean;
    paragraphs: string[];
    basis?: string;
  };
  const refs: [string, string, ReadonlySet<string>, string][] = [
    [
      'document',
      d.document,
      new Set(Object.keys(procedure.documents)),
      'sous documents: dans procedure.yaml',
    ],
    ['signatory', d.signatory, new Set(Object.keys(procedure.roles)), 'sous roles: dans procedure.yaml'],
  ];
  if (d.addressee)
    refs.push(['addressee', d.addressee, new Set(Object.keys(procedure.roles)), 'sous roles:']);
  for (const [key, name, known, where] of refs) {
    if (known.has(name)) continue;
    const guess = closest(name, known);
    out.push(
      diagnostic(
        key === 'document' ? 'unknown-document' : 'unknown-role',
        'error',
        src.locate([key]),
        `Le modèle d’acte cite « ${name} », qui n’est pas déclaré ${where}.`,
        guess ? `Vouliez-vous dire « ${guess} » ?` : `Déclarez-le ${where}, ou corrigez le nom.`,
      ),
    );
  }
  if (d.document !== id) {
    out.push(
      diagnostic(
        'act-file-name',
        'error',
        src.locate(['document']),
        `Le fichier ${id}.yaml décrit le document « ${d.document} ».`,
        `Renommez le fichier en ${d.document}.yaml, ou écrivez document: ${id}.`,
      ),
    );
  }
  const names = new Set([
    ...Object.keys(procedure.parameters),
    ...Object.keys(ACT_CASE_FIELDS),
    ...partyRoles(procedure),
  ]);
  const lines = text.split('\n');
  const decision = decisionFields(procedure, d.document);
  const texts: [(string | number)[], string][] = [
    ...d.paragraphs.map((p, i): [(string | number)[], string] => [['paragraphs', i], p]),
    ...(['title', 'preamble'] as const).flatMap((k): [(string | number)[], string][] => {
      const value = d[k];
      return value ? [[[k], value]] : [];
    }),
  ];
  for (const [path, value] of texts) {
    let from = src.locate(path);
    for (const m of value.matchAll(PLACEHOLDER)) {
      const name = (m[1] ?? '').trim();
      const at = findInText(lines, m[0], from);
      from = { ...at, column: at.column + 1 };
      if (name.startsWith(FACT_PREFIX) || name.startsWith(DECISION_PREFIX)) {
        const problem = checkField(name, procedure, d.document, decision);
        if (problem) out.push(diagnostic('unknown-act-field', 'error', at, problem.message, problem.hint));
        continue;
      }
      if (names.has(name)) continue;
      const guess = closest(name, names);
      out.push(
        diagnostic(
          'unknown-act-name',
          'error',
          at,
          `Le modèle d’acte cite \${${name}}, qui n’est ni un paramètre ni une donnée de l’affaire.`,
          guess
            ? `Vouliez-vous dire \${${guess}} ?`
            : `Données de l’affaire : ${[...Object.keys(ACT_CASE_FIELDS), ...partyRoles(procedure)].join(', ')} ; ou un paramètre déclaré ; ou \${faits.<fait>}, \${decision.<champ>}.`,
        ),
      );
    }
  }
  if (out.some((x) => x.severity === 'error')) return { diagnostics: out };
  const template: ActTemplate = {
    id,
    document: d.document,
    title: d.title ?? procedure.documents[d.document]?.label ?? d.document,
    ...(d.preamble !== undefined && { preamble: d.preamble }),
    signatory: d.signatory,
    ...(d.addressee !== undefined && { addressee: d.addressee }),
    accessCode: d.access_code === true,
    remedies: d.remedies === true,
    paragraphs: d.paragraphs,
    ...(d.basis !== undefined && { basis: d.basis }),
    loc: src.locate([]),
  };
  return { template, diagnostics: out };
}

/** Why `${faits.x}` / `${decision.x}` names nothing (French message and hint), or undefined when it is known. */
function checkField(
  name: string,
  p: Procedure,
  document: string,
  decision: ReadonlySet<string>,
): { message: string; hint: string } | undefined {
  if (name.startsWith(FACT_PREFIX)) {
    const fact = name.slice(FACT_PREFIX.length);
    if (Object.hasOwn(p.rules.facts, fact)) return undefined;
    const guess = closest(fact, new Set(Object.keys(p.rules.facts)));
    return {
      message: `Le modèle d’acte cite \${${name}}, mais « ${fact} » n’est pas un fait déclaré sous facts: dans rules.yaml.`,
      hint: guess
        ? `Vouliez-vous dire \${${FACT_PREFIX}${guess}} ?`
        : 'Déclarez le fait dans rules.yaml, ou corrigez le nom.',
    };
  }
  const field = name.slice(DECISION_PREFIX.length);
  if (decision.has(field)) return undefined;
  const forms = producingForms(p, document);
  if (forms.length === 0)
    return {
      message: `Le modèle d’acte cite \${${name}}, mais aucun événement qui produit le document « ${document} » n’a de formulaire.`,
      hint: 'Ne citez ${decision.…} que dans l’acte d’une décision rendue par un formulaire (form: de la transition).',
    };
  const guess = closest(field, decision);
  return {
    message: `Le modèle d’acte cite \${${name}}, mais le formulaire de la décision (${forms.join(', ')}) n’a pas de champ « ${field} ».`,
    hint: guess
      ? `Vouliez-vous dire \${${DECISION_PREFIX}${guess}} ?`
      : `Champs du formulaire : ${[...decision].join(', ')}.`,
  };
}

/** Replaces each `${name}` by its value: case data first, then the procedure's parameter as formatted. */
export function fillAct(
  text: string,
  values: Readonly<Record<string, string>>,
  format: (name: string) => string | undefined,
): string {
  return text.replace(PLACEHOLDER, (whole, raw: string) => {
    const name = raw.trim();
    return values[name] ?? format(name) ?? whole;
  });
}
