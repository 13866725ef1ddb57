/**
 * The case as one caller may see it (API contract "case view"): state and
 * phases, the actions the caller may take now with their forms, deadlines
 * with how each was computed, the timeline and documents filtered by the
 * spec's `visible_to`, recorded facts, the caller's saved draft.
 */
import { signatureLine, signingActs } from './protocol-signature.ts';
import { hearingsOf } from './hearings.ts';
import { type Procedure, renderTemplate } from '../../spec/index.ts';
import { type CaseAccess, caseAccess } from '../access/case-access.ts';
import { actDocumentId } from '../acts/act-id.ts';
import { type Caller, canSee, canSeeDocument, visibleFacts } from '../access/policy.ts';
import { availableActions } from '../engine/actions.ts';
import type { DocumentRef, FactRecord } from '../engine/types.ts';
import { daysUntil } from '../engine/dates.ts';
import type { CaseRecord } from '../store/case-store.ts';
import { caseCalendar, rolesConcerning } from '../engine/instances.ts';
import type { Runtime } from './context.ts';
import { attachmentFields, threadEvents, threadLabel } from './thread.ts';

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** `p`: the version the item was journaled under (a migrated case changed version on the way). */
function timelineLabel(
  p: Procedure,
  kind: string,
  transitionIndex: number | null,
  data: Record<string, unknown>,
): string {
  if (kind === 'migration')
    return `Passage à la version ${String(data.to)} de la procédure (dispositions transitoires)`;
  if (kind === 'transition') return p.transitions[transitionIndex ?? -1]?.label ?? 'Événement';
  if (kind === 'ouverture') return 'Ouverture de l’affaire';
  // What came back from outside (runtime/connectors): the recorder wrote its French line.
  if (kind === 'connecteur') return typeof data.label === 'string' ? data.label : 'Suivi d’un envoi';
  if (kind === 'participation') {
    const role = typeof data.role === 'string' ? data.role : '';
    return `${p.roles[role]?.label ?? role} rejoint l’affaire`;
  }
  const doc = typeof data.kind === 'string' ? p.documents[data.kind]?.label : undefined;
  return `Dépôt d’une pièce${doc ? ` : ${doc}` : ''}`;
}

/** A state as every answer names it: id, label, whether final, and its outcome. */
export function stateSummary(p: Procedure, id: string) {
  const state = p.states[id];
  return {
    id,
    label: state?.label ?? id,
    final: state?.final ?? false,
    outcome: state?.outcome ?? null,
  };
}

/** The caller's view of a case, read through the access gate. */
export async function readCaseView(rt: Runtime, caller: Caller, caseId: string) {
  const a = await caseAccess(rt, caller, caseId);
  const versionOf = (v: string) => rt.catalog.get(a.case.procedureId, v);
  return caseView(await rt.store.caseRecord(a.case.id, caller.id), a, caller, rt.clock.now(), versionOf);
}

/** The journal items (by number) and the documents of a case that `caller` may see. */
export function visibleItems(record: CaseRecord, a: CaseAccess, caller: Caller) {
  const { procedure: p, roles } = a;
  const visibleSeq = new Set(
    record.journal.filter((j) => canSee(parse<string[]>(j.visibleTo), roles)).map((j) => j.seq),
  );
  const shownDocs = record.documents.filter(
    (d) =>
      visibleSeq.has(d.journalSeq) &&
      canSeeDocument(p, d.kind, roles, { userId: d.uploadedBy, callerId: caller.id }),
  );
  return { visibleSeq, shownDocs };
}

