import { describe, expect, it } from 'vitest';
import { buildQueues } from '../backoffice/build-queues.ts';
import { initialData } from '../form/initial-data.ts';
import { isQuestion } from '../renderers/boolean-question.ts';
import { parseFrenchNumber } from '../renderers/french-number.ts';
import type { CaseSummary, FormView, ProcedureSummary, ProcedureView } from './api-schema.gen.ts';
import { searchGlossary, wordsIn } from './glossary.ts';
import { ApiError } from './api.ts';
import { eligibilityForm, filingForm, latestVersions, stillMissing } from './procedures.ts';
import { match, queryParam } from './router.ts';
import { answersFromEntries } from './server-form.ts';
import { fillTemplates } from './templates.ts';

describe('router', () => {
  it('matches patterns and decodes parameters', () => {
    expect(match('/affaires/:id/actions/:event', '/affaires/a%20b/actions/deposer?x=1')).toEqual({
      id: 'a b',
      event: 'deposer',
    });
    expect(match('/affaires/:id', '/affaires/1/actions/x')).toBeNull();
    expect(match('/', '/')).toEqual({});
    expect(queryParam('/connexion?retour=%2Faffaires', 'retour')).toBe('/affaires');
  });
});

describe('French numbers', () => {
  it('reads what people type', () => {
    expect(parseFrenchNumber('1 200,50')).toBe(1200.5);
    expect(parseFrenchNumber('1\u202f200')).toBe(1200);
    expect(parseFrenchNumber('  ')).toBeUndefined();
    expect(parseFrenchNumber('12,')).toBe(12);
    expect(parseFrenchNumber('douze')).toBeNaN();
    expect(parseFrenchNumber('1.2.3')).toBeNaN();
  });
});

describe('templates', () => {
  it('fills known parameters anywhere in a value, leaves unknown ones', () => {
    expect(fillTemplates({ a: ['moins de ${seuil}', { b: '${x}' }], n: 3 }, { seuil: '4 000 €' })).toEqual({
      a: ['moins de 4 000 €', { b: '${x}' }],
      n: 3,
    });
  });
});

describe('glossary', () => {
  const g = { défendeur: 'La personne contre qui…', astreinte: 'Une somme par jour de retard' };
  it('finds the words a text uses, accents aside', () => {
    expect(Object.keys(wordsIn('Le DEFENDEUR répond.', g))).toEqual(['défendeur']);
  });
  it('searches names and definitions', () => {
    expect(searchGlossary('retard', g)).toEqual(['astreinte']);
    expect(searchGlossary('def', g)).toEqual(['défendeur']);
  });
});

describe('boolean fields', () => {
  it('asks questions with radios and statements with a checkbox', () => {
    expect(isQuestion(undefined, 'Êtes-vous représenté ?', false)).toBe(true);
    expect(isQuestion(undefined, 'La décision est assortie d’une astreinte', false)).toBe(false);
    expect(isQuestion('radio', 'Astreinte', false)).toBe(true);
    expect(isQuestion(undefined, 'Acceptez-vous ?', true)).toBe(false);
  });
});

describe('initial data', () => {
  it('opens required groups and unticks statement boxes, keeping what was saved', () => {
    const schema = {
      type: 'object',
      required: ['vous', 'astreinte_prononcee'],
      properties: {
        vous: { type: 'object', required: ['nom'], properties: { nom: { type: 'string' } } },
        autre: { type: 'object', properties: {} },
        astreinte_prononcee: { type: 'boolean', title: 'Assortie d’une astreinte' },
        avocat: { type: 'boolean', title: 'Avez-vous un avocat ?' },
        atteste: { type: 'boolean', const: true, title: 'J’atteste' },
      },
    };
    const ui = {
      type: 'VerticalLayout',
      elements: ['vous/properties/nom', 'astreinte_prononcee', 'avocat', 'atteste'].map((p) => ({
        type: 'Control',
        scope: `#/properties/${p}`,
      })),
    };
    expect(initialData(schema, ui, { vous: { nom: 'Martin' } })).toEqual({
      vous: { nom: 'Martin' },
      astreinte_prononcee: false,
    });
    expect(initialData(schema, ui, undefined)).toEqual({ vous: {}, astreinte_prononcee: false });
  });
});

