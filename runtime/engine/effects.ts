/** Turns a transition's spec effects into effects as data (due dates computed, texts rendered). */
import {
  CONTEXT_FACTS,
  formatDuration,
  isLanguageV2,
  type Procedure,
  isResidence,
  type Residence,
  renderTemplate,
  residenceFact,
  type Seat,
  serviceStatement,
  type Transition,
  targetOf,
} from '../../spec/index.ts';
import { courtSeat } from '../identity/courts.ts';
import {
  computeDue,
  distanceExplanation,
  distanceMonths,
  extendDuration,
  type ProceduralCalendar,
  reminderDate,
} from '../time/index.ts';
import { factsFor } from './checks.ts';
import { civilDateOf, endOfDay, formatDateFr, reminderInstant } from './dates.ts';
import { caseCalendar, matchesInstance, rolesConcerning } from './instances.ts';
import { recordedCharacter, remedyEffects } from './remedies.ts';
import { produceDocument } from './produce.ts';
import type { CaseSnapshot, EngineEffect, EngineError, ReminderPlan } from './types.ts';

export interface EffectContext {
  readonly procedure: Procedure;
  readonly snapshot: CaseSnapshot;
  readonly transition: Transition;
  readonly data: Readonly<Record<string, unknown>>;
  readonly actorRole: string | null;
  readonly now: Date;
  readonly caseReference: string | null;
}

function durationParam(procedure: Procedure, name: string): string {
  const p = procedure.parameters[name];
  if (p?.type !== 'duration') throw new Error(`Paramètre de durée « ${name} » introuvable.`);
  return p.value;
}

