/** Turns procedure.yaml into model nodes, resolving every reference it makes. */
import type { BuildContext } from './build-context.ts';
import { documented, obj, str, strList } from './build-context.ts';
import type {
  Channel,
  Condition,
  Deadline,
  DocumentKind,
  Effect,
  Parameter,
  JudgmentCharacter,
  Phase,
  Remedy,
  RemedyKind,
  RemedyStart,
  Role,
  State,
  Transition,
  UploadType,
} from './model.ts';
import { CALENDARS, CONNECTORS, COURT_CALENDAR, OPERATORS } from './vocabulary.ts';
import type { Path, SourceFile } from './yaml-source.ts';

export interface ProcedureParts {
  readonly parameters: Record<string, Parameter>;
  readonly roles: Record<string, Role>;
  readonly phases: Record<string, Phase>;
  readonly states: Record<string, State>;
  readonly transitions: Transition[];
  readonly deadlines: Record<string, Deadline>;
  readonly documents: Record<string, DocumentKind>;
  readonly remedies: Record<string, Remedy>;
  /** Facts recorded on the case by `record` effects (and by the reducer: judgment characters, pending remedies). */
  readonly recordedFacts: Set<string>;
}

/** Names defined outside procedure.yaml that it may reference. */
export interface ExternalNames {
  readonly forms: ReadonlySet<string>;
  readonly rulesets: ReadonlySet<string>;
  /** Top-level properties of each form's schema. */
  readonly formFields: ReadonlyMap<string, ReadonlySet<string>>;
}

const entries = (v: unknown): [string, Record<string, unknown>][] =>
  Object.entries(obj(v)).map(([k, x]) => [k, obj(x)]);

function buildParameters(src: SourceFile): Record<string, Parameter> {
  const out: Record<string, Parameter> = {};
  for (const [id, p] of entries(obj(src.data).parameters)) {
    const type = p.type as Parameter['type'];
    let value: unknown = p.value;
    if (type === 'list') {
      value = (Array.isArray(p.value) ? p.value : []).map((item) =>
        typeof item === 'string' ? { id: item } : { ...obj(item) },
      );
    }
    out[id] = {
      id,
      ...documented(p, src.locateKey(['parameters', id])),
      type,
      value,
      ...(str(p, 'unit') !== undefined && { unit: str(p, 'unit') }),
    } as Parameter;
  }
  return out;
}

function buildRoles(src: SourceFile, ctx: BuildContext): Record<string, Role> {
  const out: Record<string, Role> = {};
  const all = new Set(Object.keys(obj(obj(src.data).roles)));
  for (const [id, r] of entries(obj(src.data).roles)) {
    const represents = strList(r.represents);
    represents.forEach((x, i) => ctx.ref('role', x, all, src, ['roles', id, 'represents', i]));
    const identification = (Array.isArray(r.identification) ? r.identification : []).map((m, i) => {
      const o = obj(m);
      const connector = str(o, 'connector');
      if (connector)
        ctx.ref('connector', connector, CONNECTORS, src, ['roles', id, 'identification', i, 'connector']);
      return {
        id: String(o.id),
        label: String(o.label),
        ...(connector !== undefined && { connector }),
        ...(str(o, 'source') !== undefined && { source: str(o, 'source') }),
        ...(str(o, 'note') !== undefined && { note: str(o, 'note') }),
      };
    });
    out[id] = {
      id,
      ...documented(r, src.locateKey(['roles', id])),
      kind: r.kind as Role['kind'],
      represents,
      optional: r.optional === true,
      identification,
    };
  }
  return out;
}

function buildStates(
  src: SourceFile,
  ctx: BuildContext,
  phases: Record<string, Phase>,
): Record<string, State> {
  const out: Record<string, State> = {};
  for (const [id, s] of entries(obj(src.data).states)) {
    const phase = String(s.phase);
    ctx.ref('phase', phase, phases, src, ['states', id, 'phase']);
    const loc = src.locateKey(['states', id]);
    ctx.declare('state', id, loc);
    out[id] = {
      id,
      ...documented(s, loc),
      phase,
      initial: s.initial === true,
      final: s.final === true,
      ...(str(s, 'outcome') !== undefined && { outcome: s.outcome as State['outcome'] }),
      ...(str(s, 'help') !== undefined && { help: str(s, 'help') }),
    };
  }
  return out;
}