const view = (over: Partial<ProcedureView> = {}): ProcedureView => ({
  id: 'p',
  version: '1.0.0',
  status: 'published',
  effective: '2027-01-01',
  title: 'P',
  eligibility: null,
  shortTitle: null,
  summary: null,
  calendar: 'fr',
  deadlines: [],
  documents: [],
  phases: [],
  states: [
    {
      id: 'brouillon',
      label: 'Brouillon',
      phase: 'a',
      help: null,
      initial: true,
      final: false,
      outcome: null,
    },
    { id: 'ouvert', label: 'Ouvert', phase: 'a', help: null, initial: false, final: false, outcome: null },
  ],
  roles: [
    { id: 'juge', label: 'Juge', kind: 'juridiction', description: null },
    { id: 'partie', label: 'Partie', kind: 'partie', description: null },
  ],
  parameters: [],
  glossary: {},
  transitions: [
    {
      event: 'ordonner',
      label: 'Ordonner',
      from: ['ouvert'],
      to: 'ouvert',
      roles: ['juge'],
      form: 'ordonnance',
      automatic: false,
    },
    {
      event: 'repondre',
      label: 'Répondre',
      from: ['ouvert'],
      to: 'ouvert',
      roles: ['partie'],
      form: 'reponse',
      automatic: false,
    },
    {
      event: 'deposer',
      label: 'Déposer',
      from: ['brouillon'],
      to: 'ouvert',
      roles: ['partie'],
      form: 'demande',
      automatic: false,
    },
  ],
  ...over,
});

describe('procedure views', () => {
  it('keeps the version a case filed now takes, else the latest draft', () => {
    const e = (id: string, version: string, status: 'published' | 'draft', forNewCases = false) => ({
      id,
      version,
      status,
      effective: '',
      title: '',
      forNewCases,
    });
    const list: ProcedureSummary[] = [
      e('a', '1.0.0', 'published', true),
      e('a', '1.10.0', 'published'), // published, not in force yet
      e('a', '2.0.0', 'draft'),
      e('b', '0.1.0', 'draft'),
      e('b', '0.2.0', 'draft'),
    ];
    expect(latestVersions(list).map((p) => `${p.id}@${p.version}`)).toEqual(['a@1.0.0', 'b@0.2.0']);
  });

  it('finds the filing form: a party’s transition out of an initial state', () => {
    expect(filingForm(view())).toBe('demande');
  });

  it('makes the eligibility questionnaire from the filing form’s questions on the facts', () => {
    const filing: FormView = {
      id: 'demande',
      title: 'Demande',
      description: null,
      help: null,
      schema: {
        type: 'object',
        required: ['montant', 'nom'],
        properties: { montant: { type: 'number' }, objets: { type: 'array' }, nom: { type: 'string' } },
      },
      uischema: {
        type: 'Categorization',
        elements: [
          {
            type: 'Category',
            elements: [
              { type: 'Control', scope: '#/properties/nom' },
              {
                type: 'Control',
                scope: '#/properties/montant',
                options: { unit: '€' },
                rule: { effect: 'HIDE' },
              },
              { type: 'Control', scope: '#/properties/objets' },
            ],
          },
        ],
      },
      glossary: { x: 'y' },
    };
    const q = eligibilityForm(filing, ['montant', 'objets']);
    expect(q.schema).toEqual({
      type: 'object',
      required: ['montant'],
      properties: { montant: { type: 'number' }, objets: { type: 'array' } },
    });
    expect(q.uischema).toEqual({
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/montant', options: { unit: '€' } },
        { type: 'Control', scope: '#/properties/objets' },
      ],
    });
  });
});

