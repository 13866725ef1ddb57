/**
 * The one reducer of a case: given a procedure, a case snapshot, a command and
 * the time, accept the event — the case's next snapshot, the event to journal
 * and its effects as data — or refuse it with a reason. No I/O: the store, the
 * clock and the connectors belong to the runtime, which only persists what
 * this returns. Journeys (`greffe test`), the available actions, the
 * scheduler's deadline expiry and the store's commit all fold over it.
 *
 * Checks, in the order of the API contract: the role on this case (403), the
 * case's state (409), the form data (422), the transition's `when` (422), the
 * guard rule sets (422), the expected version (409). Authentication and
 * idempotency are the runtime's (they need the store).
 */
import { validateFormData } from '../../forms/index.ts';
import { factOwnedByOthers, type Procedure, type Transition, targetOf } from '../../spec/index.ts';
import { conditionOutcome } from './conditions.ts';
import { factsFor, formFields, guardVerdict, roleFor } from './checks.ts';
import { buildEffects } from './effects.ts';
import { rulesGuards } from './guards.ts';
import { canonicalJson, sha256Hex } from './hash.ts';
import { withoutInstance } from './instances.ts';
import { eventDocuments, nextSnapshot, producedDocumentId } from './next-snapshot.ts';
import { remedyRefusal } from './remedies.ts';
import type {
  CaseSnapshot,
  Command,
  DocumentRef,
  EngineError,
  GuardEvaluator,
  TransitionResult,
} from './types.ts';

const refuse = (error: EngineError): TransitionResult => ({ ok: false, error });
const NONE: ReadonlySet<string> = new Set();

function stateLabel(procedure: Procedure, state: string): string {
  return procedure.states[state]?.label ?? state;
}

/** 422 FACT_OWNED_BY_OTHER: the form carries `fact`, which `owners` establish. */
function factRefusal(procedure: Procedure, fact: string, owners: readonly string[]): EngineError {
  const title = procedure.rules.facts[fact]?.title;
  const what = typeof title === 'string' ? `« ${title} » (${fact})` : `« ${fact} »`;
  const who = owners.map((r) => procedure.roles[r]?.label ?? r).join(', ');
  return {
    status: 422,
    code: 'FACT_OWNED_BY_OTHER',
    message: `Le fait ${what} est établi par : ${who}. Votre formulaire ne peut ni le fixer ni le modifier ; retirez ce champ.`,
    details: { fact, establishedBy: owners },
  };
}

/** The candidates of `command.event` the actor may fire in the case's state, or the refusal (403, 409). */
export function candidates(
  procedure: Procedure,
  snapshot: Pick<CaseSnapshot, 'state'>,
  command: Pick<Command, 'event' | 'actor'>,
): Transition[] | EngineError {
  const named = procedure.transitions.filter((t) => t.event === command.event);
  if (named.length === 0) {
    return {
      status: 422,
      code: 'UNKNOWN_EVENT',
      message: `L’événement « ${command.event} » n’existe pas dans la procédure ${procedure.id} ${procedure.version}.`,
      details: { event: command.event },
    };
  }
  const allowed = named.filter((t) => roleFor(t, command.actor) !== undefined);
  if (allowed.length === 0) {
    return {
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
      message: `Votre rôle dans cette affaire ne permet pas l’action « ${named[0]?.label} ».`,
      details: { event: command.event, allowedRoles: [...new Set(named.flatMap((t) => t.roles))] },
    };
  }
  const here = allowed.filter((t) => t.from.includes(snapshot.state));
  if (here.length > 0) return here;
  return {
    status: 409,
    code: 'INVALID_STATE',
    message: `L’action « ${allowed[0]?.label} » n’est pas possible lorsque l’affaire est à l’état « ${stateLabel(procedure, snapshot.state)} ».`,
    details: {
      event: command.event,
      state: snapshot.state,
      from: [...new Set(allowed.flatMap((t) => t.from))],
    },
  };
}

/**
 * Decides `command` on `snapshot`: the next snapshot and the effects, or a refusal.
 * @example transition(p, snapshot, { event, data, expectedVersion: 2, actor }, clock.now())
 */
