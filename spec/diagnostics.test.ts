/**
 * One broken spec per diagnostic code: each test edits a copy of the minimal
 * fixture procedure and checks the code, file, line, column and message.
 * Diagnostics are public API (docs/diagnostics.md).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpec, editSpec, FIXTURE_DIR, positionOf } from '../test/helpers/spec-copy.ts';
import { loadProcedure } from './load.ts';

interface Case {
  code: string;
  file: string;
  search: string | RegExp;
  replace: string;
  /** Text whose position (plus shift) the diagnostic must point at, in the edited file. */
  at: string;
  shift?: number;
  message: RegExp;
  severity?: 'error' | 'warning';
  /** The hint must say this too (e.g. the suggested name). */
  hint?: RegExp;
  /** Procedure to break (default: the mediation fixture). */
  dir?: string;
  /** An edit made before the one under test (to set up the case), in `file` unless it names another. */
  before?: { search: string; replace: string; file?: string };
}

/** The fixture's deadline made per party (CPC art. 528). */
const PER_PARTY = {
  search: '    duration: delai_reponse\n',
  replace: '    duration: delai_reponse\n    per_party: true\n',
};
/** The fixture's accord form dated by an optional date field. */
const OPTIONAL_DATE = {
  file: 'forms/accord.yaml',
  search: '  properties:\n',
  replace:
    '  properties:\n    date_accord:\n      type: string\n      format: date\n      title: Date de l’accord\n',
};
/** The accord starts the fixture's deadline from a field of its form. */
const startFrom = (field: string) => ({
  search: '    form: accord\n',
  replace: `    form: accord\n    effects:\n      - start: { deadline: delai_reponse, from: ${field} }\n`,
});

/** A decision on a transition of the mediation fixture, so an objective can measure it. */
const HOMOLOGATION = {
  search: '    form: accord\n',
  replace: '    form: accord\n    decision: { kind: homologation, against: [] }\n',
};

/** The language-v2 fixture: typed remedies, judgment character, services, a filing. */
const RECOURS = 'test/fixtures/procedures/recours/1.0.0';
const V2 = { dir: RECOURS, file: 'procedure.yaml' };

/** An order made on the request, against the defendant never summoned (CPC art. 17). */
const EX_PARTE = (remedies: string, exParte: string) =>
  `    decision: { kind: ordonnance, against: [defendeur], remedies: ${remedies}, ex_parte: ${exParte} }\n`;