describe('eligibility questions still missing', () => {
  const refused = (details: Record<string, unknown>, code = 'INVALID_FACTS') =>
    new ApiError(400, code, 'Certaines informations sont manquantes ou invalides.', details);

  it('asks next exactly the facts the rules say are missing', () => {
    const e = refused({
      problems: [{ field: 'objets', message: 'objets : ce fait est obligatoire et manque' }],
      missing: ['objets'],
    });
    expect(stillMissing(e)).toEqual(['objets']);
  });

  it('leaves any other refusal to the form: an invalid answer, another error, nothing missing', () => {
    const typed = refused({
      problems: [{ field: 'montant', message: 'montant : doit être un nombre (reçu : « 3999 »)' }],
      missing: ['objets'],
    });
    expect(stillMissing(typed)).toBeUndefined();
    expect(stillMissing(refused({ problems: [], missing: [] }))).toBeUndefined();
    expect(stillMissing(refused({ missing: ['objets'] }, 'INVALID_FORM'))).toBeUndefined();
    expect(stillMissing(new Error('réseau'))).toBeUndefined();
  });
});

describe('work queues', () => {
  const c = (id: string, state: string, roles: string[], due?: string, daysLeft?: number): CaseSummary => ({
    id,
    reference: id,
    procedure: 'p',
    version: '1.0.0',
    state,
    stateLabel: state,
    phase: 'a',
    updatedAt: '2027-01-01T00:00:00Z',
    roles,
    actions: 1,
    ...(due
      ? {
          nextDeadline: {
            id: 'delai',
            label: 'Délai',
            due,
            dueAt: `${due}T23:59:59Z`,
            daysLeft: daysLeft ?? 30,
          },
        }
      : {}),
  });
  it('groups what each role may do, by due date, urgent cases first', () => {
    const procedures = new Map([['p@1.0.0', view()]]);
    const queues = buildQueues(
      [
        c('1', 'ouvert', ['juge'], '2027-03-01', 40),
        c('2', 'ouvert', ['juge'], '2027-02-01', 2),
        c('3', 'brouillon', ['juge']),
        { ...c('4', 'ouvert', ['juge']), actions: 0 },
      ],
      procedures,
    );
    expect(queues.map((q) => [q.title, q.cases.map((x) => x.id)])).toEqual([
      ['Échéances proches ou dépassées', ['2']],
      ['ouvert', ['2', '1']],
    ]);
    expect(queues[1]?.description).toBe('Ordonner');
  });
});

describe('plain language', () => {
  it('writes the first of the month as French does, and drops the white paper’s marks from a basis', async () => {
    const { formatDate, isFutureDate, plainBasis } = await import('./format.ts');
    expect(formatDate('2027-01-01')).toBe('1er janvier 2027');
    expect(formatDate('2027-01-02')).toBe('2 janvier 2027');
    expect(isFutureDate('2027-01-01', new Date(2026, 11, 2))).toBe(true);
    expect(isFutureDate('2026-12-02', new Date(2026, 11, 2))).toBe(false);
    expect(
      plainBasis(
        'Annexe au Code de procédure civile (livre blanc, II.A.1) ; Code de procédure civile, art. 537',
      ),
    ).toBe('Annexe au Code de procédure civile ; Code de procédure civile, art. 537');
    expect(plainBasis('Objectifs mesurés (I.C)')).toBe('Objectifs mesurés');
    expect(plainBasis('Code de procédure civile, art. 34 et suivants (détermination de la valeur)')).toBe(
      'Code de procédure civile, art. 34 et suivants (détermination de la valeur)',
    );
  });
});

describe('the server-rendered questionnaire taken over', () => {
  it('types what was typed as the schema wants it, and leaves out what was not answered', () => {
    const properties = {
      montant: { type: ['number', 'null'] },
      objets: { type: 'array' },
      matiere: { type: 'string' },
      partie_faible: { type: 'boolean' },
      note: { type: 'string' },
      autre: { type: 'integer' },
    };
    const entries = new Map([
      ['montant', ['1 200,50']],
      ['objets', ['paiement', 'bien']],
      ['matiere', ['consommation']],
      ['partie_faible', ['false']],
      ['note', ['  ']],
      ['autre', ['douze']],
      ['inconnu', ['x']],
    ]);
    expect(answersFromEntries(properties, entries)).toEqual({
      montant: 1200.5,
      objets: ['paiement', 'bien'],
      matiere: 'consommation',
      partie_faible: false,
      autre: 'douze',
    });
  });
});
