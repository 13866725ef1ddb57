/**
 * Checks on opening a case (POST /api/cases) that the case service does not
 * make (issue 14): the court named is a known court, and a person keeps at
 * most MAX_OPEN_DRAFTS cases of a procedure not yet filed (still in an
 * initial state), so no one fills the database with empty cases.
 */
import type { Caller } from '../access/policy.ts';
import { initialStates } from '../engine/actions.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import { courtById, courtIds } from './courts.ts';

export const MAX_OPEN_DRAFTS = 10;

export async function checkFiling(rt: Runtime, caller: Caller, body: Record<string, unknown>): Promise<void> {
  const court = body.court;
  if (court !== undefined && court !== null && (typeof court !== 'string' || !courtById(court))) {
    throw new GreffeError(400, 'UNKNOWN_COURT', 'Ce tribunal n’existe pas sur la plateforme.', {
      field: 'court',
      courts: courtIds(),
    });
  }
  const p =
    typeof body.procedure === 'string'
      ? rt.catalog.pick(
          body.procedure,
          typeof body.version === 'string' ? body.version : undefined,
          rt.dev,
          rt.clock.now(),
        )
      : undefined;
  if (!p) return; // the case service answers an unknown procedure
  const open = await rt.store.openDrafts(caller.id, p.id, initialStates(p));
  if (open >= MAX_OPEN_DRAFTS) {
    throw new GreffeError(
      409,
      'TOO_MANY_DRAFTS',
      `Vous avez déjà ${MAX_OPEN_DRAFTS} demandes commencées et non déposées : terminez-en ou abandonnez-en une avant d’en commencer une autre.`,
      { max: MAX_OPEN_DRAFTS },
    );
  }
}