/** Checks a parameter reference and its type. */
export function paramRef(
  ctx: BuildContext,
  params: Record<string, Parameter>,
  name: string,
  type: Parameter['type'],
  src: SourceFile,
  path: Path,
): void {
  if (!ctx.ref('parameter', name, params, src, path)) return;
  const p = params[name] as Parameter;
  if (p.type !== type) {
    ctx.error(
      'parameter-type',
      src.locate(path),
      `Le paramètre « ${name} » est de type ${p.type}, ${type} est attendu ici.`,
      `Citez un paramètre de type ${type} ou changez le type de « ${name} ».`,
    );
  }
}

function checkCondition(
  ctx: BuildContext,
  cond: unknown,
  src: SourceFile,
  path: (string | number)[],
  knownFacts: ReadonlySet<string>,
  params: Record<string, Parameter>,
): void {
  const c = obj(cond);
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(c[key]))
      c[key].forEach((x, i) => checkCondition(ctx, x, src, [...path, key, i], knownFacts, params));
  }
  if (c.not) checkCondition(ctx, c.not, src, [...path, 'not'], knownFacts, params);
  if (typeof c.fact === 'string') {
    ctx.ref('fact', c.fact, knownFacts, src, [...path, 'fact']);
    if (typeof c.operator === 'string')
      ctx.ref('operator', c.operator, OPERATORS, src, [...path, 'operator']);
    const v = obj(c.value);
    if (typeof v.param === 'string') ctx.ref('parameter', v.param, params, src, [...path, 'value', 'param']);
    if (typeof v.fact === 'string') ctx.ref('fact', v.fact, knownFacts, src, [...path, 'value', 'fact']);
  }
}

function buildEffects(
  ctx: BuildContext,
  src: SourceFile,
  path: (string | number)[],
  raw: unknown,
  names: { roles: Set<string>; deadlines: Set<string>; documents: Set<string> },
): Effect[] {
  const out: Effect[] = [];
  (Array.isArray(raw) ? raw : []).forEach((e, i) => {
    const o = obj(e);
    const p = [...path, i];
    const loc = src.locate(p);
    if (typeof o.start === 'string') {
      ctx.ref('deadline', o.start, names.deadlines, src, [...p, 'start']);
      out.push({ kind: 'start', deadline: o.start, loc });
    } else if (o.start && typeof o.start === 'object') {
      const st = obj(o.start);
      const deadline = String(st.deadline);
      ctx.ref('deadline', deadline, names.deadlines, src, [...p, 'start', 'deadline']);
      if (typeof st.against === 'string')
        ctx.ref('role', st.against, names.roles, src, [...p, 'start', 'against']);
      const after = strList(st.after);
      after.forEach((d, j) => ctx.ref('deadline', d, names.deadlines, src, [...p, 'start', 'after', j]));
      out.push({
        kind: 'start',
        deadline,
        ...(typeof st.against === 'string' && { against: st.against }),
        ...(typeof st.from === 'string' && { from: st.from }),
        ...(after.length > 0 && { after }),
        loc,
      });
    } else if (typeof o.stop === 'string') {
      ctx.ref('deadline', o.stop, names.deadlines, src, [...p, 'stop']);
      out.push({ kind: 'stop', deadline: o.stop, loc });
    } else if (o.stop && typeof o.stop === 'object') {
      const st = obj(o.stop);
      const deadline = String(st.deadline);
      ctx.ref('deadline', deadline, names.deadlines, src, [...p, 'stop', 'deadline']);
      if (typeof st.against === 'string')
        ctx.ref('role', st.against, names.roles, src, [...p, 'stop', 'against']);
      out.push({
        kind: 'stop',
        deadline,
        ...(typeof st.against === 'string' && { against: st.against }),
        loc,
      });
    } else if (typeof o.produce === 'string') {
      ctx.ref('document', o.produce, names.documents, src, [...p, 'produce']);
      out.push({ kind: 'produce', document: o.produce, loc });
    } else if (o.notify) {
      const n = obj(o.notify);
      const roles = strList(n.roles);
      roles.forEach((r, j) => ctx.ref('role', r, names.roles, src, [...p, 'notify', 'roles', j]));
      out.push({
        kind: 'notify',
        roles,
        channels: strList(n.channels) as Channel[],
        message: String(n.message),
        loc,
      });
    } else if (o.call) {
      const c = obj(o.call);
      ctx.ref('connector', String(c.connector), CONNECTORS, src, [...p, 'call', 'connector']);
      const to = strList(c.to);
      to.forEach((r, j) => ctx.ref('role', r, names.roles, src, [...p, 'call', 'to', j]));
      if (typeof c.document === 'string')
        ctx.ref('document', c.document, names.documents, src, [...p, 'call', 'document']);
      out.push({
        kind: 'call',
        connector: String(c.connector),
        to,
        ...(typeof c.document === 'string' && { document: c.document }),
        loc,
      });
    } else if (o.record) {
      const r = obj(o.record);
      const value = r.value as string | number | boolean | null | undefined;
      out.push({
        kind: 'record',
        fact: String(r.fact),
        from: typeof r.from === 'string' ? r.from : String(r.fact),
        ...(value !== undefined && { value }),
        loc,
      });
    }
  });
  return out;
}

