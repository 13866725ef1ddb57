/**
 * The engine step: given a procedure, a case snapshot, a command and the
 * time, accept the event (its next state and effects, as data) or refuse it
 * with a reason. No I/O: the store, the clock and the connectors belong to
 * the runtime. Async only because guard rule sets run in json-rules-engine,
 * which is async; the evaluator is passed in and does no I/O either.
 *
 * Checks, in the order of the issue and of the API contract: the role on this
 * case (403), the case's state (409), the form data (422), the transition's
 * `when` (422), the guard rule sets (422), the expected version (409).
 * Authentication and idempotency are the runtime's (they need the store).
 */
import { validateFormData } from '../../forms/index.ts';
import type { CONTEXT_FACTS, Procedure, Transition } from '../../spec/index.ts';
import { conditionHolds } from './conditions.ts';
import { buildEffects } from './effects.ts';
import { canonicalJson, sha256Hex } from './hash.ts';
import type { CaseSnapshot, Command, Decision, EngineError, GuardEvaluator } from './types.ts';

const refuse = (error: EngineError): Decision => ({ ok: false, error });

/** Values of the recorded facts, the form data over them, the context facts over both (they cannot be forged). */
export function factsFor(
  snapshot: CaseSnapshot,
  data: Readonly<Record<string, unknown>>,
  actorRole: string | null,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(snapshot.facts)) facts[k] = f.value;
  Object.assign(facts, data);
  const context: Record<(typeof CONTEXT_FACTS)[number], unknown> = { requerant: actorRole ?? undefined };
  return Object.assign(facts, context);
}

/** The role the actor fires `t` with: the first of the actor's roles the transition allows. */
function roleFor(t: Transition, command: Command): string | null | undefined {
  if (command.actor.kind === 'system') return t.automatic ? null : undefined;
  if (t.automatic) return undefined;
  return command.actor.roles.find((r) => t.roles.includes(r));
}

function stateLabel(procedure: Procedure, state: string): string {
  return procedure.states[state]?.label ?? state;
}

/**
 * Decides `command` on `snapshot`.
 * @example await decide(p, snapshot, { event, data, expectedVersion: 2, actor }, clock.now(), rulesGuards(p), 'RG 27/00001')
 */
export async function decide(
  procedure: Procedure,
  snapshot: CaseSnapshot,
  command: Command,
  now: Date,
  evaluateGuard: GuardEvaluator,
  caseReference = snapshot.id,
): Promise<Decision> {
  const named = procedure.transitions.filter((t) => t.event === command.event);
  if (named.length === 0) {
    return refuse({
      status: 422,
      code: 'UNKNOWN_EVENT',
      message: `L’événement « ${command.event} » n’existe pas dans la procédure ${procedure.id} ${procedure.version}.`,
      details: { event: command.event },
    });
  }
  const allowed = named.filter((t) => roleFor(t, command) !== undefined);
  if (allowed.length === 0) {
    const roles = [...new Set(named.flatMap((t) => t.roles))];
    return refuse({
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
      message: `Votre rôle dans cette affaire ne permet pas l’action « ${named[0]?.label} ».`,
      details: { event: command.event, allowedRoles: roles },
    });
  }
  const here = allowed.filter((t) => t.from.includes(snapshot.state));
  if (here.length === 0) {
    return refuse({
      status: 409,
      code: 'INVALID_STATE',
      message: `L’action « ${allowed[0]?.label} » n’est pas possible lorsque l’affaire est à l’état « ${stateLabel(procedure, snapshot.state)} ».`,
      details: {
        event: command.event,
        state: snapshot.state,
        from: [...new Set(allowed.flatMap((t) => t.from))],
      },
    });
  }
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
  const matching = valid.filter(
    (t) =>
      !t.when ||
      conditionHolds(t.when, factsFor(snapshot, command.data, roleFor(t, command) ?? null), procedure),
  );
  if (matching.length === 0) {
    return refuse({
      status: 422,
      code: 'CONDITION_NOT_MET',
      message: `Les conditions de l’action « ${valid[0]?.label} » ne sont pas réunies dans cette affaire.`,
      details: { event: command.event, conditions: valid.map((t) => t.when ?? null) },
    });
  }
  // Guards: the first candidate (spec order) whose rule sets are all satisfied wins.
  let refusal: EngineError | undefined;
  let chosen: Transition | undefined;
  for (const t of matching) {
    const role = roleFor(t, command) ?? null;
    const facts = factsFor(snapshot, command.data, role);
    let ok = true;
    for (const rulesetId of t.guard) {
      const declared = procedure.rules.rulesets[rulesetId]?.facts ?? [];
      const input = Object.fromEntries(
        declared.filter((f) => facts[f] !== undefined).map((f) => [f, facts[f]]),
      );
      const r = await evaluateGuard(rulesetId, input);
      if (r.valid && r.satisfied) continue;
      ok = false;
      const label = procedure.rules.rulesets[rulesetId]?.label ?? rulesetId;
      refusal ??= r.valid
        ? {
            status: 422,
            code: 'GUARD_REFUSED',
            message: `Action refusée : ${label}.`,
            details: { ruleset: rulesetId, outcome: r.outcome, reasons: r.reasons },
          }
        : {
            status: 422,
            code: 'GUARD_REFUSED',
            message: `Action refusée : les informations nécessaires pour vérifier « ${label} » sont incomplètes.`,
            details: { ruleset: rulesetId, reasons: [], problems: r.problems },
          };
      break;
    }
    if (ok) {
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
  const actorRole = roleFor(chosen, command) ?? null;
  const built = buildEffects({
    procedure,
    snapshot,
    transition: chosen,
    data: command.data,
    actorRole,
    now,
    caseReference,
  });
  if ('error' in built) return refuse(built.error);
  const data = command.data;
  return {
    ok: true,
    event: {
      event: chosen.event,
      label: chosen.label,
      transition: chosen,
      from: snapshot.state,
      to: chosen.to,
      actorRole,
      data,
      dataSha256: sha256Hex(canonicalJson(data)),
      at: now.toISOString(),
      visibleTo: chosen.visibleTo,
    },
    nextState: chosen.to,
    nextVersion: snapshot.version + 1,
    effects: built.effects,
  };
}