export function transition(
  procedure: Procedure,
  snapshot: CaseSnapshot,
  command: Command,
  now: Date,
  evaluateGuard: GuardEvaluator = rulesGuards(procedure),
): TransitionResult {
  const here = candidates(procedure, snapshot, command);
  if (!Array.isArray(here)) return refuse(here);
  // Form data: each candidate's form (usually one form per event).
  let formProblems: readonly { field: string; message: string }[] = [];
  const valid = here.filter((t) => {
    const form = t.form ? procedure.forms[t.form] : undefined;
    if (!form) {
      if (Object.keys(command.data).length === 0) return true;
      formProblems = [{ field: '', message: 'Cette action n’attend aucune donnée de formulaire.' }];
      return false;
    }
    const v = validateFormData(form, command.data);
    if (!v.valid) formProblems = v.problems;
    return v.valid;
  });
  if (valid.length === 0) {
    return refuse({
      status: 422,
      code: 'INVALID_FORM',
      message: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
      details: { problems: formProblems },
    });
  }
  // Who establishes a fact (rules.yaml established_by): a form never sets one another role establishes.
  let owned: EngineError | undefined;
  const own = valid.filter((t) => {
    const role = roleFor(t, command.actor) ?? null;
    for (const field of Object.keys(command.data)) {
      const owners = factOwnedByOthers(procedure.rules, field, role);
      if (!owners) continue;
      owned ??= factRefusal(procedure, field, owners);
      return false;
    }
    return true;
  });
  if (own.length === 0) return refuse(owned as EngineError);
  const factsOf = (t: Transition) =>
    factsFor(snapshot, command.data, roleFor(t, command.actor) ?? null, formFields(procedure, t));
  const matching = own.filter((t) => !t.when || conditionOutcome(t.when, factsOf(t), NONE, procedure));
  if (matching.length === 0) {
    return refuse({
      status: 422,
      code: 'CONDITION_NOT_MET',
      message: `Les conditions de l’action « ${own[0]?.label} » ne sont pas réunies dans cette affaire.`,
      details: { event: command.event, conditions: own.map((t) => t.when ?? null) },
    });
  }
  // Guards: the first candidate (spec order) whose rule sets are all satisfied wins.
  let refusal: EngineError | undefined;
  let chosen: Transition | undefined;
  for (const t of matching) {
    const verdict = guardVerdict(procedure, t, factsOf(t), NONE, evaluateGuard);
    if (verdict.ok === false) refusal ??= verdict.error;
    else {
      chosen = t;
      break;
    }
  }
  if (!chosen) return refuse(refusal as EngineError);
  if (command.expectedVersion !== snapshot.version) {
    return refuse({
      status: 409,
      code: 'VERSION_CONFLICT',
      message: 'L’affaire a changé depuis que vous l’avez ouverte : rechargez-la avant d’agir.',
      details: { expectedVersion: command.expectedVersion, caseVersion: snapshot.version },
    });
  }
  const waiting = remedyRefusal(procedure, snapshot, chosen);
  if (waiting) return refuse(waiting);
  const actorRole = roleFor(chosen, command.actor) ?? null;
  const to = targetOf(chosen, snapshot.state);
  // The expired deadline no longer runs: a final state does not stop it again.
  const expired =
    command.actor.kind === 'system' && command.expired !== undefined
      ? { deadline: command.expired, party: command.expiredParty }
      : undefined;
  const before =
    expired === undefined
      ? snapshot
      : { ...snapshot, runningDeadlines: withoutInstance(snapshot.runningDeadlines, expired) };
  const built = buildEffects({
    procedure,
    snapshot: before,
    transition: chosen,
    data: command.data,
    actorRole,
    now,
    caseReference: snapshot.reference,
  });
  if ('error' in built) return refuse(built.error);
  const { effects } = built;
  const produced: DocumentRef[] = [];
  for (const e of effects) {
    if (e.type === 'document.produce')
      produced.push({
        id: producedDocumentId(snapshot.id, snapshot.version + 1, produced.length),
        kind: e.document.kind,
        sha256: e.document.sha256,
      });
  }
  const data = command.data;
  return {
    ok: true,
    snapshot: nextSnapshot(procedure, snapshot, to, effects, produced, expired),
    event: {
      event: chosen.event,
      label: chosen.label,
      transition: chosen,
      from: snapshot.state,
      to,
      actorRole,
      data,
      dataSha256: sha256Hex(canonicalJson(data)),
      at: now.toISOString(),
      visibleTo: chosen.visibleTo,
      documents: eventDocuments(effects, produced),
      ...(expired !== undefined && { expired: expired.deadline }),
      ...(expired?.party !== undefined && { expiredParty: expired.party }),
    },
    effects,
  };
}
