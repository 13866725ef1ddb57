/**
 * Moves a case to a later version of its procedure, as its transitional
 * provisions say (runtime/engine/migration.ts decides; `greffe migrate` asks):
 * one journal item of kind `migration`, made under the new version (its
 * `specVersion`), and the case row's version, state, facts and chain head, in
 * one transaction. Refused with VersionConflict if anything was journaled on
 * the case since it was read. Running deadlines carry on untouched.
 */
import type { FactRecord } from '../engine/types.ts';
import type { MigrationData } from '../engine/migration.ts';
import { VersionConflict } from './commit.ts';
import { appendJournal } from './journal.ts';
import { call, type Step } from './steps.ts';

export interface MigrationRecord {
  readonly caseId: string;
  /** The case's version and journal number when the plan was made. */
  readonly expectedVersion: number;
  readonly expectedSeq: number;
  readonly fromState: string;
  readonly toState: string;
  readonly facts: Readonly<Record<string, FactRecord>>;
  readonly data: MigrationData;
  readonly actorId: string;
  readonly at: string;
}

export function* writeMigration(m: MigrationRecord): Step<{ seq: number; hash: string }> {
  const c = yield* call('caseById', { id: m.caseId });
  if (!c) throw new Error(`Affaire ${m.caseId} introuvable.`);
  if (c.version !== m.expectedVersion || c.journalSeq !== m.expectedSeq || c.procedureVersion !== m.data.from)
    throw new VersionConflict(c.version);
  const version = c.version + 1;
  const { seq, hash } = yield* appendJournal(
    { ...c, procedureVersion: m.data.to },
    {
      kind: 'migration',
      fromState: m.fromState,
      toState: m.toState,
      actorId: m.actorId,
      actorRole: null,
      at: m.at,
      data: m.data,
      visibleTo: [],
      caseVersion: version,
    },
    false,
  );
  const moved = yield* call('migrateCaseRow', {
    id: c.id,
    expectedVersion: c.version,
    seq,
    hash,
    procedureVersion: m.data.to,
    state: m.toState,
    version,
    facts: JSON.stringify(m.facts),
    at: m.at,
  });
  if (moved !== 1) throw new VersionConflict(c.version);
  return { seq, hash };
}
