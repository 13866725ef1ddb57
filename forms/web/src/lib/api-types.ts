/** Shapes of the greffe HTTP API (v1 contract shared with the runtime). */

export interface User {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly court?: string;
}

export interface ProcedureSummary {
  readonly id: string;
  readonly version: string;
  readonly status: string;
  readonly effective: string;
  readonly title: string;
}

export interface PhaseInfo {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly order: number;
}

export interface StateInfo {
  readonly id: string;
  readonly label: string;
  readonly phase: string;
  readonly help?: string;
  readonly final?: boolean;
  readonly outcome?: string;
  readonly initial?: boolean;
  readonly description?: string;
}

export interface RoleInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
}

export interface TransitionInfo {
  readonly event: string;
  readonly label: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly roles: readonly string[];
  readonly form?: string;
}

export interface ProcedureView {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly phases: readonly PhaseInfo[];
  readonly states: readonly StateInfo[];
  readonly roles: readonly RoleInfo[];
  readonly parameters: readonly { readonly id: string; readonly label: string; readonly text: string }[];
  readonly glossary: Readonly<Record<string, string>>;
  readonly transitions: readonly TransitionInfo[];
  /**
   * The eligibility questionnaire: the rule set guarding the filing, the facts it reads, the
   * filing form that asks them, where to go instead on a "no". Null when the filing is unguarded.
   */
  readonly eligibility?: {
    readonly ruleset: string;
    readonly label: string;
    readonly event: string;
    readonly form: string | null;
    readonly facts: readonly string[];
    readonly alternative: string | null;
  } | null;
  /** Optional: document kinds (with their upload limits). */
  readonly documents?: readonly DocumentKindInfo[];
}

export interface FormView {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly help?: string;
  readonly schema: Record<string, unknown>;
  readonly uischema: Record<string, unknown>;
  readonly glossary: Readonly<Record<string, string>>;
}

export interface Reason {
  readonly rule: string;
  readonly text: string;
  readonly basis?: string;
}

export interface EligibilityResult {
  readonly procedure: string;
  readonly version: string;
  readonly eligible: boolean;
  readonly reasons: readonly Reason[];
  /** Where to go instead, when the spec says it (ruleset's unsatisfied text). */
  readonly alternative?: string;
  readonly unsatisfiedText?: string;
}

export interface CaseSummary {
  readonly id: string;
  readonly reference: string;
  readonly procedure: string;
  readonly version: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly phase: string;
  readonly updatedAt: string;
  readonly roles: readonly string[];
  /** How many actions the caller may take now on this case (when the server says). */
  readonly actions?: number;
  readonly nextDeadline?:
    | { readonly label?: string; readonly due?: string; readonly daysLeft?: number }
    | string;
}

export interface Deadline {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly due: string;
  readonly dueAt: string;
  readonly explanation: string;
  readonly daysLeft: number;
}

export interface TimelineEntry {
  readonly seq: number;
  /** transition, ouverture, participation, piece… (the runtime's journal kinds). */
  readonly kind?: string;
  readonly event: string;
  readonly label: string;
  readonly actorRole?: string;
  readonly at: string;
  readonly data?: Record<string, unknown>;
  readonly documents?: readonly (string | { readonly id: string })[];
}

export interface DocumentInfo {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
  readonly uploadedByRole?: string;
}

export interface ActionInfo {
  readonly event: string;
  readonly label: string;
  readonly form?: string;
  readonly roles: readonly string[];
}

export interface CaseView {
  readonly id: string;
  readonly reference: string;
  readonly procedure: string;
  readonly version: string;
  readonly caseVersion: number;
  readonly state: StateInfo;
  readonly phases: readonly {
    readonly id: string;
    readonly label: string;
    readonly status: 'done' | 'current' | 'todo';
  }[];
  readonly myRoles: readonly string[];
  readonly actions: readonly ActionInfo[];
  readonly deadlines: readonly Deadline[];
  readonly timeline: readonly TimelineEntry[];
  readonly documents: readonly DocumentInfo[];
  readonly participants: readonly { readonly role: string; readonly name: string }[];
  readonly facts: Readonly<Record<string, unknown>>;
  readonly draft?: { readonly data: unknown; readonly savedAt: string };
}

/** What an accepted event answers; the case view is then read at `view`. */
export interface EventAnswer {
  readonly id: string;
  readonly caseVersion: number;
  readonly state: { readonly id: string; readonly label: string; readonly final: boolean };
  readonly event: {
    readonly seq: number;
    readonly event: string;
    readonly at: string;
    readonly hash: string;
  };
  readonly view: string;
}

export interface UploadedDocument {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

export interface Stats {
  readonly cases: number;
  /** Cases that reached a final state. */
  readonly closed?: number;
  /** Shares (0–1) of closed cases; null while no case is closed. */
  readonly settledAmicably: number | null;
  readonly timeToDecision: {
    readonly decided?: number;
    readonly medianDays: number | null;
    readonly p90Days: number | null;
    readonly targetDays: number | null;
    /** The target said in words ("2 mois"). */
    readonly target?: string;
  };
  readonly referralRate: number | null;
  readonly astreinteShare: number | null;
  readonly bankExecutions: number;
  readonly byState:
    | Readonly<Record<string, number>>
    | readonly { readonly state: string; readonly count: number }[];
}

export interface Problem {
  readonly field: string;
  readonly message: string;
}

/** A document kind of the procedure, as the procedure view may list it (uploads allowed when `upload` is set). */
export interface DocumentKindInfo {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly visibleTo?: readonly string[];
  readonly upload?: {
    readonly types: readonly string[];
    readonly maxSize?: number;
    readonly maxSizeText?: string;
  };
}
