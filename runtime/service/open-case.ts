/**
 * POST /api/cases: opens a case under a procedure version (pinned for life).
 * A citizen files as the party role the spec lets file (first transition out
 * of the initial state); a court actor whose role acts from the initial state
 * opens it in their own court.
 */
import type { Caller } from '../access/policy.ts';
import { filingRole, initialStates, openingCourtRoles } from '../engine/actions.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from './context.ts';

export interface OpenRequest {
  readonly procedure: string;
  readonly version?: string;
  readonly initial?: string;
  readonly court?: string;
}

/** Opens the case; returns its id. */
export async function openCaseFor(rt: Runtime, caller: Caller, req: OpenRequest): Promise<string> {
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
  });
  return row.id;
}
