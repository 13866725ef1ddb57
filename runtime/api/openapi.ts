/**
 * The OpenAPI 3.1 document, generated from the loaded specs: each form is a
 * component schema (JSON Schema 2020-12, as the drafter wrote it), each
 * event's request body names its form, and the eligibility and referral
 * bodies are the rule sets' fact schemas. Regenerated at each start.
 */
import { factsSchema } from '../../rules/index.ts';
import type { DecidedBy, Procedure } from '../../spec/index.ts';
import { ERROR_CODES } from './error-codes.ts';
import { RESPONSE_SCHEMAS } from './response-schemas.ts';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const key = (p: Procedure, name: string) => `${p.id}_${p.version}_${name}`.replace(/[^A-Za-z0-9._-]/g, '_');
const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const ok = (description: string, schema: Json): Json => ({
  description,
  content: { 'application/json': { schema } },
});

function eventBody(p: Procedure, event: string): Json {
  const forms = [...new Set(p.transitions.filter((t) => t.event === event).map((t) => t.form))];
  const data =
    forms.length === 1 && forms[0] ? ref(key(p, `form_${forms[0]}`)) : { type: 'object', maxProperties: 0 };
  const labels = p.transitions.filter((t) => t.event === event).map((t) => t.label);
  return {
    title: `${p.id} ${p.version} — ${labels[0] ?? event}`,
    type: 'object',
    required: ['event', 'data', 'expectedVersion'],
    additionalProperties: false,
    properties: { event: { const: event }, data, expectedVersion: { type: 'integer', minimum: 0 } },
  };
}

function schemasOf(procedures: readonly Procedure[]): { schemas: Json; events: Json[] } {
  const schemas: Json = {};
  const events: Json[] = [];
  for (const p of procedures) {
    for (const f of Object.values(p.forms)) {
      const { $id: _id, $schema: _schema, ...schema } = f.schema as Json;
      schemas[key(p, `form_${f.id}`)] = { ...schema, title: schema.title ?? f.title };
    }
    for (const event of new Set(p.transitions.filter((t) => !t.automatic).map((t) => t.event))) {
      schemas[key(p, `event_${event}`)] = eventBody(p, event);
      events.push(ref(key(p, `event_${event}`)));
    }
    for (const decision of ['eligibility', 'referral'] as const) {
      const set = p.rules.rulesets[p.decidedBy[decision] ?? ''];
      if (set) schemas[key(p, `facts_${decision}`)] = factsSchema(p.rules, set);
    }
  }
  return { schemas, events };
}