/** The view of case `a` for `caller` from its record (`rt.store.caseRecord`). */
export function caseView(
  record: CaseRecord,
  a: CaseAccess,
  caller: Caller,
  now: Date,
  versionOf: (version: string) => Procedure | undefined = () => undefined,
) {
  const { case: c, procedure: p, roles } = a;
  const state = p.states[c.state];
  const phase = state ? p.phases[state.phase] : undefined;
  const tz = caseCalendar(p, c.court).timeZone;
  const { journal, documents: docs, draft } = record;
  const { visibleSeq, shownDocs } = visibleItems(record, a, caller);
  const facts = parse<Record<string, FactRecord>>(c.facts);
  const shownDocIds = new Set(shownDocs.map((d) => d.id));
  const timeline = journal.flatMap((j) => {
    const data = parse<Record<string, unknown>>(j.data);
    const refs = parse<DocumentRef[]>(j.documents).filter((r) => shownDocIds.has(r.id));
    if (j.kind === 'piece' && refs.length === 0) return [];
    const visible = visibleSeq.has(j.seq);
    // A party's signature: its evidence, in French, for the parties and the judge (protocol-signature.ts).
    const signed = j.kind === 'transition' ? signatureLine(data.preuve_signature, tz) : undefined;
    return [
      {
        seq: j.seq,
        kind: j.kind,
        event: j.event,
        label: timelineLabel(versionOf(j.specVersion) ?? p, j.kind, j.transitionIndex, data),
        actorRole: j.actorRole,
        at: j.at,
        ...(visible && j.kind === 'transition' && { data }),
        ...(visible && signed && { signature: signed }),
        ...(visible && refs.length > 0 && { documents: refs }),
      },
    ];
  });
  // A signing act asks for the one-time code the party receives (protocol-signature.ts).
  const actions = (
    state?.final
      ? []
      : availableActions(
          p,
          { state: c.state, facts, documents: docs, runningDeadlines: record.deadlines },
          roles,
        )
  ).map((x) => (signingActs(p, c.state, roles, x.event).length > 0 ? { ...x, signature: true } : x));
  // A per-party instance is shown to its party (and the court), not to the other parties.
  const running = record.deadlines.filter(
    (d) =>
      visibleSeq.has(d.startedSeq) && (d.party === null || rolesConcerning(p, roles, d.party).length > 0),
  );
  return {
    id: c.id,
    reference: c.reference,
    procedure: c.procedureId,
    version: c.procedureVersion,
    court: c.court,
    caseVersion: c.version,
    state: {
      ...stateSummary(p, c.state),
      phase: state?.phase ?? null,
      help: state?.help ? renderTemplate(state.help, p) : null,
    },
    phases: Object.values(p.phases)
      .sort((x, y) => x.order - y.order)
      .map((ph): { id: string; label: string; status: 'done' | 'current' | 'todo' } => ({
        id: ph.id,
        label: ph.label,
        status: !phase ? 'todo' : ph.order < phase.order ? 'done' : ph.id === phase.id ? 'current' : 'todo',
      })),
    myRoles: roles,
    actions,
    deadlines: running.map((d) => ({
      id: d.deadline,
      ...(d.party !== null && { party: d.party }),
      label: p.deadlines[d.deadline]?.label ?? d.deadline,
      startedAt: d.startedAt,
      due: d.due,
      dueAt: d.dueAt,
      explanation: d.explanation,
      daysLeft: daysUntil(now, d.due, tz),
    })),
    timeline,
    // Hearings and conciliation sessions convened (hearings.ts): their video room on the case page.
    hearings: hearingsOf(p, timeline),
    thread: threadView(a, record, caller, visibleSeq, shownDocs, actions),
    // A production issued as an act is listed once, as its PDF: the text it was rendered from stays in
    // the journal and downloadable by id, but the citizen sees one document per act (runtime/acts/issue.ts).
    documents: listedDocuments(shownDocs).map((d) => ({
      id: d.id,
      kind: d.kind,
      label: p.documents[d.kind]?.label ?? d.kind,
      filename: d.filename,
      mediaType: d.mediaType,
      size: d.size,
      sha256: d.sha256,
      origin: d.origin,
      uploadedAt: d.uploadedAt,
      uploadedByRole: d.uploadedByRole,
    })),
    participants: a.participants.map((x) => ({
      role: x.role,
      roleLabel: p.roles[x.role]?.label ?? x.role,
      name: x.userId ? x.name : `${p.roles[x.role]?.label ?? x.role} (pas encore identifié)`,
      joined: x.userId !== null,
    })),
    facts: visibleFacts(facts, roles),
    ...(draft && { draft: { data: parse<unknown>(draft.data), savedAt: draft.savedAt } }),
  };
}

export type CaseView = ReturnType<typeof caseView>;

/** The documents a case's list shows: each production that has its act PDF (`<id>-pdf`) is left out. */
export function listedDocuments<D extends { readonly id: string }>(docs: readonly D[]): D[] {
  const ids = new Set(docs.map((d) => d.id));
  return docs.filter((d) => !ids.has(actDocumentId(d.id)));
}

/**
 * The confidential exchange as a conversation (runtime/service/thread.ts):
 * the messages `caller` may see, oldest first, each with its author's role and
 * its attachments resolved to the documents `caller` may see. Null when the
 * caller has no message to read and none to write (the judge, the registry).
 */
function threadView(
  a: CaseAccess,
  record: CaseRecord,
  caller: Caller,
  visibleSeq: ReadonlySet<number>,
  shownDocs: CaseRecord['documents'],
  actions: readonly { event: string }[],
) {
  const p = a.procedure;
  const events = threadEvents(p);
  const byId = new Map(shownDocs.map((d) => [d.id, d]));
  const messages = record.journal
    .filter((j) => j.kind === 'transition' && j.event && events.has(j.event) && visibleSeq.has(j.seq))
    .sort((x, y) => x.seq - y.seq)
    .map((j) => {
      const data = parse<Record<string, unknown>>(j.data);
      const fields = attachmentFields(p, p.transitions[j.transitionIndex ?? -1]?.form);
      const attachments = fields
        .flatMap((f) => (Array.isArray(data[f]) ? (data[f] as unknown[]) : []))
        .flatMap((id) => {
          const d = typeof id === 'string' ? byId.get(id) : undefined;
          return d ? [{ id: d.id, label: p.documents[d.kind]?.label ?? d.kind, filename: d.filename }] : [];
        });
      const text = Object.fromEntries(Object.entries(data).filter(([k]) => !fields.includes(k)));
      return {
        seq: j.seq,
        event: j.event ?? '',
        label: p.transitions[j.transitionIndex ?? -1]?.label ?? '',
        at: j.at,
        authorRole: j.actorRole ?? '',
        mine: j.actorId === caller.id,
        data: text,
        attachments,
      };
    });
  // What the caller may write now: the thread's messages that leave the case where it is.
  const here = a.case.state;
  const compose = actions
    .filter(
      (x) =>
        events.has(x.event) &&
        p.transitions.some((t) => t.event === x.event && t.from.includes(here) && (t.stay || t.to === here)),
    )
    .map((x) => x.event);
  if (messages.length === 0 && compose.length === 0) return null;
  // Who reads it: the roles its messages are restricted to (`visible_to`), as the spec names them.
  const readers = new Set(p.transitions.filter((t) => events.has(t.event)).flatMap((t) => t.visibleTo));
  const audience = [...readers].map((r) => p.roles[r]?.label ?? r);
  return { label: threadLabel(p, events) ?? 'Échanges', audience, messages, compose };
}