const cases: Case[] = [
  {
    code: 'deadline-party-missing',
    file: 'procedure.yaml',
    ...PER_PARTY,
    at: 'start: delai_reponse',
    message: /court par partie .* doit dire contre quelle partie/,
    hint: /against: <partie>/,
  },
  {
    code: 'deadline-party-unexpected',
    file: 'procedure.yaml',
    search: '- start: delai_reponse',
    replace: '- start: { deadline: delai_reponse, against: requerant_voisin }',
    at: 'start: { deadline',
    message: /ne court pas par partie/,
    hint: /per_party: true/,
  },
  {
    code: 'deadline-distance-not-party',
    file: 'procedure.yaml',
    search: '    duration: delai_reponse\n',
    replace: '    duration: delai_reponse\n    distance: true\n',
    at: 'distance: true',
    message: /ne court pas contre une partie .* art\. 643 et 644/,
    hint: /per_party: true/,
  },
  {
    ...V2,
    code: 'deadline-distance-residence',
    search: '    duration: delai_opposition\n',
    replace: '    duration: delai_opposition\n    distance: true\n',
    at: 'distance: true',
    message: /contre « defendeur », mais le fait « residence_defendeur » .* n’est pas déclaré/,
    hint: /enum: \[metropole, guadeloupe/,
  },
  {
    code: 'deadline-party-not-party',
    file: 'procedure.yaml',
    before: PER_PARTY,
    search: '- start: delai_reponse',
    replace: '- start: { deadline: delai_reponse, against: mediateur }',
    at: 'start: { deadline',
    message: /« mediateur » n’est pas une partie/,
  },
  {
    code: 'act-date-unknown-field',
    file: 'procedure.yaml',
    ...startFrom('date_accord'),
    at: 'start: { deadline: delai_reponse, from',
    message: /« date_accord » n’existe pas dans le formulaire « accord »/,
    hint: /termes/,
  },
  {
    code: 'act-date-not-date',
    file: 'procedure.yaml',
    ...startFrom('termes'),
    at: 'start: { deadline: delai_reponse, from',
    message: /« termes » du formulaire « accord » n’est pas une date/,
    hint: /format: date/,
  },
  {
    code: 'act-date-optional',
    file: 'procedure.yaml',
    before: OPTIONAL_DATE,
    ...startFrom('date_accord'),
    at: 'start: { deadline: delai_reponse, from',
    message: /« date_accord » du formulaire « accord » est facultatif/,
    hint: /required:/,
  },
  {
    ...V2,
    code: 'unknown-remedy',
    search: 'remedies: [opposition, pourvoi]',
    replace: 'remedies: [oposition, pourvoi]',
    at: 'oposition',
    message: /La voie de recours « oposition » n’existe pas/,
  },
  {
    ...V2,
    code: 'appeal-boolean',
    search: 'against: [demandeur, defendeur], remedies: [] }',
    replace: 'against: [demandeur, defendeur], appeal: false }',
    at: '  - event: ordonner',
    shift: 4,
    message: /dit appeal: false : une procédure qui déclare ses voies de recours les type/,
  },
  {
    ...V2,
    code: 'decision-without-remedies',
    search: 'against: [demandeur, defendeur], remedies: [] }',
    replace: 'against: [demandeur, defendeur] }',
    at: '  - event: ordonner',
    shift: 4,
    message: /« ordonner » ne dit pas ses voies de recours/,
  },
  {
    ...V2,
    code: 'hears-on-timer',
    search: '    to: instruction\n    automatic: true\n',
    replace: '    to: instruction\n    automatic: true\n    hears: [defendeur]\n',
    at: '  - event: expiration_delai_defense',
    shift: 4,
    message: /une partie n’est entendue que par son propre acte, jamais par l’expiration d’un délai/,
  },
  {
    ...V2,
    code: 'default-judgment-unhandled',
    search:
      '      character: { party: defendeur, fact: caractere_jugement, last_resort: true, void_unless_served: delai_non_avenu }\n',
    replace: '',
    at: '  - event: juger',
    shift: 4,
    message: /alors qu’il n’a jamais agi : son caractère .* n’est pas calculé/,
  },
  {
    ...V2,
    code: 'default-without-opposition',
    search: 'remedies: [opposition, pourvoi]',
    replace: 'remedies: [pourvoi]',
    at: '  - event: juger',
    shift: 4,
    message: /peut être rendu par défaut contre « defendeur » sans que l’opposition lui soit ouverte/,
  },
  {
    ...V2,
    code: 'ex-parte-without-remedy',
    search: '    summons: [demandeur]\n    hears: [demandeur]\n',
    replace: `${'    summons: [demandeur]\n    hears: [demandeur]\n'}${EX_PARTE('[]', '[defendeur]')}`,
    at: '  - event: deposer',
    shift: 4,
    message: /rendue à l’insu de « defendeur » sans lui ouvrir de recours .* art\. 17/,
    hint: /by: \[defendeur\]/,
  },
  {
    ...V2,
    code: 'ex-parte-not-against',
    search: '    summons: [demandeur]\n    hears: [demandeur]\n',
    replace: `${'    summons: [demandeur]\n    hears: [demandeur]\n'}${EX_PARTE('[pourvoi]', '[demandeur]')}`,
    at: '  - event: deposer',
    shift: 4,
    message: /à l’insu de « demandeur » \(ex_parte\), mais elle ne peut pas lui faire grief/,
  },
  {
    ...V2,
    code: 'remedy-by-not-party',
    search: '    by: [defendeur]\n    characters',
    replace: '    by: [defendeur, juge]\n    characters',
    at: '  opposition:\n    kind',
    shift: 2,
    message: /est ouverte à « juge », qui n’est pas une partie/,
  },
  {
    ...V2,
    code: 'remedy-time-mismatch',
    search: '    time: delai_opposition\n',
    replace: '    time: delai_pourvoi\n',
    at: '  opposition:\n    kind',
    shift: 2,
    message: /n’est pas celui du délai « delai_opposition »/,
  },
  {
    ...V2,
    code: 'remedy-start-unsupported',
    search: '    starts_on: signification\n    suspensive: true',
    replace: '    starts_on: prononce\n    suspensive: true',
    at: '  opposition:\n    kind',
    shift: 2,
    message: /starts_on: prononce ne peut pas être compté/,
  },
  {
    ...V2,
    code: 'service-without-decision',
    search: '    service: { document: jugement, to: [demandeur] }',
    replace: '    service: { document: acte_signification, to: [demandeur] }',
    at: '  - event: signifier_demandeur',
    shift: 4,
    message: /signifie « acte_signification », qu’aucune décision ouverte à un recours ne produit/,
  },
  {
    ...V2,
    code: 'service-without-statement',
    search: '    service: { document: jugement, to: [demandeur] }\n',
    replace: '',
    at: '  - event: signifier_demandeur',
    shift: 4,
    message: /sans être déclarée acte de signification : l’acte n’énoncerait pas les voies de recours/,
  },
  {
    ...V2,
    code: 'remedy-never-served',
    search:
      '    service: { document: jugement, to: [demandeur] }\n    effects:\n      - call: { connector: signification_papier, document: jugement, to: [demandeur] }\n',
    replace: '    effects:\n',
    at: '  - event: juger',
    shift: 4,
    message: /« jugement » n’est jamais signifié à « demandeur »/,
  },
  {
    ...V2,
    code: 'filing-not-notified',
    search: 'roles: [demandeur, defendeur, juge], message: "Un incident',
    replace: 'roles: [juge], message: "Un incident',
    at: '  - event: soulever_incident',
    shift: 4,
    message: /n’est pas notifié à « demandeur, defendeur »/,
  },
  {
    ...V2,
    code: 'filing-without-answer-time',
    search: '      - start: delai_observations\n',
    replace: '',
    at: '  - event: soulever_incident',
    shift: 4,
    message: /ne fait pas courir le délai de réponse « delai_observations »/,
  },
  {
    ...V2,
    code: 'decision-before-answer',
    search: '    after: [delai_observations]\n',
    replace: '',
    at: '  - event: ordonner',
    shift: 4,
    message: /alors que le délai de réponse « delai_observations » court encore/,
  },
  {
    ...V2,
    code: 'filing-undeclared',
    search:
      '    filing_exempt: "L\'opposition remet l\'affaire en instruction, où chaque partie est entendue."\n',
    replace: '',
    at: '  - event: former_opposition',
    shift: 4,
    message:
      /L’acte « former_opposition » d’une partie peut être suivi de la décision « juger » .* art\. 15 et 16/,
    hint: /filing: \{ answer: .*filing_exempt:/,
  },
  {
    code: 'yaml-syntax',
    file: 'procedure.yaml',
    search: 'label: Plafond de la demande',
    replace: 'label: [Plafond',
    at: '\n  delai_reponse',
    shift: 3,
    message: /YAML invalide/,
  },
  {
    code: 'schema',
    file: 'procedure.yaml',
    search: 'status: published',
    replace: 'status: publiee',
    at: 'publiee',
    message: /status/,
  },
  {
    code: 'schema',
    file: 'procedure.yaml',
    search: '    phase: ouverture\n    initial',
    replace: '    phase: ouverture\n    couleur: rouge\n    initial',
    at: 'couleur',
    message: /Clé inconnue « couleur »/,
  },
  {
    code: 'unknown-state',
    file: 'procedure.yaml',
    search: 'to: close_accord',
    replace: 'to: close_acord',
    at: 'close_acord',
    message: /L’état « close_acord » n’existe pas/,
  },
  {
    code: 'unknown-role',
    file: 'procedure.yaml',
    search: 'roles: [mediateur, requerant_voisin]',
    replace: 'roles: [mediateur, juge]',
    at: 'juge]',
    message: /Le rôle « juge » n’existe pas/,
  },
  {
    code: 'unknown-form',
    file: 'procedure.yaml',
    search: 'form: accord',
    replace: 'form: protocole',
    at: 'protocole',
    message: /Le formulaire « protocole » n’existe pas/,
  },
  {
    code: 'unknown-parameter',
    file: 'procedure.yaml',
    search: "title: Médiation de voisinage en ligne (jusqu'à ${plafond})",
    replace: "title: Médiation de voisinage en ligne (jusqu'à ${plafon})",
    at: 'Médiation de voisinage',
    message: /\$\{plafon\}/,
  },
  {
    code: 'unknown-parameter',
    file: 'procedure.yaml',
    search: 'duration: delai_reponse',
    replace: 'duration: delai_repons',
    at: 'delai_repons\n',
    message: /Le paramètre « delai_repons » n’existe pas/,
  },
  {
    code: 'parameter-type',
    file: 'procedure.yaml',
    search: 'duration: delai_reponse',
    replace: 'duration: plafond',
    at: 'plafond\n',
    message: /type money, duration est attendu/,
  },
  {
    code: 'unknown-deadline',
    file: 'procedure.yaml',
    search: '- start: delai_reponse',
    replace: '- start: delai_inconnu',
    at: 'delai_inconnu',
    message: /Le délai « delai_inconnu » n’existe pas/,
  },
  {
    code: 'unknown-connector',
    file: 'procedure.yaml',
    search: '      - start: delai_reponse\n',
    replace: '      - start: delai_reponse\n      - call: { connector: pigeon_voyageur }\n',
    at: 'pigeon_voyageur',
    message: /Le connecteur « pigeon_voyageur » n’existe pas/,
  },
  {
    code: 'unknown-event',
    file: 'procedure.yaml',
    search: 'on_expiry: { event: expirer_delai_reponse }',
    replace: 'on_expiry: { event: expirer_delai }',
    at: 'expirer_delai }',
    message: /L’événement « expirer_delai » n’existe pas/,
  },
  {
    code: 'unknown-calendar',
    file: 'procedure.yaml',
    search: 'calendar: fr',
    replace: 'calendar: lune',
    at: 'lune',
    message: /Le calendrier « lune »/,
  },
  {
    code: 'unreachable-state',
    file: 'procedure.yaml',
    search: '  close_echec:\n',
    replace:
      '  orpheline:\n    label: Orpheline\n    phase: cloture\n    final: true\n    outcome: caducite\n  close_echec:\n',
    at: 'orpheline:',
    message: /« orpheline » n’est atteint par aucune transition/,
  },
  {
    code: 'dead-end-state',
    file: 'procedure.yaml',
    search: '  close_echec:\n',
    replace: '  attente:\n    label: Attente\n    phase: cloture\n  close_echec:\n',
    at: 'attente:',
    message: /« attente » n’est pas final et aucune transition n’en sort/,
  },
  {
    code: 'final-state-exit',
    file: 'procedure.yaml',
    search: '    from: ouverte\n    to: close_echec\n    roles',
    replace: '    from: [ouverte, close_accord]\n    to: close_echec\n    roles',
    at: '  - event: constater_echec',
    shift: 4,
    message: /L’état final « close_accord » a une transition sortante/,
  },
  {
    code: 'no-initial-state',
    file: 'procedure.yaml',
    search: '    initial: true\n',
    replace: '',
    at: 'id: mediation',
    message: /Aucun état n’est marqué initial/,
  },
  {
    code: 'ambiguous-transition',
    file: 'procedure.yaml',
    search: '  - event: constater_echec',
    replace: '  - event: constater_accord',
    at: "  - event: constater_accord\n    label: Constater l'échec",
    shift: 4,
    message: /partent toutes deux de « ouverte »/,
  },
  {
    code: 'deadline-never-started',
    severity: 'warning',
    file: 'procedure.yaml',
    search: '      - start: delai_reponse\n',
    replace: '',
    at: '  delai_reponse:\n    label: Délai de réponse',
    shift: 2,
    message: /Aucune transition ne fait courir le délai « delai_reponse »/,
  },
  {
    code: 'automatic-without-deadline',
    file: 'procedure.yaml',
    search: 'on_expiry: { event: expirer_delai_reponse }',
    replace: 'on_expiry: { alert: [mediateur] }',
    at: '  - event: expirer_delai_reponse',
    shift: 4,
    message: /n’est déclenchée par l’expiration d’aucun délai/,
  },
  {
    code: 'transition-without-actor',
    file: 'procedure.yaml',
    search: '    roles: [mediateur, requerant_voisin]\n',
    replace: '',
    at: '  - event: constater_echec',
    shift: 4,
    message: /n’a ni rôles ni automatic/,
  },
  {
    code: 'decision-without-hearing',
    file: 'procedure.yaml',
    search: '    form: accord\n',
    replace: '    form: accord\n    decision: { kind: jugement, against: [requerant_voisin] }\n',
    at: '  - event: constater_accord',
    shift: 4,
    message: /sans qu’il ait été appelé sur tous les chemins \(CPC, art\. 14\)/,
  },
  {
    code: 'empty-phase',
    severity: 'warning',
    file: 'procedure.yaml',
    search: '  cloture:\n    label: Clôture\n',
    replace: '  cloture:\n    label: Clôture\n  appel:\n    label: Appel\n',
    at: 'appel:',
    message: /Aucun état n’appartient à la phase « appel »/,
  },
  {
    code: 'final-without-outcome',
    severity: 'warning',
    file: 'procedure.yaml',
    search: '    outcome: accord\n',
    replace: '',
    at: '  close_accord:',
    shift: 2,
    message: /n’indique pas son issue/,
  },
  {
    code: 'version-mismatch',
    file: 'procedure.yaml',
    search: 'version: 1.0.0',
    replace: 'version: 1.0.1',
    at: '1.0.1',
    message: /ne correspond pas au dossier 1\.0\.0/,
  },
  {
    code: 'id-mismatch',
    file: 'procedure.yaml',
    search: 'id: mediation',
    replace: 'id: voisinage',
    at: 'voisinage\n',
    message: /« voisinage » ne correspond pas au dossier mediation/,
  },
  {
    code: 'schema-comment',
    severity: 'warning',
    file: 'forms/accord.yaml',
    search: /^# yaml-language-server.*\n/,
    replace: '',
    at: 'id: accord',
    message: /n’indique pas le schéma/,
  },
  {
    code: 'form-id-mismatch',
    file: 'forms/accord.yaml',
    search: 'id: accord',
    replace: 'id: entente',
    at: 'entente',
    message: /« entente » mais son fichier est accord\.yaml/,
  },
  {
    code: 'invalid-json-schema',
    file: 'forms/accord.yaml',
    search: '      minLength: 10',
    replace: '      minLenght: 10',
    at: '  type: object',
    shift: 2,
    message: /Le schéma JSON du formulaire « accord » est refusé/,
  },
  {
    // The form language's neutral label (title_tiers) must be a text.
    code: 'invalid-json-schema',
    file: 'forms/accord.yaml',
    search: '      minLength: 10',
    replace: '      minLength: 10\n      title_tiers: ""',
    at: '  type: object',
    shift: 2,
    message: /Le schéma JSON du formulaire « accord » est refusé/,
  },
  {
    code: 'unknown-ruleset',
    dir: 'rules/fixtures/essai/1.0.0',
    file: 'procedure.yaml',
    search: 'eligibility: recevabilite',
    replace: 'eligibility: recevabilit',
    at: 'recevabilit\n',
    message: /Le jeu de règles « recevabilit » n’existe pas/,
    hint: /Vouliez-vous dire « recevabilite » \?/,
  },
  {
    code: 'unknown-deadline',
    file: 'procedure.yaml',
    before: HOMOLOGATION,
    search: /\ndocuments: \{\}\n$/,
    replace:
      '\ndocuments: {}\nobjectives:\n  time_to_decision: { until: homologation, target: delai_repons }\n',
    at: 'delai_repons }',
    message: /Le délai « delai_repons » n’existe pas/,
    hint: /Vouliez-vous dire « delai_reponse » \?/,
  },
  {
    code: 'objective-without-decision',
    file: 'procedure.yaml',
    search: /\ndocuments: \{\}\n$/,
    replace: '\ndocuments: {}\nobjectives:\n  time_to_decision: { until: jugement, target: delai_reponse }\n',
    at: 'jugement, target',
    message: /Aucune transition ne rend de décision « jugement »/,
  },
  {
    code: 'unknown-fact',
    file: 'procedure.yaml',
    search: /\ndocuments: \{\}\n$/,
    replace: '\ndocuments: {}\nobjectives:\n  astreinte: { fields: [terme] }\n',
    at: 'terme]',
    message: /Le fait « terme » n’existe pas/,
    hint: /Vouliez-vous dire « termes » \?/,
  },
  {
    code: 'unknown-connector',
    file: 'procedure.yaml',
    search: /\ndocuments: \{\}\n$/,
    replace: '\ndocuments: {}\nobjectives:\n  bank_execution: { connectors: [saisie_atribution] }\n',
    at: 'saisie_atribution]',
    message: /Le connecteur « saisie_atribution » n’existe pas/,
    hint: /Vouliez-vous dire « saisie_attribution » \?/,
  },
];

describe('each diagnostic code, on a minimal broken spec', () => {
  for (const c of cases) {
    it(`${c.code}: ${c.message.source.slice(0, 50)}`, () => {
      const dir = copySpec(c.dir ?? FIXTURE_DIR);
      if (c.before) editSpec(dir, c.before.file ?? c.file, c.before.search, c.before.replace);
      const text = editSpec(dir, c.file, c.search, c.replace);
      const { procedure, diagnostics } = loadProcedure(dir);
      const file = relative(process.cwd(), join(dir, c.file));
      const found = diagnostics.filter((d) => d.code === c.code);
      expect(found, JSON.stringify(diagnostics, null, 1)).not.toHaveLength(0);
      const d = found[0]!;
      expect(d.severity).toBe(c.severity ?? 'error');
      expect(d.file).toBe(file);
      expect({ line: d.line, column: d.column }).toEqual(positionOf(text, c.at, c.shift));
      expect(d.message).toMatch(c.message);
      expect(d.hint.length).toBeGreaterThan(10);
      if (c.hint) expect(d.hint).toMatch(c.hint);
      if ((c.severity ?? 'error') === 'error') expect(procedure).toBeUndefined();
    });
  }

  it('reports every problem of a spec at once, sorted by file and line', () => {
    const dir = copySpec(FIXTURE_DIR);
    editSpec(dir, 'procedure.yaml', 'to: close_accord', 'to: nulle_part');
    editSpec(dir, 'procedure.yaml', 'roles: [mediateur, requerant_voisin]', 'roles: [greffier]');
    editSpec(dir, 'forms/accord.yaml', 'id: accord', 'id: autre');
    const { diagnostics } = loadProcedure(dir);
    const codes = diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['unknown-state', 'unknown-role', 'form-id-mismatch']));
    const keys = diagnostics.map((d) => [d.file, d.line]);
    expect(keys).toEqual(
      [...keys].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])),
    );
  });

  it('lets a decision be made without the knowledge of a party it opens a remedy to (CPC art. 17)', () => {
    const summoned = '    summons: [demandeur]\n    hears: [demandeur]\n';
    const dir = copySpec(RECOURS);
    editSpec(dir, 'procedure.yaml', summoned, `${summoned}${EX_PARTE('[pourvoi]', '[defendeur]')}`);
    const { procedure, diagnostics } = loadProcedure(dir);
    expect(diagnostics).toEqual([]);
    expect(procedure?.transitions.find((t) => t.event === 'deposer')?.decision?.exParte).toEqual([
      'defendeur',
    ]);
    // Without ex_parte, the same order is a decision against a party never summoned.
    const plain = copySpec(RECOURS);
    editSpec(
      plain,
      'procedure.yaml',
      summoned,
      `${summoned}    decision: { kind: ordonnance, against: [defendeur], remedies: [pourvoi] }\n`,
    );
    expect(loadProcedure(plain).diagnostics.map((d) => d.code)).toContain('decision-without-hearing');
  });

  it('filing-undeclared: a critique of the draft annex no longer declared a filing is reported; published versions are not', () => {
    const dir = copySpec('spec/procedures/petits-litiges/1.2.0');
    editSpec(dir, 'procedure.yaml', '    filing: { answer: delai_reponse_critique }\n', '');
    editSpec(dir, 'procedure.yaml', '      - start: delai_reponse_critique\n', '');
    const found = loadProcedure(dir).diagnostics.filter((d) => d.code === 'filing-undeclared');
    expect(found.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /« critiquer_jugement_provisoire » d’une partie peut être suivi de la décision « rendre_jugement_definitif »/,
      ),
    ]);
    // The same edit on a published version: frozen, not reported (as second-person-label).
    const published = copySpec(RECOURS);
    editSpec(published, 'procedure.yaml', 'status: draft', 'status: published');
    editSpec(published, 'procedure.yaml', / {4}filing_exempt: .*\n/g, '');
    expect(loadProcedure(published).diagnostics.map((d) => d.code)).not.toContain('filing-undeclared');
    const draft = copySpec(RECOURS);
    editSpec(draft, 'procedure.yaml', / {4}filing_exempt: .*\n/g, '');
    expect(
      loadProcedure(draft)
        .diagnostics.filter((d) => d.code === 'filing-undeclared')
        .map((d) => d.message.match(/« (\w+) »/)?.[1]),
    ).toEqual(['deposer', 'deposer_defense', 'former_opposition']);
  });

  it('suggests the closest name for a typo', () => {
    const dir = copySpec(FIXTURE_DIR);
    editSpec(dir, 'procedure.yaml', 'to: close_accord', 'to: close_acord');
    const d = loadProcedure(dir).diagnostics.find((x) => x.code === 'unknown-state');
    expect(d?.hint).toContain('« close_accord »');
  });

  it('reports a missing procedure.yaml instead of throwing', () => {
    const dir = copySpec(FIXTURE_DIR);
    writeFileSync(join(dir, 'procedure.yaml.bak'), '');

    rmSync(join(dir, 'procedure.yaml'));
    const { diagnostics } = loadProcedure(dir);
    expect(diagnostics.map((d) => d.code)).toContain('missing-file');
  });

  it('loads what a procedure declares under decided_by: and objectives:', () => {
    const essai = loadProcedure('rules/fixtures/essai/1.0.0');
    expect(essai.diagnostics).toEqual([]);
    expect(essai.procedure?.decidedBy).toEqual({ eligibility: 'recevabilite', referral: 'orientation' });
    expect(essai.procedure?.objectives).toEqual({});
    const dir = copySpec(FIXTURE_DIR);
    editSpec(dir, 'procedure.yaml', HOMOLOGATION.search, HOMOLOGATION.replace);
    editSpec(
      dir,
      'procedure.yaml',
      /\ndocuments: \{\}\n$/,
      '\ndocuments: {}\nobjectives:\n  time_to_decision: { until: homologation, target: delai_reponse }\n  astreinte: { fields: [termes] }\n',
    );
    const { procedure, diagnostics } = loadProcedure(dir);
    expect(diagnostics).toEqual([]);
    expect(procedure?.decidedBy).toEqual({});
    expect(procedure?.objectives.timeToDecision).toMatchObject({
      until: 'homologation',
      target: 'delai_reponse',
    });
    expect(procedure?.objectives.astreinte?.fields).toEqual(['termes']);
    expect(procedure?.objectives.bankExecution).toBeUndefined();
  });

  it('loads the fixture into a frozen model with positions', () => {
    const { procedure, diagnostics } = loadProcedure(FIXTURE_DIR);
    expect(diagnostics).toEqual([]);
    expect(procedure?.states.ouverte?.loc.line).toBeGreaterThan(1);
    expect(Object.isFrozen(procedure?.transitions[0])).toBe(true);
    expect(procedure?.transitions.find((t) => t.event === 'expirer_delai_reponse')?.automatic).toBe(true);
  });
});
