/**
 * The signature codes of the SQLite store (identity-schema.ts `signature_codes`).
 * The policy — HMAC, time to live, attempts, binding to a document — is
 * runtime/identity/signature-codes.ts's; these functions only read and write.
 */
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { NewSignatureCode, SignatureCodeRecord } from './case-store.ts';
import { signatureCodes } from './identity-schema.ts';
import type { Store } from './open.ts';

export function newSignatureCode(s: Store, c: NewSignatureCode): void {
  s.tx(() => {
    s.db
      .update(signatureCodes)
      .set({ usedAt: c.createdAt })
      .where(
        and(
          eq(signatureCodes.caseId, c.caseId),
          eq(signatureCodes.userId, c.userId),
          isNull(signatureCodes.usedAt),
        ),
      )
      .run();
    s.db.insert(signatureCodes).values(c).run();
  });
}

export function pendingSignatureCode(
  s: Store,
  caseId: string,
  userId: string,
): SignatureCodeRecord | undefined {
  return s.db
    .select()
    .from(signatureCodes)
    .where(
      and(
        eq(signatureCodes.caseId, caseId),
        eq(signatureCodes.userId, userId),
        isNull(signatureCodes.usedAt),
      ),
    )
    .orderBy(desc(signatureCodes.createdAt))
    .get() as SignatureCodeRecord | undefined;
}

export function countSignatureAttempt(s: Store, id: string, max: number): boolean {
  return (
    s.db
      .update(signatureCodes)
      .set({ attempts: sql`${signatureCodes.attempts} + 1` })
      .where(and(eq(signatureCodes.id, id), isNull(signatureCodes.usedAt), lt(signatureCodes.attempts, max)))
      .run().changes === 1
  );
}

export function spendSignatureCode(s: Store, id: string, at: number): boolean {
  return (
    s.db
      .update(signatureCodes)
      .set({ usedAt: at })
      .where(and(eq(signatureCodes.id, id), isNull(signatureCodes.usedAt)))
      .run().changes === 1
  );
}
