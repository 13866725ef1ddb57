/**
 * The SQL of crypto-shredding (personal-data.ts), the same for both stores
 * but for the placeholders (`?` on SQLite, `$n` on PostgreSQL): what a case's
 * key's destruction also erases outside the journal, in its transaction.
 */
import { canonicalJson } from '../engine/hash.ts';
import { ERASED } from './personal-data.ts';

type Dialect = 'sqlite' | 'pg';
const ph = (d: Dialect, n: number) => (d === 'sqlite' ? '?' : `$${n}`);

/** Closed cases of a version, closed at or before a time, whose key still exists: (procedureId, version, closedBefore, limit). */
export const casesToShredSql = (d: Dialect) =>
  `SELECT c.id, c.reference, c.closed_at AS "closedAt"
     FROM cases c JOIN case_keys k ON k.case_id = c.id
    WHERE c.procedure_id = ${ph(d, 1)} AND c.procedure_version = ${ph(d, 2)}
      AND c.closed_at IS NOT NULL AND c.closed_at <= ${ph(d, 3)} AND k.key IS NOT NULL
    ORDER BY c.closed_at, c.id LIMIT ${ph(d, 4)}`;

/** Destroys the key: (at, caseId); 0 rows when it was already gone. */
export const destroyKeySql = (d: Dialect) =>
  `UPDATE case_keys SET key = NULL, shredded_at = ${ph(d, 1)} WHERE case_id = ${ph(d, 2)} AND key IS NOT NULL`;

/** What holds the case's personal data in clear outside the journal, each with its parameters. */
export function eraseStatements(
  d: Dialect,
  caseId: string,
  reference: string,
  at: string,
): [string, unknown[]][] {
  const payload = canonicalJson({ caseId, reference, recipient: ERASED, subject: ERASED, body: ERASED });
  return [
    [`DELETE FROM drafts WHERE case_id = ${ph(d, 1)}`, [caseId]],
    [`UPDATE participants SET name = ${ph(d, 1)} WHERE case_id = ${ph(d, 2)}`, [ERASED, caseId]],
    [
      `DELETE FROM deliveries WHERE outbox_id IN (SELECT id FROM outbox WHERE case_id = ${ph(d, 1)})`,
      [caseId],
    ],
    [`UPDATE outbox SET payload = ${ph(d, 1)} WHERE case_id = ${ph(d, 2)}`, [payload, caseId]],
    // The cached views of the case are stale: its stamp moves (view-cache.ts).
    [`UPDATE cases SET updated_at = ${ph(d, 1)} WHERE id = ${ph(d, 2)}`, [at, caseId]],
  ];
}

/** SHA-256 of the case's documents no case with a key (or from before keys) still cites: (caseId). */
export const orphanDocumentsSql = (d: Dialect) =>
  `SELECT DISTINCT x.sha256 FROM documents x
    WHERE x.case_id = ${ph(d, 1)}
      AND NOT EXISTS (SELECT 1 FROM documents o LEFT JOIN case_keys k ON k.case_id = o.case_id
                       WHERE o.sha256 = x.sha256 AND o.case_id <> x.case_id
                         AND (k.case_id IS NULL OR k.key IS NOT NULL))`;