/** Reads `a.b` or `/a/b` inside the form data. */
export function readField(data: Readonly<Record<string, unknown>>, path: string): unknown {
  const keys = path.startsWith('/') ? path.slice(1).split('/') : path.split('.');
  let v: unknown = data;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/**
 * Started deadlines by procedure version and `calendar|deadline|party|start date`: a
 * deadline started on a given day always has the same due date, reminders
 * and explanation (CPC art. 640-642 count in civil days), and computing them
 * (calendar walk, French texts) was ~9 % of an event's CPU. Frozen: shared.
 */
const started = new WeakMap<Procedure, Map<string, EngineEffect>>();
const STARTED_PER_PROCEDURE = 1_000;

/** Where a deadline starts: its calendar (default the procedure's), party, and the act's date (default `now`'s). */
export interface StartOptions {
  readonly calendar?: ProceduralCalendar;
  readonly party?: string;
  readonly startDate?: string;
  /** Délais de distance (CPC art. 643–644), for a deadline that says `distance: true` and runs against `party`. */
  readonly distance?: { readonly seat: Seat; readonly residence: Residence };
}

/** Starts deadline `id` from the act's date (default: the day of `now`): due date by the calendar, reminders planned. */
export function startDeadline(
  procedure: Procedure,
  id: string,
  now: Date,
  options: StartOptions = {},
): EngineEffect {
  const calendar = options.calendar ?? caseCalendar(procedure, undefined);
  const startDate = options.startDate ?? civilDateOf(now, calendar.timeZone);
  let memo = started.get(procedure);
  if (!memo) {
    memo = new Map();
    started.set(procedure, memo);
  }
  const distance = options.distance;
  const key = `${calendar.id}|${id}|${options.party ?? ''}|${startDate}|${distance ? `${distance.seat}>${distance.residence}` : ''}`;
  let effect = memo.get(key);
  if (!effect) {
    effect = deadlineFrom(procedure, id, startDate, calendar, options.party, distance);
    if (memo.size >= STARTED_PER_PROCEDURE) memo.clear();
    memo.set(key, effect);
  }
  return effect;
}

function deadlineFrom(
  procedure: Procedure,
  id: string,
  startDate: string,
  calendar: ProceduralCalendar,
  party: string | undefined,
  distance: StartOptions['distance'],
): EngineEffect {
  const d = procedure.deadlines[id];
  if (!d) throw new Error(`Délai « ${id} » introuvable.`);
  // CPC art. 643–644: the months for distance are added to the deadline's own, before art. 642 extends it.
  const months =
    d.distance && party !== undefined && distance ? distanceMonths(distance.seat, distance.residence) : 0;
  const duration = extendDuration(durationParam(procedure, d.duration), months);
  const computed = computeDue(startDate, duration, calendar);
  const due = computed.due;
  const explanation =
    months > 0 && distance
      ? `${distanceExplanation(distance.seat, distance.residence, months)} ${computed.explanation}`
      : computed.explanation;
  const reminders: ReminderPlan[] = [];
  for (const r of d.reminders) {
    const date = reminderDate(due, durationParam(procedure, r.before), calendar);
    if (date <= startDate) continue; // the deadline is shorter than the reminder's advance
    const roles = rolesConcerning(procedure, r.roles, party);
    if (roles.length === 0) continue;
    const message = r.message
      ? renderTemplate(r.message, procedure)
      : `Rappel : le délai « ${d.label} » expire le ${formatDateFr(due)} à 24 h (${calendar.timeZoneLabel}), dans ${formatDuration(durationParam(procedure, r.before))} environ.`;
    reminders.push(
      Object.freeze<ReminderPlan>({
        fireAt: reminderInstant(date, calendar.timeZone).toISOString(),
        date,
        roles,
        channels: r.channels.length > 0 ? r.channels : ['plateforme'],
        message,
      }),
    );
  }
  return Object.freeze({
    type: 'deadline.start',
    deadline: id,
    ...(party !== undefined && { party }),
    duration,
    startDate,
    due,
    dueAt: endOfDay(due, calendar.timeZone).toISOString(),
    explanation,
    reminders: Object.freeze(reminders),
  });
}

/**
 * The date of the act a deadline runs from (`start: { from }`): the form's date
 * field, which may be neither in the future (the court's today) nor before the
 * acts it follows — those that started the deadlines this transition stops, and
 * those named under `after:`. Without the field (never, once checked), today.
 */
function actDate(
  ctx: EffectContext,
  e: Extract<Transition['effects'][number], { kind: 'start' }>,
  today: string,
): { date: string } | { error: EngineError } {
  if (e.from === undefined) return { date: today };
  const value = readField(ctx.data, e.from);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { date: today };
  const { procedure, transition: t, snapshot } = ctx;
  const form = t.form !== undefined ? procedure.forms[t.form] : undefined;
  const title = (form?.schema.properties as Record<string, { title?: unknown }> | undefined)?.[e.from]?.title;
  const field = typeof title === 'string' ? `« ${title} » (${e.from})` : `« ${e.from} »`;
  if (value > today) {
    return {
      error: {
        status: 422,
        code: 'ACT_DATE_IN_FUTURE',
        message: `La date ${field}, ${formatDateFr(value)}, est postérieure à aujourd’hui (${formatDateFr(today)}) : un acte ne peut être daté de l’avenir.`,
        details: { field: e.from, value, today },
      },
    };
  }
  const stopped = t.effects.flatMap((x) =>
    x.kind === 'stop' ? [{ deadline: x.deadline, party: x.against }] : [],
  );
  const bounds = [...stopped, ...(e.after ?? []).map((deadline) => ({ deadline }))];
  for (const d of snapshot.runningDeadlines) {
    if (d.startDate === undefined || value >= d.startDate) continue;
    if (!bounds.some((b) => matchesInstance(d, b))) continue;
    const label = procedure.deadlines[d.deadline]?.label ?? d.deadline;
    return {
      error: {
        status: 422,
        code: 'ACT_DATE_BEFORE_ACT',
        message: `La date ${field}, ${formatDateFr(value)}, est antérieure à l’acte dont elle dépend : le délai « ${label} » court depuis le ${formatDateFr(d.startDate)}.`,
        details: { field: e.from, value, deadline: d.deadline, startDate: d.startDate },
      },
    };
  }
  return { date: value };
}

/** The effects of firing `transition`, or a refusal when a document it acts on does not exist. */
export function buildEffects(ctx: EffectContext): { effects: EngineEffect[] } | { error: EngineError } {
  const { procedure, snapshot, transition: t, now } = ctx;
  const effects: EngineEffect[] = [];
  const produced = new Map<string, { kind: string; sha256: string }>();
  const calendar = caseCalendar(procedure, snapshot.court);
  const seat = courtSeat(snapshot.court);
  /** Where `party` lives (fact residence_<party>, recorded before this act); metropolitan France when not said. */
  const distanceFor = (deadline: string, party: string | undefined): StartOptions['distance'] => {
    if (party === undefined || !procedure.deadlines[deadline]?.distance) return undefined;
    const value = snapshot.facts[residenceFact(party)]?.value;
    return { seat, residence: isResidence(value) ? value : 'metropole' };
  };
  let date: string | undefined; // the act's civil date, computed only when needed
  for (const e of t.effects) {
    switch (e.kind) {
      case 'start': {
        date ??= civilDateOf(now, calendar.timeZone);
        const act = actDate(ctx, e, date);
        if ('error' in act) return act;
        effects.push(
          startDeadline(procedure, e.deadline, now, {
            calendar,
            startDate: act.date,
            ...(e.against !== undefined && { party: e.against }),
            ...(distanceFor(e.deadline, e.against) && { distance: distanceFor(e.deadline, e.against) }),
          }),
        );
        break;
      }
      case 'stop':
        effects.push({
          type: 'deadline.stop',
          deadline: e.deadline,
          ...(e.against !== undefined && { party: e.against }),
        });
        break;
      case 'record': {
        // value: a constant; from: requerant, the actor's role (a context fact); else a form field.
        const context = (CONTEXT_FACTS as readonly string[]).includes(e.from);
        const value =
          'value' in e ? e.value : context ? (ctx.actorRole ?? undefined) : readField(ctx.data, e.from);
        if (value !== undefined)
          effects.push({ type: 'fact.record', fact: e.fact, value, visibleTo: t.visibleTo });
        break;
      }
      case 'notify':
        effects.push({
          type: 'notify',
          roles: e.roles,
          channels: e.channels.length > 0 ? e.channels : ['plateforme'],
          message: renderTemplate(e.message, procedure),
        });
        break;
      case 'produce': {
        date ??= civilDateOf(now, calendar.timeZone);
        const statement =
          t.service && isLanguageV2(procedure)
            ? serviceStatement(
                procedure,
                t.service.document,
                recordedCharacter(procedure, snapshot, t.service.document),
              )
            : undefined;
        const document = produceDocument({
          ...(statement && { statement }),
          procedure,
          kind: e.document,
          caseReference: ctx.caseReference,
          eventLabel: t.label,
          actorRole: ctx.actorRole,
          ...(t.form !== undefined && { form: t.form }),
          data: ctx.data,
          date,
        });
        produced.set(e.document, { kind: e.document, sha256: document.sha256 });
        effects.push({ type: 'document.produce', document });
        break;
      }
      case 'call': {
        let document: { kind: string; sha256: string; id?: string } | undefined;
        if (e.document !== undefined) {
          document = produced.get(e.document) ?? snapshot.documents.findLast((d) => d.kind === e.document);
          if (!document) {
            const label = procedure.documents[e.document]?.label ?? e.document;
            return {
              error: {
                status: 422,
                code: 'DOCUMENT_MISSING',
                message: `Cette action porte sur le document « ${label} », qui n’existe pas encore dans l’affaire.`,
                details: { document: e.document },
              },
            };
          }
        }
        effects.push({ type: 'call', connector: e.connector, to: e.to, ...(document && { document }) });
        break;
      }
    }
  }
  const remedies = remedyEffects({
    procedure,
    snapshot,
    transition: t,
    facts: factsFor(snapshot, ctx.data, ctx.actorRole),
    built: effects,
    data: ctx.data,
    start: (deadline, o = {}) =>
      startDeadline(procedure, deadline, now, {
        calendar,
        ...(o.party !== undefined && { party: o.party }),
        ...(distanceFor(deadline, o.party) && { distance: distanceFor(deadline, o.party) }),
        ...(o.startDate !== undefined && { startDate: o.startDate }),
        ...(o.dayAfter !== undefined && { startDate: civilDateOf(new Date(o.dayAfter), calendar.timeZone) }),
      }),
  });
  if (remedies.replaced.size > 0) {
    const kept = effects.filter((e) => !remedies.replaced.has(e));
    effects.length = 0;
    effects.push(...kept);
  }
  effects.push(...remedies.add);
  for (const role of t.summons) effects.push({ type: 'summon', role });
  // A final state ends the case: every deadline still running stops with it.
  if (procedure.states[targetOf(t, snapshot.state)]?.final) {
    const stopped = effects.flatMap((x) =>
      x.type === 'deadline.stop' ? [{ deadline: x.deadline, party: x.party }] : [],
    );
    const ended = new Set<string>();
    for (const d of snapshot.runningDeadlines) {
      if (stopped.some((x) => matchesInstance(d, x)) || ended.has(d.deadline)) continue;
      ended.add(d.deadline);
      effects.push({ type: 'deadline.stop', deadline: d.deadline });
    }
  }
  return { effects };
}
