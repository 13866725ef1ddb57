/** What every runtime service reads: the store, the procedures, the clock, and the mode. */
import type { Procedure } from '../../spec/index.ts';
import type { Catalog } from '../catalog.ts';
import type { SampleUser } from '../dev/sample-users.ts';
import type { GuardEvaluator } from '../engine/types.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { Clock } from '../time/index.ts';

export interface Runtime {
  readonly store: CaseStore;
  readonly catalog: Catalog;
  /** Procedural time (movable in development mode). */
  readonly clock: Clock;
  /** Development mode: sample users, movable clock, summoned roles taken by the sample user at once. */
  readonly dev: boolean;
  readonly sampleUsers: readonly SampleUser[];
  /** Court a case is filed with when the request names none. */
  readonly defaultCourt: string;
  /** Guard evaluation for a procedure (rules/ by default). */
  readonly guards: (procedure: Procedure) => GuardEvaluator;
  /** Called after each commit that may have queued messages or produced acts (wakes the outbox worker, issues the acts). */
  readonly afterCommit: (caseId?: string) => void;
  /** Fires the case's deadlines already due, before an event is decided on it (a late act never wins over an expiry). */
  readonly expireDue: (caseId: string) => Promise<boolean>;
  /** The journal's public key and name, for GET /api/transparence/checkpoints (absent: not served). */
  readonly transparency?: {
    readonly origin: string;
    readonly publicKey: string;
    readonly development: boolean;
  };
}

export { rulesGuards } from '../engine/guards.ts';
