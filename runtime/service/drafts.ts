/** PUT /api/cases/:id/draft: a participant's unfinished form, saved to resume later. */
import { caseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { canonicalJson } from '../engine/hash.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from './context.ts';

/** Drafts are small: a filing form, not its attachments (those are uploaded documents). */
export const MAX_DRAFT_BYTES = 256 * 1024;

export async function saveDraft(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  data: unknown,
): Promise<{ savedAt: string }> {
  await caseAccess(rt, caller, caseId);
  const text = canonicalJson(data ?? {});
  if (Buffer.byteLength(text) > MAX_DRAFT_BYTES) {
    throw new GreffeError(413, 'DRAFT_TOO_LARGE', 'Le brouillon est trop volumineux.', {
      maxSize: MAX_DRAFT_BYTES,
    });
  }
  // Saved with the real time, not the procedural clock: a draft is not an act of the procedure.
  const savedAt = new Date().toISOString();
  await rt.store.saveDraft(caseId, caller.id, text, savedAt);
  return { savedAt };
}
