/**
 * JSON Schemas (2020-12) of what the API answers, for the OpenAPI document.
 * The web app's types are generated from them (`npm run gen:api-types` →
 * forms/web/src/lib/api-schema.gen.ts); test/api-contract.test.ts validates
 * real answers of a running server against them, and
 * test/api-contract-types.ts makes `tsc` fail when the handlers' return types
 * and these schemas disagree. No key beyond those listed (additionalProperties: false).
 */
type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const str: Json = { type: 'string' };
const int: Json = { type: 'integer' };
const num: Json = { type: 'number' };
const bool: Json = { type: 'boolean' };
const strs: Json = { type: 'array', items: str };
const orNull = (s: Json): Json => ({ anyOf: [s, { type: 'null' }] });
const list = (items: Json): Json => ({ type: 'array', items });
const record = (values: Json): Json => ({ type: 'object', additionalProperties: values });
/** An object with exactly these keys, all required but those in `optional`. */
const obj = (properties: Record<string, Json>, optional: readonly string[] = []): Json => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

const reason = obj({ rule: str, text: str, basis: str });
const stateSummary = { id: str, label: str, final: bool, outcome: orNull(str) };

export const RESPONSE_SCHEMAS: Record<string, Json> = {
  User: obj({ id: str, name: str, roles: strs, court: str }, ['court']),
  ProcedureSummary: obj({
    id: str,
    version: str,
    status: { enum: ['draft', 'published'] },
    effective: str,
    title: str,
    /** The version a case filed now would take (the latest published one in force by the platform's clock). */
    forNewCases: bool,
  }),
  EligibilityQuestionnaire: obj({
    ruleset: str,
    label: str,
    event: str,
    form: orNull(str),
    facts: strs,
    alternative: orNull(str),
  }),
  ProcedureView: obj({
    id: str,
    version: str,
    status: { enum: ['draft', 'published'] },
    effective: str,
    title: str,
    eligibility: orNull(ref('EligibilityQuestionnaire')),
    shortTitle: orNull(str),
    summary: orNull(str),
    calendar: str,
    phases: list(ref('PhaseInfo')),
    states: list(ref('StateInfo')),
    roles: list(ref('RoleInfo')),
    parameters: list(obj({ id: str, label: str, text: str })),
    glossary: record(str),
    transitions: list(ref('TransitionInfo')),
    deadlines: list(obj({ id: str, label: str, duration: str })),
    documents: list(ref('DocumentKindInfo')),
  }),
  PhaseInfo: obj({ id: str, label: str, description: orNull(str), order: int }),
  StateInfo: obj({
    id: str,
    label: str,
    phase: str,
    help: orNull(str),
    initial: bool,
    final: bool,
    outcome: orNull(str),
  }),
  RoleInfo: obj({ id: str, label: str, kind: str, description: orNull(str) }),
  TransitionInfo: obj({
    event: str,
    label: str,
    from: strs,
    to: str,
    roles: strs,
    form: orNull(str),
    automatic: bool,
  }),
  DocumentKindInfo: obj({
    id: str,
    label: str,
    visibleTo: strs,
    upload: orNull(obj({ types: strs, maxSize: orNull(num) })),
  }),
  FormView: obj({
    id: str,
    title: str,
    description: orNull(str),
    help: orNull(str),
    schema: { type: 'object', additionalProperties: true },
    uischema: { type: 'object', additionalProperties: true },
    glossary: record(str),
  }),
  Reason: reason,
  /** GET /api/tribunaux: a court of runtime/courts/data (no opening hours unless a source gives them). */
  CourtView: obj({
    id: str,
    name: str,
    address: obj({ lines: strs, postcode: str, city: str }),
    hours: orNull(str),
  }),
  /** GET /api/tribunaux/voie-papier: runtime/courts/voie-papier.yaml, each statement with its sources. */
  PaperRoute: obj({
    directory: ref('PaperLink'),
    intro: str,
    whichCourt: ref('PaperStep'),
    steps: list(ref('PaperStep')),
  }),
  PaperLink: obj({ href: str, label: str }),
  PaperStep: obj(
    {
      text: str,
      link: ref('PaperLink'),
      sources: list(obj({ url: str, ref: str, title: str, read: str }, ['url', 'ref', 'title'])),
    },
    ['link'],
  ),
  CourtSearch: obj({
    postcode: str,
    status: { enum: ['invalide', 'inconnu', 'trouve', 'choisir'] },
    court: orNull(ref('CourtView')),
    communes: list(obj({ insee: str, name: str, court: orNull(str) })),
  }),
  /** `missing`: the facts still needed when those given do not settle the decision yet. */
  EligibilityResult: obj(
    { procedure: str, version: str, eligible: bool, reasons: list(ref('Reason')), missing: strs },
    ['missing'],
  ),
  ReferralResult: obj(
    {
      procedure: str,
      version: str,
      referral: { enum: ['mandatory', 'discretionary'] },
      reasons: list(ref('Reason')),
      missing: strs,
    },
    ['missing'],
  ),
  LoginMethods: obj({
    email: bool,
    dev: bool,
    oidc: list(obj({ id: str, label: str, audience: { enum: ['citoyen', 'agent'] } })),
  }),
  CodeSent: obj({ sent: { const: true }, message: str }),
  LoggedIn: obj({ user: ref('User'), token: str }),
  LoggedOut: obj({ ok: { const: true }, logoutUrl: str }, ['logoutUrl']),
  /** GET /api/cases with `limit`, `cursor` or `deadline=none` (issue 17): one page of a court queue and the next page's cursor. */
  QueuePage: obj({ cases: list(ref('CaseSummary')), next: orNull(str) }),
  CaseSummary: obj(
    {
      id: str,
      reference: orNull(str),
      procedure: str,
      version: str,
      state: str,
      stateLabel: str,
      phase: orNull(str),
      updatedAt: str,
      roles: strs,
      actions: int,
      nextDeadline: obj({ id: str, label: str, due: str, dueAt: str, daysLeft: int }),
    },
    ['nextDeadline'],
  ),
  CaseView: obj(
    {
      id: str,
      reference: orNull(str),
      procedure: str,
      version: str,
      court: str,
      caseVersion: int,
      state: obj({ ...stateSummary, phase: orNull(str), help: orNull(str) }),
      phases: list(obj({ id: str, label: str, status: { enum: ['done', 'current', 'todo'] } })),
      myRoles: strs,
      actions: list(ref('ActionInfo')),
      deadlines: list(ref('Deadline')),
      timeline: list(ref('TimelineEntry')),
      hearings: list(obj({ seq: int, label: str, date: str, place: orNull(str) })),
      thread: orNull(ref('Thread')),
      documents: list(ref('DocumentInfo')),
      participants: list(obj({ role: str, roleLabel: str, name: str, joined: bool })),
      facts: { type: 'object', additionalProperties: true },
      draft: obj({ data: {}, savedAt: str }),
    },
    ['draft'],
  ),
  ActionInfo: obj({ event: str, label: str, form: str, roles: strs, signature: bool }, ['form', 'signature']),
  Deadline: obj(
    {
      id: str,
      party: str,
      label: str,
      startedAt: str,
      due: str,
      dueAt: str,
      explanation: str,
      daysLeft: int,
    },
    ['party'],
  ),
  TimelineEntry: obj(
    {
      seq: int,
      kind: str,
      event: orNull(str),
      label: str,
      actorRole: orNull(str),
      at: str,
      data: { type: 'object', additionalProperties: true },
      documents: list(obj({ id: str, kind: str, sha256: str })),
      signature: str,
    },
    ['data', 'documents', 'signature'],
  ),
  Thread: obj({
    label: str,
    audience: strs,
    messages: list(
      obj({
        seq: int,
        event: str,
        label: str,
        at: str,
        authorRole: str,
        mine: bool,
        data: { type: 'object', additionalProperties: true },
        attachments: list(obj({ id: str, label: str, filename: str })),
      }),
    ),
    compose: strs,
  }),
  DocumentInfo: obj({
    id: str,
    kind: str,
    label: str,
    filename: str,
    mediaType: str,
    size: int,
    sha256: str,
    origin: str,
    uploadedAt: str,
    uploadedByRole: orNull(str),
  }),
  EventAnswer: obj({
    id: str,
    caseVersion: int,
    state: obj(stateSummary),
    event: obj({ seq: int, event: str, at: str, hash: str }),
    view: str,
  }),
  /** GET /api/notices/non-lus: what the header's badge shows, without the inbox's actions and deliveries. */
  UnreadNotices: obj({ unread: int }),
  Notices: obj({
    unread: int,
    notices: {
      type: 'array',
      items: obj({
        id: int,
        caseId: orNull(str),
        reference: orNull(str),
        subject: str,
        body: str,
        at: str,
        read: bool,
        actions: { type: 'array', items: obj({ event: str, label: str }) },
      }),
    },
    deliveries: list(
      obj({
        caseId: str,
        reference: orNull(str),
        at: str,
        connector: str,
        channel: str,
        status: str,
        label: str,
      }),
    ),
  }),
  NoticeRead: obj({ id: int, read: bool }),
  EventPreview: obj({ label: str, state: obj(stateSummary) }),
  DraftSaved: obj({ savedAt: str }),
  UploadedDocument: obj({ id: str, sha256: str, size: int, mediaType: str, kind: str, filename: str }),
  Stats: obj({
    cases: int,
    closed: int,
    settledAmicably: orNull(num),
    timeToDecision: obj({
      decided: int,
      medianDays: orNull(num),
      p90Days: orNull(num),
      targetDays: orNull(int),
      target: orNull(str),
    }),
    referralRate: orNull(num),
    astreinteShare: orNull(num),
    bankExecutions: int,
    byState: record(int),
  }),
  Problem: obj({ field: str, message: str }, []),
  /** The outbox's messages failed for good (routes-connectors.ts). */
  DeadLetters: obj({
    deadLetters: list(
      obj({
        id: int,
        caseId: orNull(str),
        reference: orNull(str),
        connector: str,
        kind: str,
        recipient: str,
        recipientRole: orNull(str),
        subject: str,
        attempts: int,
        error: orNull(str),
        createdAt: str,
      }),
    ),
  }),
  /** A case's video room link (routes-connectors.ts). */
  VideoLink: obj({ url: str, room: str, expiresAt: str }),
  CalendarFeed: obj({ active: bool, createdAt: str, url: str, revoked: bool }, [
    'createdAt',
    'url',
    'revoked',
  ]),
  Checkpoints: obj({
    origin: str,
    publicKey: str,
    development: bool,
    checkpoints: list(
      obj({
        id: int,
        size: int,
        root: str,
        note: str,
        takenAt: str,
        timestamp: orNull(obj({ token: str, time: str, authority: str })),
      }),
    ),
  }),
};
