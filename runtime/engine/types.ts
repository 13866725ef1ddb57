/**
 * What the pure reducer reads and returns: a case snapshot and a command in,
 * the next snapshot, the accepted event and its effects (as data) out — or a
 * refusal. No I/O, no clock, no store.
 */
import type { Channel, Transition } from '../../spec/index.ts';

/** A fact recorded on a case by a `record` effect, with who may see it. */
export interface FactRecord {
  readonly value: unknown;
  /** Journal sequence number of the event that recorded it. */
  readonly seq: number;
  /** Roles that may see it (the recording event's `visible_to`); empty = every role of the case. */
  readonly visibleTo: readonly string[];
}

export interface DocumentRef {
  readonly id: string;
  readonly kind: string;
  readonly sha256: string;
}

/** A deadline running on a case: its spec id and when it expires. */
export interface RunningDeadline {
  readonly deadline: string;
  /** Per-party deadline (`per_party: true`): the party (role) this instance runs against. */
  readonly party?: string;
  /** Civil date of the act the time runs from (court's zone). */
  readonly startDate?: string;
  /** Last civil day of the deadline (court's zone). */
  readonly due: string;
  /** Instant it expires: 24:00 at the end of `due`, ISO 8601. */
  readonly dueAt: string;
}

/** The case as the engine sees it: its projection, never the journal. */
export interface CaseSnapshot {
  readonly id: string;
  /**
   * The case's docket reference (RG 27/00042), printed on produced documents; null while the case is a
   * draft: the number is given when it is filed (runtime/store/reference.ts, issue 15).
   */
  readonly reference: string | null;
  readonly procedureId: string;
  readonly procedureVersion: string;
  readonly state: string;
  /** Number of accepted events (transitions) so far. */
  readonly version: number;
  /** Sequence number of the case's last journal item (pieces and participations count too). */
  readonly seq: number;
  /** True once the case reached a final state. */
  readonly closed: boolean;
  readonly facts: Readonly<Record<string, FactRecord>>;
  /** The deadlines running now, one per spec id (per spec id and party for per-party ones), in start order. */
  readonly runningDeadlines: readonly RunningDeadline[];
  /** The case's documents, oldest first (the latest of a kind is the one a connector acts on). */
  readonly documents: readonly DocumentRef[];
  /** The court the case is filed with (runtime/identity/courts.ts): its calendar counts time under `calendar: juridiction`. */
  readonly court?: string;
}

/** Who fires the event: a user acting with their roles in this case, or the system (deadline expiry). */
export type Actor =
  | { readonly kind: 'user'; readonly id: string; readonly roles: readonly string[] }
  | { readonly kind: 'system' };

export interface Command {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The case version the caller saw; the system passes the snapshot's. */
  readonly expectedVersion: number;
  readonly actor: Actor;
  /** System commands only: the running deadline whose expiry fires the event (it ends as expired). */
  readonly expired?: string;
  /** With `expired`, for a per-party deadline: the party whose instance expired. */
  readonly expiredParty?: string;
}

/** A refusal: HTTP status, stable code, French message and machine-readable details. */
export interface EngineError {
  readonly status: 403 | 404 | 409 | 422;
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ReminderPlan {
  /** Instant the reminder becomes due (start of the reminder day, calendar's zone). */
  readonly fireAt: string;
  readonly date: string;
  readonly roles: readonly string[];
  readonly channels: readonly Channel[];
  readonly message: string;
}

/** A document the event produces: its bytes are known here, the runtime stores them. */
export interface ProducedDocument {
  readonly kind: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly content: string;
  readonly sha256: string;
  readonly size: number;
}

/** Effects as data; the runtime carries them out in the event's transaction. */
export type EngineEffect =
  | {
      readonly type: 'deadline.start';
      readonly deadline: string;
      /** Per-party deadline: the party this instance runs against. */
      readonly party?: string;
      readonly duration: string;
      readonly startDate: string;
      readonly due: string;
      readonly dueAt: string;
      readonly explanation: string;
      readonly reminders: readonly ReminderPlan[];
    }
  /** Stops the deadline's instance against `party`, or every instance when `party` is absent. */
  | { readonly type: 'deadline.stop'; readonly deadline: string; readonly party?: string }
  | {
      readonly type: 'fact.record';
      readonly fact: string;
      readonly value: unknown;
      readonly visibleTo: readonly string[];
    }
  | {
      readonly type: 'notify';
      readonly roles: readonly string[];
      readonly channels: readonly Channel[];
      readonly message: string;
    }
  | {
      readonly type: 'call';
      readonly connector: string;
      readonly to: readonly string[];
      /** The document the connector acts on (produced by this event, or the case's latest of that kind). */
      readonly document?: { readonly kind: string; readonly sha256: string; readonly id?: string };
    }
  | { readonly type: 'document.produce'; readonly document: ProducedDocument }
  /** A party role called to the procedure (CPC art. 14): the runtime invites whoever holds it. */
  | { readonly type: 'summon'; readonly role: string };

/** The event the engine accepted, ready to be journaled. */
export interface DecidedEvent {
  readonly event: string;
  readonly label: string;
  readonly transition: Transition;
  readonly from: string;
  readonly to: string;
  readonly actorRole: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly dataSha256: string;
  readonly at: string;
  readonly visibleTo: readonly string[];
  /** Documents the event produced or acts on, as its journal item references them. */
  readonly documents: readonly DocumentRef[];
  /** The deadline whose expiry fired the event (system events of the scheduler). */
  readonly expired?: string;
  readonly expiredParty?: string;
}

/** An accepted event: the case's next snapshot, the event to journal and its effects as data. */
export interface Transitioned {
  readonly ok: true;
  readonly snapshot: CaseSnapshot;
  readonly event: DecidedEvent;
  readonly effects: readonly EngineEffect[];
}

/** What the reducer answers: the next snapshot and effects, or a refusal. */
export type TransitionResult = { readonly ok: false; readonly error: EngineError } | Transitioned;

/**
 * Evaluates one guard rule set on facts, synchronously (rules/ `evaluateRuleSet`,
 * injectable for tests). `partial`: facts may be absent; the result is valid
 * when the facts given settle it, else its problems name the facts missing.
 */
export type GuardEvaluator = (
  rulesetId: string,
  facts: Record<string, unknown>,
  options?: { readonly partial?: boolean },
) =>
  | {
      readonly valid: false;
      readonly problems: readonly { readonly field: string; readonly message: string }[];
    }
  | {
      readonly valid: true;
      readonly satisfied: boolean;
      readonly outcome: string | boolean;
      readonly reasons: readonly { readonly rule: string; readonly text: string; readonly basis: string }[];
    };