export function openApiDocument(procedures: readonly Procedure[], serverVersion: string): Json {
  const { schemas, events } = schemasOf(procedures);
  const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const factsFor = (decision: keyof DecidedBy) => {
    const refs = procedures
      .filter((p) => p.rules.rulesets[p.decidedBy[decision] ?? ''])
      .map((p) => ref(key(p, `facts_${decision}`)));
    return refs.length > 0 ? { oneOf: refs } : { type: 'object' };
  };
  /** POST /api/procedures/{id}/eligibility|referral: the facts in, the reasoned decision out. */
  const decisionRoute = (summary: string, decision: keyof DecidedBy, result: string) => ({
    post: {
      summary,
      requestBody: { required: true, content: { 'application/json': { schema: factsFor(decision) } } },
      responses: { 200: ok('Décision motivée', ref(result)), 400: errorResponse('INVALID_FACTS') },
    },
  });
  const auth = [{ cookie: [] }, { bearer: [] }];
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'greffe — API de la plateforme de procédure en ligne',
      version: serverVersion,
      description:
        'API générée à partir des spécifications de procédure chargées : le corps de chaque événement est le schéma de son formulaire. ' +
        `Procédures : ${procedures.map((p) => `${p.id} ${p.version}`).join(', ')}.`,
    },
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'greffe_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { enum: Object.keys(ERROR_CODES) },
                message: { type: 'string' },
                details: {
                  type: 'object',
                  properties: { problems: { type: 'array', items: ref('Problem') } },
                },
              },
            },
          },
        },
        ...RESPONSE_SCHEMAS,
        ...schemas,
      },
    },
    'x-error-codes': ERROR_CODES,
    paths: {
      '/api/health': {
        get: {
          summary: 'État du service',
          responses: {
            200: ok('{ ok: true }', {
              type: 'object',
              required: ['ok'],
              properties: { ok: { const: true } },
            }),
          },
        },
      },
      '/api/me': {
        get: {
          summary: 'Utilisateur connecté',
          security: auth,
          responses: { 200: ok('Utilisateur', ref('User')), 401: errorResponse('Non connecté') },
        },
      },
      '/api/logout': {
        post: {
          summary: 'Déconnexion : met fin à toutes les sessions de la personne',
          security: auth,
          responses: {
            200: ok('logoutUrl : fin de session chez le fournisseur OpenID Connect', ref('LoggedOut')),
          },
        },
      },
      '/api/auth/methods': {
        get: {
          summary: 'Moyens de connexion offerts',
          responses: { 200: ok('Moyens', ref('LoginMethods')) },
        },
      },
      '/api/auth/code': {
        post: {
          summary:
            'Demander un code de connexion par courriel (réponse identique que le compte existe ou non)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['email'],
                  properties: { email: { type: 'string', maxLength: 254 } },
                },
              },
            },
          },
          responses: {
            202: ok('Code envoyé si l’adresse est valide', ref('CodeSent')),
            400: errorResponse('Adresse invalide'),
            429: errorResponse('Trop de demandes'),
          },
        },
      },
      '/api/auth/code/verify': {
        post: {
          summary: 'Se connecter avec le code reçu (pose le cookie de session)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['email', 'code'],
                  properties: { email: { type: 'string', maxLength: 254 }, code: { type: 'string' } },
                },
              },
            },
          },
          responses: {
            200: ok('Connecté', ref('LoggedIn')),
            400: errorResponse('Code inexact, expiré ou déjà utilisé'),
            429: errorResponse('Trop de tentatives'),
          },
        },
      },
      '/api/auth/oidc/{provider}/login': {
        get: {
          summary: 'Connexion OpenID Connect : redirection vers le fournisseur (code + PKCE, state, nonce)',
          parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            302: { description: 'Vers le fournisseur d’identité' },
            404: errorResponse('Fournisseur inconnu'),
          },
        },
      },
      '/api/auth/oidc/{provider}/callback': {
        get: {
          summary: 'Retour du fournisseur OpenID Connect : ouvre la session',
          parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            302: { description: 'Vers /affaires ou /bureau, connecté' },
            400: errorResponse('Réponse du fournisseur refusée'),
            403: errorResponse('Niveau de garantie insuffisant ou aucun compte d’agent'),
          },
        },
      },
      '/api/procedures': {
        get: {
          summary: 'Versions de procédure chargées',
          responses: { 200: ok('Liste', { type: 'array', items: ref('ProcedureSummary') }) },
        },
      },
      '/api/procedures/{id}/{version}': {
        get: {
          summary: 'Procédure pour affichage',
          parameters: [
            { name: 'id', in: 'path', required: true },
            { name: 'version', in: 'path', required: true },
          ],
          responses: { 200: ok('Procédure', ref('ProcedureView')), 404: errorResponse('Inconnue') },
        },
      },
      '/api/procedures/{id}/{version}/forms/{form}': {
        get: {
          summary: 'Formulaire (JSON Schema + schéma d’interface)',
          responses: { 200: ok('Formulaire', ref('FormView')), 404: errorResponse('Inconnu') },
        },
      },
      '/api/procedures/{id}/eligibility': decisionRoute(
        'La demande est-elle éligible ?',
        'eligibility',
        'EligibilityResult',
      ),
      '/api/procedures/{id}/referral': decisionRoute(
        'Le renvoi est-il de droit ?',
        'referral',
        'ReferralResult',
      ),
      '/api/tribunaux': {
        get: {
          summary:
            'Le tribunal judiciaire d’un code postal (données sourcées de runtime/courts/data) ; quand ses communes relèvent de tribunaux différents, la liste des communes à choisir (?commune=code INSEE)',
          parameters: [
            { name: 'code_postal', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'commune', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { 200: ok('Recherche', ref('CourtSearch')) },
        },
      },
      '/api/tribunaux/voie-papier': {
        get: {
          summary:
            'La voie papier vers le tribunal judiciaire (runtime/courts/voie-papier.yaml) : quel tribunal, quel formulaire, où le déposer, chaque énoncé avec ses sources',
          responses: { 200: ok('Voie papier', ref('PaperRoute')) },
        },
      },
      '/api/cases': {
        get: {
          summary:
            'Affaires visibles (files d’attente : ?queue=) ; avec limit ou cursor, une page de la file du tribunal ({ cases, next }) ; avec deadline=none, une page de ses affaires sans délai en cours',
          security: auth,
          parameters: [
            { name: 'queue', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 200 },
            },
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'deadline', in: 'query', required: false, schema: { type: 'string', enum: ['none'] } },
          ],
          responses: {
            200: ok('Affaires', {
              anyOf: [{ type: 'array', items: ref('CaseSummary') }, ref('QueuePage')],
            }),
            400: errorResponse('limit, cursor ou deadline invalide'),
            401: errorResponse('Non connecté'),
          },
        },
        post: {
          summary:
            'Ouvrir une affaire (avec Idempotency-Key : une seule affaire par clé, même après une panne)',
          security: auth,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['procedure'],
                  properties: {
                    procedure: { type: 'string' },
                    version: { type: 'string' },
                    initial: { type: 'string' },
                    court: { type: 'string' },
                  },
                },
              },
            },
          },
          responses: {
            201: ok('Vue de l’affaire', ref('CaseView')),
            200: ok('Même clé : l’affaire ouverte par la première demande', ref('CaseView')),
            403: errorResponse('ROLE_NOT_ALLOWED'),
            422: errorResponse('IDEMPOTENCY_KEY_REUSED'),
          },
        },
      },
      '/api/cases/join': {
        post: {
          summary: 'Rejoindre une affaire avec un code d’accès',
          security: auth,
          responses: {
            200: ok('Vue de l’affaire', ref('CaseView')),
            404: errorResponse('INVITATION_NOT_FOUND'),
          },
        },
      },
      '/api/cases/{id}': {
        get: {
          summary: 'Vue de l’affaire',
          security: auth,
          parameters: [caseId],
          responses: { 200: ok('Vue', ref('CaseView')), 404: errorResponse('CASE_NOT_FOUND') },
        },
      },
      '/api/cases/{id}/draft': {
        put: {
          summary: 'Enregistrer un brouillon',
          security: auth,
          parameters: [caseId],
          responses: { 200: ok('{ savedAt }', ref('DraftSaved')) },
        },
      },
      '/api/cases/{id}/events': {
        post: {
          summary: 'Déclencher un événement',
          security: auth,
          parameters: [
            caseId,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: events.length > 0 ? { oneOf: events } : { type: 'object' } },
            },
          },
          responses: Object.fromEntries([
            [
              200,
              ok(
                '{ id, caseVersion, state, event: { seq, event, at, hash }, view } — la vue se lit ensuite à « view » (GET)',
                ref('EventAnswer'),
              ),
            ],
            ...['400', '401', '403', '404', '409', '422'].map((s) => [
              s,
              errorResponse(
                Object.entries(ERROR_CODES)
                  .filter(([, e]) => String(e.status) === s)
                  .map(([c]) => c)
                  .join(', '),
              ),
            ]),
          ]),
        },
      },
      '/api/cases/{id}/documents': {
        post: {
          summary: 'Déposer une pièce (octets bruts, ?kind=, X-Filename)',
          security: auth,
          parameters: [caseId, { name: 'kind', in: 'query', required: true }],
          requestBody: {
            required: true,
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          responses: {
            201: ok('{ id, sha256, size, mediaType, kind, filename }', ref('UploadedDocument')),
            413: errorResponse('DOCUMENT_TOO_LARGE'),
            415: errorResponse('UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      '/api/cases/{id}/documents/{docId}': {
        get: {
          summary: 'Télécharger une pièce',
          security: auth,
          responses: { 200: { description: 'Octets' }, 404: errorResponse('DOCUMENT_NOT_FOUND') },
        },
      },
      '/api/cases/{id}/signature/code': {
        post: {
          summary:
            'Recevoir un code à usage unique pour signer le document de l’affaire (protocole d’accord) : 6 chiffres, 10 minutes, 5 essais ; à joindre ensuite à l’événement de signature (« signatureCode »)',
          security: auth,
          parameters: [caseId],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { canal: { type: 'string', enum: ['courriel', 'sms'] } },
                },
              },
            },
          },
          responses: {
            202: ok('{ codeId, canal, destinataire (masqué), expireLe }', { type: 'object' }),
            409: errorResponse('NOTHING_TO_SIGN'),
            422: errorResponse('SMS_UNAVAILABLE, NO_MOBILE_NUMBER, NO_EMAIL'),
            429: errorResponse('TOO_MANY_REQUESTS'),
          },
        },
      },
      '/api/cases/{id}/events/preview': {
        post: {
          summary:
            'Ce qu’enregistrerait un événement avec ces réponses (même réducteur, rien d’enregistré) : libellé de la transition prise et état atteint, ou le refus',
          security: auth,
          parameters: [caseId],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            200: ok('{ label, state }', ref('EventPreview')),
            409: errorResponse('INVALID_STATE'),
            422: errorResponse('INVALID_FORM, GUARD_REFUSED'),
          },
        },
      },
      '/api/notices': {
        get: {
          summary:
            'Mes avis de la plateforme (canal « plateforme »), du plus récent, lus ou non, et le nombre de non lus',
          security: auth,
          responses: { 200: ok('{ unread, notices }', ref('Notices')) },
        },
      },
      '/api/notices/non-lus': {
        get: {
          summary: 'Le nombre de mes avis non lus (le badge de l’en-tête, demandé à chaque page)',
          security: auth,
          responses: { 200: ok('{ unread }', ref('UnreadNotices')) },
        },
      },
      '/api/notices/{id}/read': {
        post: {
          summary: 'Marquer un avis comme lu',
          security: auth,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { 200: ok('{ id, read }', ref('NoticeRead')), 404: errorResponse('NOTICE_NOT_FOUND') },
        },
      },
      '/api/cases/{id}/receipt': {
        get: {
          summary:
            'Accusé de réception du dépôt (PDF : numéro RG, date et heure, tribunal, demande, pièces et leurs empreintes SHA-256, suite et délais)',
          security: auth,
          parameters: [caseId],
          responses: {
            200: {
              description: 'PDF',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            },
            404: errorResponse('RECEIPT_NOT_AVAILABLE'),
          },
        },
      },
      '/api/stats': {
        get: {
          summary: 'Objectifs mesurés (livre blanc I.C)',
          security: auth,
          responses: { 200: ok('Indicateurs', ref('Stats')) },
        },
      },
      '/api/outbox/dead-letters': {
        get: {
          summary: 'Envois en échec définitif de la juridiction, avec leur erreur (personnel du greffe)',
          security: auth,
          responses: { 200: ok('Envois en échec', ref('DeadLetters')), 403: errorResponse('FORBIDDEN') },
        },
      },
      '/api/outbox/{id}/retry': {
        post: {
          summary: 'Réessayer un envoi en échec : remis dans la file, ses tentatives comptées à nouveau',
          security: auth,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            200: ok('{ ok, id }', { type: 'object' }),
            403: errorResponse('FORBIDDEN'),
            404: errorResponse('NOT_FOUND'),
            409: errorResponse('INVALID_STATE'),
          },
        },
      },
      '/api/visio/{id}': {
        get: {
          summary: 'Lien de la salle de visioconférence de l’affaire (audiences, conciliation ; jeton signé)',
          security: auth,
          parameters: [caseId],
          responses: { 200: ok('Lien', ref('VideoLink')), 404: errorResponse('CASE_NOT_FOUND') },
        },
      },
      '/api/calendar/feed': {
        get: {
          summary: 'Mon calendrier : si j’ai une adresse de calendrier (ICS), et depuis quand',
          security: auth,
          responses: { 200: ok('{ active, createdAt }', ref('CalendarFeed')) },
        },
        post: {
          summary:
            'Créer l’adresse secrète de mon calendrier (délais et audiences de mes affaires) : montrée cette seule fois, la précédente cesse de fonctionner',
          security: auth,
          responses: { 200: ok('{ active, createdAt, url }', ref('CalendarFeed')) },
        },
        delete: {
          summary: 'Révoquer l’adresse de mon calendrier',
          security: auth,
          responses: { 200: ok('{ active, revoked }', ref('CalendarFeed')) },
        },
      },
      '/api/calendar/{file}': {
        get: {
          summary:
            'Le calendrier (iCalendar) à l’adresse secrète : délais en cours et audiences, par numéro d’affaire, sans connexion',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'iCalendar',
              content: { 'text/calendar': { schema: { type: 'string' } } },
            },
            404: errorResponse('NOT_FOUND'),
          },
        },
      },
      '/api/transparence/checkpoints': {
        get: {
          summary:
            'Points de contrôle signés et horodatés du journal (RFC 6962/9162, note C2SP, jeton RFC 3161), du plus récent au plus ancien',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 100 },
            },
          ],
          responses: { 200: ok('Points de contrôle', ref('Checkpoints')) },
        },
      },
      '/api/dev/login': {
        post: {
          summary: 'Mode développement : connexion d’un utilisateur d’exemple',
          responses: {
            200: ok('{ user, token }', { type: 'object' }),
            404: errorResponse('Hors mode développement'),
          },
        },
      },
      '/api/dev/users': {
        get: {
          summary: 'Mode développement : utilisateurs d’exemple',
          responses: { 200: ok('Liste', { type: 'array' }) },
        },
      },
      '/api/dev/clock': {
        get: {
          summary: 'Mode développement : l’instant de l’horloge',
          responses: { 200: ok('{ now }', { type: 'object' }) },
        },
        post: {
          summary: 'Mode développement : avancer ou régler l’horloge',
          responses: { 200: ok('{ now }', { type: 'object' }) },
        },
      },
    },
  };
}
