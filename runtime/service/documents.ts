/**
 * Uploading and downloading documents. The type is read from the bytes
 * (magic numbers) and must be one the spec's document kind admits; the size
 * limit is the kind's `max_size` parameter. The upload is journaled with the
 * file's SHA-256, so the record proves which bytes were filed.
 */
import { randomUUID } from 'node:crypto';
import { formatNumber, joinFr, type Procedure } from '../../spec/index.ts';
import { caseAccess } from '../access/case-access.ts';
import { type Caller, canSee, canSeeDocument, canUpload } from '../access/policy.ts';
import { CATEGORY_FR, sniff } from '../documents/sniff.ts';
import { discard, keep, readStream, receive, TooLarge } from '../documents/storage.ts';
import { own } from '../api/own.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from './context.ts';

/** Upper bound whatever the spec says, so a spec typo cannot fill the disk. */
export const HARD_MAX_BYTES = 1024 * 1024 * 1024;

function limitOf(p: Procedure, kind: string): number {
  const name = own(p.documents, kind)?.upload?.maxSize;
  const param = name ? own(p.parameters, name) : undefined;
  return param?.type === 'integer' ? Math.min(param.value, HARD_MAX_BYTES) : HARD_MAX_BYTES;
}

const mb = (n: number) => `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10)} Mo`;

/** A file name safe to store and to send back in Content-Disposition: no path, no control character. */
export function safeFilename(name: string): string {
  return [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '_' : ch))
    .join('')
    .slice(0, 200);
}

export interface Upload {
  readonly kind: string;
  readonly filename: string;
  readonly body: ReadableStream<Uint8Array>;
  /** The request's Content-Length: a file declared too large is refused before a byte is read (issue 14). */
  readonly declaredSize?: number;
}

export async function uploadDocument(rt: Runtime, caller: Caller, caseId: string, u: Upload) {
  const a = await caseAccess(rt, caller, caseId);
  const p = a.procedure;
  const doc = own(p.documents, u.kind);
  if (!doc?.upload || !canUpload(p, u.kind, a.roles)) {
    const allowed = Object.keys(p.documents).filter((k) => canUpload(p, k, a.roles));
    throw new GreffeError(
      422,
      'INVALID_DOCUMENT_KIND',
      `Vous ne pouvez pas déposer de pièce de type « ${u.kind} » dans cette affaire.`,
      {
        kind: u.kind,
        allowed,
      },
    );
  }
  if (a.procedure.states[a.case.state]?.final) {
    throw new GreffeError(
      409,
      'INVALID_STATE',
      'L’affaire est terminée : aucune pièce ne peut plus y être déposée.',
      {
        state: a.case.state,
      },
    );
  }
  const limit = limitOf(p, u.kind);
  let received: Awaited<ReturnType<typeof receive>>;
  try {
    if ((u.declaredSize ?? 0) > limit) throw new TooLarge(limit);
    received = await receive(u.body, rt.store.documentsDir, limit);
  } catch (err: unknown) {
    if (!(err instanceof TooLarge)) throw err;
    throw new GreffeError(
      413,
      'DOCUMENT_TOO_LARGE',
      `Le fichier dépasse la taille maximale admise pour « ${doc.label} » (${mb(limit)}).`,
      {
        maxSize: limit,
      },
    );
  }
  const type = sniff(received.head);
  if (!type || !doc.upload.types.includes(type.category)) {
    await discard(received);
    const accepted = joinFr(
      doc.upload.types.map((t) => CATEGORY_FR[t]),
      'ou',
    );
    throw new GreffeError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Ce fichier n’est pas d’un type admis pour « ${doc.label} » : ${accepted}.`,
      {
        accepted: doc.upload.types,
        ...(type && { detected: type.mediaType }),
      },
    );
  }
  if (received.size === 0) {
    await discard(received);
    throw new GreffeError(422, 'EMPTY_DOCUMENT', 'Le fichier est vide.');
  }
  await keep(rt.store.documentsDir, received);
  const id = randomUUID();
  const at = rt.clock.now().toISOString();
  const role = a.roles[0] ?? null;
  const filename = safeFilename(u.filename) || `piece.${type.extension}`;
  await rt.store.recordUpload({
    caseId,
    documentId: id,
    kind: u.kind,
    filename,
    mediaType: type.mediaType,
    size: received.size,
    sha256: received.sha256,
    actorId: caller.id,
    actorRole: role,
    visibleTo: doc.visibleTo,
    at,
  });
  return {
    id,
    sha256: received.sha256,
    size: received.size,
    mediaType: type.mediaType,
    kind: u.kind,
    filename,
  };
}

/** The document row and a stream of its bytes, for roles allowed to see it (404 otherwise). */
export async function downloadDocument(rt: Runtime, caller: Caller, caseId: string, docId: string) {
  const a = await caseAccess(rt, caller, caseId);
  const found = await rt.store.documentOf(caseId, docId);
  const d = found?.row;
  const shown =
    found !== undefined &&
    canSee(JSON.parse(found.visibleTo) as string[], a.roles) &&
    canSeeDocument(a.procedure, found.row.kind, a.roles, {
      userId: found.row.uploadedBy,
      callerId: caller.id,
    });
  if (!d || !shown) {
    throw new GreffeError(404, 'DOCUMENT_NOT_FOUND', 'Document introuvable.', { document: docId });
  }
  return { row: d, stream: readStream(rt.store.documentsDir, d.sha256) };
}
