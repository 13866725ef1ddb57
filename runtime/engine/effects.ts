/** Turns a transition's spec effects into effects as data (due dates computed, texts rendered). */
import {
  CONTEXT_FACTS,
  formatDuration,
  isLanguageV2,
  type Procedure,
  renderTemplate,
  serviceStatement,
  type Transition,
  targetOf,
} from '../../spec/index.ts';
import { computeDue, getCalendar, type ProceduralCalendar, reminderDate } from '../time/index.ts';
import { factsFor } from './checks.ts';
import { civilDateOf, endOfDay, formatDateFr, reminderInstant } from './dates.ts';
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
  readonly caseReference: string;
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
 * Started deadlines by procedure version and `deadline|start date`: a
 * deadline started on a given day always has the same due date, reminders
 * and explanation (CPC art. 640-642 count in civil days), and computing them
 * (calendar walk, French texts) was ~9 % of an event's CPU. Frozen: shared.
 */
const started = new WeakMap<Procedure, Map<string, EngineEffect>>();
const STARTED_PER_PROCEDURE = 1_000;

/** Starts deadline `id` now: due date by the procedure's calendar, reminders planned. */
export function startDeadline(procedure: Procedure, id: string, now: Date): EngineEffect {
  const calendar = getCalendar(procedure.calendar);
  const startDate = civilDateOf(now, calendar.timeZone);
  let memo = started.get(procedure);
  if (!memo) {
    memo = new Map();
    started.set(procedure, memo);
  }
  const key = `${id}|${startDate}`;
  let effect = memo.get(key);
  if (!effect) {
    effect = deadlineFrom(procedure, id, startDate, calendar);
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
): EngineEffect {
  const d = procedure.deadlines[id];
  if (!d) throw new Error(`Délai « ${id} » introuvable.`);
  const duration = durationParam(procedure, d.duration);
  const { due, explanation } = computeDue(startDate, duration, calendar);
  const reminders: ReminderPlan[] = [];
  for (const r of d.reminders) {
    const date = reminderDate(due, durationParam(procedure, r.before), calendar);
    if (date <= startDate) continue; // the deadline is shorter than the reminder's advance
    const message = r.message
      ? renderTemplate(r.message, procedure)
      : `Rappel : le délai « ${d.label} » expire le ${formatDateFr(due)} à 24 h (${calendar.timeZoneLabel}), dans ${formatDuration(durationParam(procedure, r.before))} environ.`;
    reminders.push(
      Object.freeze<ReminderPlan>({
        fireAt: reminderInstant(date, calendar.timeZone).toISOString(),
        date,
        roles: r.roles,
        channels: r.channels.length > 0 ? r.channels : ['plateforme'],
        message,
      }),
    );
  }
  return Object.freeze({
    type: 'deadline.start',
    deadline: id,
    duration,
    startDate,
    due,
    dueAt: endOfDay(due, calendar.timeZone).toISOString(),
    explanation,
    reminders: Object.freeze(reminders),
  });
}

/** The effects of firing `transition`, or a refusal when a document it acts on does not exist. */
export function buildEffects(ctx: EffectContext): { effects: EngineEffect[] } | { error: EngineError } {
  const { procedure, snapshot, transition: t, now } = ctx;
  const effects: EngineEffect[] = [];
  const produced = new Map<string, { kind: string; sha256: string }>();
  let date: string | undefined; // the act's civil date, computed only when a document needs it
  for (const e of t.effects) {
    switch (e.kind) {
      case 'start':
        effects.push(startDeadline(procedure, e.deadline, now));
        break;
      case 'stop':
        effects.push({ type: 'deadline.stop', deadline: e.deadline });
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
        date ??= civilDateOf(now, getCalendar(procedure.calendar).timeZone);
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
  effects.push(
    ...remedyEffects({
      procedure,
      snapshot,
      transition: t,
      facts: factsFor(snapshot, ctx.data, ctx.actorRole),
      start: (deadline, from) => startDeadline(procedure, deadline, from ?? now),
    }),
  );
  for (const role of t.summons) effects.push({ type: 'summon', role });
  // A final state ends the case: every deadline still running stops with it.
  if (procedure.states[targetOf(t, snapshot.state)]?.final) {
    const stopped = new Set(effects.flatMap((x) => (x.type === 'deadline.stop' ? [x.deadline] : [])));
    for (const { deadline } of snapshot.runningDeadlines) {
      if (!stopped.has(deadline)) effects.push({ type: 'deadline.stop', deadline });
    }
  }
  return { effects };
}
