/**
 * POST /api/cases: opens a case under a procedure version (pinned for life).
 * A citizen files as the party role the spec lets file (first transition out
 * of the initial state); a court actor whose role acts from the initial state
 * opens it in their own court.
 */
import type { Caller } from '../access/policy.ts';
import { filingRole, initialStates, openingCourtRoles } from '../engine/actions.ts';
import { isDraftState } from '../store/case-store.ts';
import { GreffeError } from '../errors.ts';
import { canonicalJson, sha256Hex } from '../engine/hash.ts';
import type { Runtime } from './context.ts';

export interface OpenRequest {
  readonly procedure: string;
  readonly version?: string;
  readonly initial?: string;
  readonly court?: string;
}

/**
 * Opens the case; returns its id. With an idempotency key, the same request
 * again returns the case the first one opened (`replayed`), even after a
 * crash: the key is stored in the opening's own transaction.
 */
export async function openCaseFor(rt: Runtime, caller: Caller, req: OpenRequest): Promise<string> {
  return (await openCaseKeyed(rt, caller, req)).id;
}

/** The same, with the request's Idempotency-Key (POST /api/cases): `replayed` when the key already opened it. */
export async function openCaseKeyed(
  rt: Runtime,
  caller: Caller,
  req: OpenRequest,
  key?: string,
): Promise<{ id: string; replayed: boolean }> {
  const requestSha256 = sha256Hex(canonicalJson({ opening: req }));
  if (key !== undefined) {
    const first = await rt.store.idempotentAnswer(caller.id, key);
    if (first) {
      if (first.requestSha256 !== requestSha256) {
        throw new GreffeError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Cette clé d’idempotence a déjà servi pour une autre demande : utilisez une nouvelle clé.',
          { key },
        );
      }
      return { id: first.caseId, replayed: true };
    }
  }
  const p = rt.catalog.pick(req.procedure, req.version, rt.dev, rt.clock.now());
  if (!p) {
    throw new GreffeError(
      404,
      'PROCEDURE_NOT_FOUND',
      req.version
        ? `La version ${req.version} de la procédure « ${req.procedure} » n’existe pas sur ce serveur.`
        : `Aucune version publiée de la procédure « ${req.procedure} » n’est disponible.`,
      { procedure: req.procedure, ...(req.version && { version: req.version }) },
    );
  }
  if (p.status !== 'published' && !rt.dev) {
    throw new GreffeError(
      422,
      'PROCEDURE_NOT_PUBLISHED',
      `La version ${p.version} de « ${p.id} » est un projet : elle n’accepte pas d’affaires.`,
      {
        procedure: p.id,
        version: p.version,
      },
    );
  }
  const initials = initialStates(p);
  const initial = req.initial ?? initials[0];
  if (!initial || !initials.includes(initial)) {
    throw new GreffeError(
      422,
      'INVALID_INITIAL_STATE',
      `« ${req.initial} » n’est pas un état initial de cette procédure.`,
      {
        initialStates: initials,
      },
    );
  }
  const courtRole = openingCourtRoles(p, initial).find((r) => caller.roles.includes(r) && caller.court);
  const partyRole = courtRole ? undefined : filingRole(p, initial);
  if (!courtRole && !partyRole) {
    throw new GreffeError(
      403,
      'ROLE_NOT_ALLOWED',
      'Votre rôle ne permet pas d’ouvrir une affaire de cette procédure.',
      {
        procedure: p.id,
      },
    );
  }
  const court = courtRole ? (caller.court as string) : (req.court ?? rt.defaultCourt);
  const row = await rt.store.openCase({
    procedureId: p.id,
    procedureVersion: p.version,
    initialState: initial,
    court,
    creator: { id: caller.id, name: caller.name },
    ...(partyRole && { partyRole }),
    actorRole: (courtRole ?? partyRole) as string,
    at: rt.clock.now(),
    numbered: !isDraftState(p, initial),
    ...(key !== undefined && { idempotency: { userId: caller.id, key, requestSha256 } }),
  });
  return { id: row.id, replayed: row.replayed === true };
}