/** Builds procedure.yaml's nodes; references to forms and rulesets are checked against `ext`. */
export function buildProcedureParts(src: SourceFile, ctx: BuildContext, ext: ExternalNames): ProcedureParts {
  const root = obj(src.data);
  if (typeof root.calendar === 'string')
    ctx.ref('calendar', root.calendar, [...CALENDARS, COURT_CALENDAR], src, ['calendar']);
  const parameters = buildParameters(src);
  const roles = buildRoles(src, ctx);
  const phases: Record<string, Phase> = {};
  entries(root.phases).forEach(([id, p], order) => {
    phases[id] = { id, order, ...documented(p, src.locateKey(['phases', id])) };
  });
  const states = buildStates(src, ctx, phases);
  const names = {
    roles: new Set(Object.keys(roles)),
    states: new Set(Object.keys(states)),
    deadlines: new Set(Object.keys(obj(root.deadlines))),
    documents: new Set(Object.keys(obj(root.documents))),
  };
  const documents: Record<string, DocumentKind> = {};
  for (const [id, d] of entries(root.documents)) {
    const visibleTo = strList(d.visible_to);
    visibleTo.forEach((r, i) => ctx.ref('role', r, names.roles, src, ['documents', id, 'visible_to', i]));
    const upload = d.upload ? obj(d.upload) : undefined;
    if (upload && typeof upload.max_size === 'string') {
      paramRef(ctx, parameters, upload.max_size, 'integer', src, ['documents', id, 'upload', 'max_size']);
    }
    documents[id] = {
      id,
      ...documented(d, src.locateKey(['documents', id])),
      visibleTo,
      ...(upload && {
        upload: {
          types: strList(upload.types) as UploadType[],
          ...(typeof upload.max_size === 'string' && { maxSize: upload.max_size }),
        },
      }),
    };
  }
  const deadlines: Record<string, Deadline> = {};
  for (const [id, d] of entries(root.deadlines)) {
    const base = ['deadlines', id];
    paramRef(ctx, parameters, String(d.duration), 'duration', src, [...base, 'duration']);
    const exp = obj(d.on_expiry);
    const alert = strList(exp.alert);
    alert.forEach((r, i) => ctx.ref('role', r, names.roles, src, [...base, 'on_expiry', 'alert', i]));
    const reminders = (Array.isArray(d.reminders) ? d.reminders : []).map((r, i) => {
      const o = obj(r);
      paramRef(ctx, parameters, String(o.before), 'duration', src, [...base, 'reminders', i, 'before']);
      const rs = strList(o.roles);
      rs.forEach((x, j) => ctx.ref('role', x, names.roles, src, [...base, 'reminders', i, 'roles', j]));
      return {
        before: String(o.before),
        roles: rs,
        channels: strList(o.channels) as Channel[],
        ...(typeof o.message === 'string' && { message: o.message }),
        loc: src.locate([...base, 'reminders', i]),
      };
    });
    deadlines[id] = {
      id,
      ...documented(d, src.locateKey(base)),
      duration: String(d.duration),
      onExpiry: {
        ...(typeof exp.event === 'string' && { event: exp.event }),
        alert,
        ...(typeof exp.message === 'string' && { message: exp.message }),
      },
      reminders,
      ...(d.per_party === true && { perParty: true }),
      ...(d.distance === true && { distance: { loc: src.locateKey([...base, 'distance']) } }),
    };
  }
  const nonFinal = Object.values(states)
    .filter((s) => !s.final)
    .map((s) => s.id);
  const rawTransitions = Array.isArray(root.transitions) ? root.transitions : [];
  const recordedFacts = new Set<string>();
  for (const t of rawTransitions) {
    for (const e of Array.isArray(obj(t).effects) ? (obj(t).effects as unknown[]) : []) {
      const r = obj(obj(e).record);
      if (typeof r.fact === 'string') recordedFacts.add(r.fact);
    }
    const character = obj(obj(obj(t).decision).character);
    if (typeof character.fact === 'string') recordedFacts.add(character.fact);
  }
  const remedies = buildRemedies(src, ctx, parameters, names);
  for (const r of Object.values(remedies)) if (r.pending) recordedFacts.add(r.pending);
  const remedyNames = new Set(Object.keys(remedies));
  const transitions = rawTransitions.map((raw, index): Transition => {
    const t = obj(raw);
    const base = ['transitions', index];
    const fromAny = t.from === '*';
    const from = fromAny ? nonFinal : typeof t.from === 'string' ? [t.from] : strList(t.from);
    if (!fromAny) {
      if (typeof t.from === 'string') ctx.ref('state', t.from, names.states, src, [...base, 'from']);
      else from.forEach((s, i) => ctx.ref('state', s, names.states, src, [...base, 'from', i]));
    }
    const stay = t.stay === true;
    if (!stay) ctx.ref('state', String(t.to), names.states, src, [...base, 'to']);
    const roleList = (key: string): string[] => {
      const list = strList(t[key]);
      list.forEach((r, i) => ctx.ref('role', r, names.roles, src, [...base, key, i]));
      return list;
    };
    const rolesOf = roleList('roles');
    const summons = roleList('summons');
    const hears = roleList('hears');
    const visibleTo = roleList('visible_to');
    const form = str(t, 'form');
    if (form !== undefined) ctx.ref('form', form, ext.forms, src, [...base, 'form']);
    const guard = strList(t.guard);
    guard.forEach((g, i) => ctx.ref('ruleset', g, ext.rulesets, src, [...base, 'guard', i]));
    const guardUnless = strList(t.guard_unless);
    guardUnless.forEach((g, i) => ctx.ref('ruleset', g, ext.rulesets, src, [...base, 'guard_unless', i]));
    const decisionRaw = t.decision ? obj(t.decision) : undefined;
    const against = strList(decisionRaw?.against);
    against.forEach((r, i) => ctx.ref('role', r, names.roles, src, [...base, 'decision', 'against', i]));
    const decisionRemedies = Array.isArray(decisionRaw?.remedies) ? strList(decisionRaw.remedies) : undefined;
    decisionRemedies?.forEach((r, i) =>
      ctx.ref('remedy', r, remedyNames, src, [...base, 'decision', 'remedies', i]),
    );
    const exParte = Array.isArray(decisionRaw?.ex_parte) ? strList(decisionRaw.ex_parte) : undefined;
    exParte?.forEach((r, i) => ctx.ref('role', r, names.roles, src, [...base, 'decision', 'ex_parte', i]));
    const characterRaw = decisionRaw?.character ? obj(decisionRaw.character) : undefined;
    if (characterRaw) {
      ctx.ref('role', String(characterRaw.party), names.roles, src, [
        ...base,
        'decision',
        'character',
        'party',
      ]);
      if (typeof characterRaw.void_unless_served === 'string')
        ctx.ref('deadline', characterRaw.void_unless_served, names.deadlines, src, [
          ...base,
          'decision',
          'character',
          'void_unless_served',
        ]);
    }
    const serviceRaw = t.service ? obj(t.service) : undefined;
    if (serviceRaw) {
      ctx.ref('document', String(serviceRaw.document), names.documents, src, [
        ...base,
        'service',
        'document',
      ]);
      strList(serviceRaw.to).forEach((r, i) =>
        ctx.ref('role', r, names.roles, src, [...base, 'service', 'to', i]),
      );
    }
    const filingRaw = t.filing ? obj(t.filing) : undefined;
    if (filingRaw)
      ctx.ref('deadline', String(filingRaw.answer), names.deadlines, src, [...base, 'filing', 'answer']);
    const after = strList(t.after);
    after.forEach((d, i) => ctx.ref('deadline', d, names.deadlines, src, [...base, 'after', i]));
    const known = new Set([...recordedFacts, ...(form ? (ext.formFields.get(form) ?? []) : [])]);
    if (t.when) checkCondition(ctx, t.when, src, [...base, 'when'], known, parameters);
    if (typeof t.summons_in_person === 'object' && t.summons_in_person !== null)
      checkCondition(ctx, t.summons_in_person, src, [...base, 'summons_in_person'], known, parameters);
    const automatic = t.automatic === true;
    if (!automatic && rolesOf.length === 0) {
      ctx.error(
        'transition-without-actor',
        src.locateKey(base),
        `La transition « ${String(t.event)} » n’a ni rôles ni automatic: true : personne ne peut la déclencher.`,
        'Ajoutez roles: [...] ou automatic: true avec un délai dont l’expiration la déclenche.',
      );
    }
    return {
      index,
      event: String(t.event),
      ...documented(t, src.locate(base)),
      from,
      fromAny,
      to: stay ? '' : String(t.to),
      stay,
      roles: rolesOf,
      automatic,
      ...(form !== undefined && { form }),
      guard,
      guardUnless,
      ...(t.when !== undefined && { when: t.when as Condition }),
      summons,
      hears,
      ...(decisionRaw && {
        decision: {
          kind: decisionRaw.kind as NonNullable<Transition['decision']>['kind'],
          against,
          ...(typeof decisionRaw.appeal === 'boolean' && { appeal: decisionRaw.appeal }),
          ...(decisionRemedies && { remedies: decisionRemedies }),
          ...(exParte && { exParte }),
          ...(characterRaw && {
            character: {
              party: String(characterRaw.party),
              fact: String(characterRaw.fact),
              lastResort: characterRaw.last_resort === true,
              ...(typeof characterRaw.void_unless_served === 'string' && {
                voidUnlessServed: characterRaw.void_unless_served,
              }),
            },
          }),
        },
      }),
      ...(t.summons_in_person !== undefined && {
        summonsInPerson: t.summons_in_person as boolean | Condition,
      }),
      ...(serviceRaw && {
        service: {
          document: String(serviceRaw.document),
          to: strList(serviceRaw.to),
          ...(typeof serviceRaw.date === 'string' && { date: serviceRaw.date }),
        },
      }),
      ...(filingRaw && { filing: { answer: String(filingRaw.answer) } }),
      ...(typeof t.filing_exempt === 'string' && { filingExempt: t.filing_exempt }),
      after,
      visibleTo,
      effects: buildEffects(ctx, src, [...base, 'effects'], t.effects, names),
    };
  });
  const events = new Set(transitions.map((t) => t.event));
  for (const [id, d] of Object.entries(deadlines)) {
    if (d.onExpiry.event)
      ctx.ref('event', d.onExpiry.event, events, src, ['deadlines', id, 'on_expiry', 'event']);
  }
  for (const [id, r] of Object.entries(remedies)) {
    if (r.filedBy) ctx.ref('event', r.filedBy, events, src, ['remedies', id, 'filed_by']);
    if (r.decidedBy) ctx.ref('event', r.decidedBy, events, src, ['remedies', id, 'decided_by']);
  }
  return { parameters, roles, phases, states, transitions, deadlines, documents, remedies, recordedFacts };
}

/** The typed remedies (`remedies:`, language v2), their references checked. */
function buildRemedies(
  src: SourceFile,
  ctx: BuildContext,
  parameters: Record<string, Parameter>,
  names: { roles: Set<string>; states: Set<string>; deadlines: Set<string> },
): Record<string, Remedy> {
  const out: Record<string, Remedy> = {};
  for (const [id, r] of entries(obj(src.data).remedies)) {
    const base = ['remedies', id];
    const time = str(r, 'time');
    if (time !== undefined) paramRef(ctx, parameters, time, 'duration', src, [...base, 'time']);
    const deadline = str(r, 'deadline');
    if (deadline !== undefined) ctx.ref('deadline', deadline, names.deadlines, src, [...base, 'deadline']);
    const by = strList(r.by);
    by.forEach((x, i) => ctx.ref('role', x, names.roles, src, [...base, 'by', i]));
    const reopens = str(r, 'reopens');
    if (reopens !== undefined) ctx.ref('state', reopens, names.states, src, [...base, 'reopens']);
    out[id] = {
      id,
      ...documented(r, src.locateKey(base)),
      kind: r.kind as RemedyKind,
      ...(time !== undefined && { time }),
      ...(deadline !== undefined && { deadline }),
      startsOn: r.starts_on as RemedyStart,
      suspensive: r.suspensive === true,
      by,
      thirdParties: r.third_parties === true,
      characters: strList(r.characters) as JudgmentCharacter[],
      before: String(r.before),
      exercise: String(r.exercise),
      ...(reopens !== undefined && { reopens }),
      ...(str(r, 'filed_by') !== undefined && { filedBy: str(r, 'filed_by') }),
      ...(str(r, 'decided_by') !== undefined && { decidedBy: str(r, 'decided_by') }),
      ...(str(r, 'pending') !== undefined && { pending: str(r, 'pending') }),
    };
  }
  return out;
}
