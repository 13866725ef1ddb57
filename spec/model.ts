/**
 * The resolved procedure model: what engines accept. Plain, frozen data;
 * every node knows where it was written (`loc`). Built by `loadProcedure`.
 */

/** A position in a spec file (1-based line and column). */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Prose and provenance shared by every item of a spec. */
export interface Documented {
  readonly label: string;
  readonly description?: string;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
  /** Drafter-written legal sentence replacing the generated one. */
  readonly textFr?: string;
  readonly loc: Loc;
}

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export interface ListItem {
  readonly id: string;
  readonly label?: string;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
}

export type TableRow = Readonly<Record<string, string | number | boolean>> & { readonly id: string };

export type ParameterValue =
  | { readonly type: 'money'; readonly value: Money }
  | { readonly type: 'duration'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'list'; readonly value: readonly ListItem[] }
  | { readonly type: 'table'; readonly value: readonly TableRow[] };

export type ParameterType = ParameterValue['type'];

export type Parameter = Documented &
  ParameterValue & {
    readonly id: string;
    readonly unit?: string;
  };

export type RoleKind = 'partie' | 'juridiction' | 'auxiliaire' | 'representant';

export interface IdentificationMethod {
  readonly id: string;
  readonly label: string;
  readonly connector?: string;
  readonly source?: string;
  readonly note?: string;
}

export interface Role extends Documented {
  readonly id: string;
  readonly kind: RoleKind;
  readonly represents: readonly string[];
  readonly optional: boolean;
  readonly identification: readonly IdentificationMethod[];
}

export interface Phase extends Documented {
  readonly id: string;
  /** 0-based position in the procedure's order of phases. */
  readonly order: number;
}

export type Outcome = 'accord' | 'jugement' | 'renvoi' | 'irrecevabilite' | 'desistement' | 'caducite';

export interface State extends Documented {
  readonly id: string;
  readonly phase: string;
  readonly initial: boolean;
  readonly final: boolean;
  readonly outcome?: Outcome;
  readonly help?: string;
}

/** A condition in json-rules-engine's shape; facts are form fields or recorded case facts. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly fact: string; readonly operator: string; readonly value: unknown; readonly path?: string };

export type Channel = 'plateforme' | 'courriel' | 'sms' | 'courrier';

export type Effect =
  | {
      readonly kind: 'start';
      readonly deadline: string;
      /** Per-party deadline: the party (role) against whom this instance runs (CPC art. 528). */
      readonly against?: string;
      /** Date field of the transition's form dating the act the time runs from (else: when the event is recorded). */
      readonly from?: string;
      /** Deadlines whose starting acts this act follows: its date may not be before theirs. */
      readonly after?: readonly string[];
      readonly loc: Loc;
    }
  | {
      readonly kind: 'stop';
      readonly deadline: string;
      /** Per-party deadline: stop only the instance running against this party (else every instance). */
      readonly against?: string;
      readonly loc: Loc;
    }
  | {
      readonly kind: 'notify';
      readonly roles: readonly string[];
      readonly channels: readonly Channel[];
      readonly message: string;
      readonly loc: Loc;
    }
  | { readonly kind: 'produce'; readonly document: string; readonly loc: Loc }
  | {
      readonly kind: 'call';
      readonly connector: string;
      readonly document?: string;
      readonly to: readonly string[];
      readonly loc: Loc;
    }
  | {
      readonly kind: 'record';
      readonly fact: string;
      /** Form field path, or a context fact (`requerant`: the actor's role); ignored when `value` is set. */
      readonly from: string;
      /** `value:` written in the spec: recorded as it is, whatever the form says. */
      readonly value?: string | number | boolean | null;
      readonly loc: Loc;
    };

export type DecisionKind = 'jugement' | 'ordonnance' | 'homologation' | 'administration_judiciaire';

/** Character of a judgment (CPC art. 473–474), computed by the reducer from how a party was summoned and whether he acted. */
export type JudgmentCharacter = 'contradictoire' | 'reputee_contradictoire' | 'par_defaut';

export const JUDGMENT_CHARACTERS: readonly JudgmentCharacter[] = [
  'contradictoire',
  'reputee_contradictoire',
  'par_defaut',
];

/** How the character of a judgment is computed and recorded (`decision.character`). */
export interface CharacterRule {
  /** The party whose appearance decides (the defendant). */
  readonly party: string;
  /** The fact the character is recorded under. */
  readonly fact: string;
  /** In last resort (no appeal): a party summoned other than to his person who never acted gets a judgment by default. */
  readonly lastResort: boolean;
  /** Deadline (six months, CPC art. 478) within which a default or deemed-contradictory judgment must be served to that party. */
  readonly voidUnlessServed?: string;
}

export interface Decision {
  readonly kind: DecisionKind;
  readonly against: readonly string[];
  /** Language v1: may the decision be challenged? A procedure that declares `remedies:` types them instead. */
  readonly appeal?: boolean;
  /** Typed remedies open against the decision (ids of `Procedure.remedies`); undefined in language v1. */
  readonly remedies?: readonly string[];
  readonly character?: CharacterRule;
  /**
   * Parties the decision is made against without their knowledge, never summoned (an order on
   * request, an injonction de payer): CPC art. 17 gives each an appropriate remedy, which the
   * decision must open to him (`ex-parte-without-remedy`).
   */
  readonly exParte?: readonly string[];
}

export type RemedyKind =
  | 'opposition'
  | 'appel'
  | 'pourvoi_cassation'
  | 'retractation'
  | 'revision'
  | 'rectification_erreur_materielle'
  | 'omission_statuer'
  | 'tierce_opposition';

/** The act that starts a remedy's time. `signification`: the service made to that party (CPC art. 528). */
export type RemedyStart =
  | 'signification'
  | 'notification'
  | 'prononce'
  | 'connaissance_cause'
  | 'force_chose_jugee';

/** A typed remedy (`remedies:`), cited by decisions; stated in every act of service (CPC art. 680). */
export interface Remedy extends Documented {
  readonly id: string;
  readonly kind: RemedyKind;
  /** Duration parameter: the time to exercise it; undefined when no time limits it. */
  readonly time?: string;
  /** The deadline the platform runs against each party served. */
  readonly deadline?: string;
  readonly startsOn: RemedyStart;
  readonly suspensive: boolean;
  readonly by: readonly string[];
  readonly thirdParties: boolean;
  /** Characters of the judgment it is open against; empty = all. */
  readonly characters: readonly JudgmentCharacter[];
  /** The court it is brought before. */
  readonly before: string;
  /** How to exercise it (stated in the act of service). */
  readonly exercise: string;
  readonly reopens?: string;
  readonly filedBy?: string;
  readonly decidedBy?: string;
  /** Fact true while the remedy is pending (recorded by the reducer). */
  readonly pending?: string;
}

/** A service act (`service:`): serves the decision that produced `document` to the parties `to`. */
export interface Service {
  readonly document: string;
  readonly to: readonly string[];
  /** Date field of the form dating the act (the remedies' time runs from it); else the day it is recorded. */
  readonly date?: string;
}

export interface Transition extends Documented {
  /** Position in the spec's list of transitions; unique. */
  readonly index: number;
  readonly event: string;
  /** Resolved source states (`*` expanded to every non-final state). */
  readonly from: readonly string[];
  /** True when written `from: "*"`. */
  readonly fromAny: boolean;
  /** Target state; for a `stay` transition, the empty string (the case stays in its state: see `targetOf`). */
  readonly to: string;
  /**
   * `stay: true`: a request, or a decider's refusal of one, that leaves the case in the state it
   * was in (any of `from`), instead of moving it to `to`.
   */
  readonly stay: boolean;
  readonly roles: readonly string[];
  readonly automatic: boolean;
  readonly form?: string;
  readonly guard: readonly string[];
  /** Rule sets that, satisfied, forbid the transition (`guard_unless:`): e.g. refusing a referral that is of right. */
  readonly guardUnless: readonly string[];
  readonly when?: Condition;
  readonly summons: readonly string[];
  readonly hears: readonly string[];
  readonly decision?: Decision;
  /** The summons reaches the party in person (CPC art. 654): always, or when this condition on the act's return holds. */
  readonly summonsInPerson?: boolean | Condition;
  readonly service?: Service;
  /** A party's filing: the others are notified and get this answer deadline before any decision (CPC art. 15–16). */
  readonly filing?: { readonly answer: string };
  /**
   * Why this party's act, followed by a judicial decision, is no filing the others answer: the
   * drafter's stated reason (`filing_exempt:`), checked by `filing-undeclared` (spec/check-filing-declared.ts).
   */
  readonly filingExempt?: string;
  /** Deadlines that must have run out (or been stopped) before the transition may fire. */
  readonly after: readonly string[];
  /** Roles that see the event and its data; empty means every role of the case. */
  readonly visibleTo: readonly string[];
  readonly effects: readonly Effect[];
}

export interface Reminder {
  /** Name of a duration parameter. */
  readonly before: string;
  readonly roles: readonly string[];
  readonly channels: readonly Channel[];
  readonly message?: string;
  readonly loc: Loc;
}

export interface Deadline extends Documented {
  readonly id: string;
  /** Name of a duration parameter. */
  readonly duration: string;
  readonly onExpiry: {
    readonly event?: string;
    readonly alert: readonly string[];
    readonly message?: string;
  };
  readonly reminders: readonly Reminder[];
  /**
   * `per_party: true`: the deadline runs separately against each party, one
   * instance per `start: { against }`; each expires alone (alerts to its
   * party), and `on_expiry.event` fires when the last instance expires.
   */
  readonly perParty?: boolean;
  /**
   * `distance: true`: the délais de distance apply (CPC art. 643–644): against
   * a party living overseas or abroad (fact `residence_<party>`), the deadline
   * grows by one or two months. Only on a deadline that runs against a party.
   */
  readonly distance?: { readonly loc: Loc };
}

export type UploadType = 'pdf' | 'image' | 'audio' | 'video';

export interface DocumentKind extends Documented {
  readonly id: string;
  readonly visibleTo: readonly string[];
  readonly upload?: { readonly types: readonly UploadType[]; readonly maxSize?: string };
}

/** A JSON Schema object, as written by the drafter (2020-12). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface Form {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly help?: string;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
  readonly schema: JsonSchema;
  readonly uischema: Readonly<Record<string, unknown>>;
  readonly glossary: Readonly<Record<string, string>>;
  readonly loc: Loc;
}

/** A rule condition: json-rules-engine's shape, values may be `{ param }` or `{ fact }` references. */
export type RuleCondition =
  | { readonly all: readonly RuleCondition[] }
  | { readonly any: readonly RuleCondition[] }
  | { readonly not: RuleCondition }
  | {
      readonly fact: string;
      readonly operator: string;
      readonly value: unknown;
    };

export interface Rule {
  readonly id: string;
  readonly label?: string;
  readonly conditions: RuleCondition;
  readonly explanation: string;
  readonly failure?: string;
  readonly basis: string;
  readonly source?: string;
  readonly note?: string;
  readonly textFr?: string;
  readonly loc: Loc;
}

export interface RuleSet {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
  readonly facts: readonly string[];
  readonly combine: 'all' | 'any';
  readonly outcomes: {
    readonly satisfied: string | boolean;
    readonly unsatisfied: string | boolean;
    readonly unsatisfiedText?: string;
  };
  readonly rules: readonly Rule[];
  readonly loc: Loc;
}

export interface Rules {
  /** JSON Schema of each fact, keyed by fact name. */
  readonly facts: Readonly<Record<string, JsonSchema>>;
  /**
   * Roles that establish a fact (`established_by:` in rules.yaml), by fact name; a fact not
   * listed may be given by any form. A form of another role can neither set nor replace it.
   */
  readonly establishedBy: Readonly<Record<string, readonly string[]>>;
  readonly rulesets: Readonly<Record<string, RuleSet>>;
}

export interface DecisionCase {
  readonly name: string;
  readonly source?: string;
  readonly ruleset: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly expect: {
    readonly outcome: string | boolean;
    readonly reasons?: readonly string[];
    readonly invalid?: readonly string[];
  };
  readonly loc: Loc;
}

export interface JourneyStep {
  readonly event?: string;
  readonly as?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly wait?: string;
  readonly expectState?: string;
  /** The event must be refused with this code (e.g. INVALID_STATE, ACT_DATE_IN_FUTURE); the case stays as it was. */
  readonly expectRefusal?: string;
  /** Text the refusal's message must contain (`expect_message:`, with `expect_refusal:`). */
  readonly expectMessage?: string;
  readonly loc: Loc;
}

export interface Journey {
  readonly name: string;
  readonly source?: string;
  readonly start?: string;
  /** The court the case is filed with (runtime/identity/courts.ts): its calendar under `calendar: juridiction`. */
  readonly court?: string;
  readonly steps: readonly JourneyStep[];
  readonly expect: {
    readonly state: string;
    readonly deadlines?: readonly string[];
    readonly documents?: readonly string[];
    /** Facts the case must hold at the end, by name. */
    readonly facts?: Readonly<Record<string, unknown>>;
  };
  readonly loc: Loc;
}

export interface ScenarioFile {
  readonly file: string;
  readonly description?: string;
  readonly decisions: readonly DecisionCase[];
  readonly journeys: readonly Journey[];
}

/**
 * Which rule set makes each of greffe's two public decisions (`decided_by:`):
 * generic code finds them here, never by a rule set's name.
 */
export interface DecidedBy {
  /** Rule set deciding eligibility: satisfied = eligible. */
  readonly eligibility?: string;
  /** Rule set deciding mandatory referral: satisfied = mandatory, else the judge decides. */
  readonly referral?: string;
}

/** What the statistics of the procedure's objectives measure (`objectives:`); each part is optional. */
export interface Objectives {
  /** Time to decision: from filing to the last decision of kind `until`; target = the deadline's duration. */
  readonly timeToDecision?: { readonly until: DecisionKind; readonly target: string; readonly loc: Loc };
  /** A decision carries an astreinte when one of these fields (its data, or the case's facts) is true. */
  readonly astreinte?: { readonly fields: readonly string[]; readonly loc: Loc };
  /** Each call of one of these connectors is an execution at the debtor's bank. */
  readonly bankExecution?: { readonly connectors: readonly string[]; readonly loc: Loc };
}

/** The state `t` leads to from `state`: its `to`, or `state` itself for a `stay` transition. */
export function targetOf(t: Pick<Transition, 'to' | 'stay'>, state: string): string {
  return t.stay ? state : t.to;
}

/** The states `t` may lead to: `[to]`, or each of its `from` states for a `stay` transition. */
export function targetsOf(t: Pick<Transition, 'to' | 'stay' | 'from'>): readonly string[] {
  return t.stay ? t.from : [t.to];
}

/**
 * The roles that establish `fact` when `role` may not: undefined when `role` may give it (no
 * `established_by:`, or `role` is among them). `role` null is the system (a deadline's expiry).
 */
export function factOwnedByOthers(
  rules: Rules,
  fact: string,
  role: string | null,
): readonly string[] | undefined {
  const owners = Object.hasOwn(rules.establishedBy, fact) ? rules.establishedBy[fact] : undefined;
  if (!owners || role === null || owners.includes(role)) return undefined;
  return owners;
}

/** A loaded, checked, frozen procedure version. */
/**
 * What becomes of the open cases of an earlier version (`transitional:`):
 * they stay on it (`stay`, the default when nothing is written), or move to
 * this version (`move`) by the state and fact maps below (spec/transitional.ts
 * checks them, runtime/engine/migration.ts applies them).
 */
export interface TransitionalProvision {
  readonly from: string;
  readonly cases: 'stay' | 'move';
  /** Open state of `from` → state of this version. */
  readonly states: Readonly<Record<string, string>>;
  /** Fact of `from` → its name in this version. */
  readonly rename: Readonly<Record<string, string>>;
  /** Value given to a fact the case lacks once renamed. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
  readonly loc: Loc;
}

export interface Procedure {
  readonly id: string;
  readonly version: string;
  readonly status: 'draft' | 'published';
  readonly effective: string;
  readonly title: string;
  readonly shortTitle?: string;
  /** A calendar id (spec/vocabulary.ts CALENDARS), or `juridiction`: the calendar of the case's court. */
  readonly calendar: string;
  /**
   * How the legal text is written (`text_edition:`): 1, the text as the
   * versions published up to 1.1.0 were generated (their published text does
   * not change when the generator improves); 2, conditions in the words of the
   * law (a field's `title_legal`), acts differing only by party or channel as
   * one paragraph, and the drafting checker's paragraph comparisons.
   */
  readonly textEdition: 1 | 2;
  /**
   * How long a case's personal data is kept after it closes (ISO 8601 duration)
   * and on what legal basis; at its end the case's key is destroyed
   * (crypto-shredding). Absent: the data is kept (versions before 1.1.0).
   */
  readonly retention?: { readonly duration: string; readonly basis: string; readonly note?: string };
  readonly summary?: string;
  readonly source?: string;
  readonly basis?: string;
  readonly note?: string;
  readonly textFr?: string;
  /** The version folder the procedure was loaded from. */
  readonly dir: string;
  readonly parameters: Readonly<Record<string, Parameter>>;
  readonly roles: Readonly<Record<string, Role>>;
  readonly phases: Readonly<Record<string, Phase>>;
  readonly states: Readonly<Record<string, State>>;
  readonly transitions: readonly Transition[];
  readonly deadlines: Readonly<Record<string, Deadline>>;
  /** Typed remedies (language v2); empty in language v1. */
  readonly remedies: Readonly<Record<string, Remedy>>;
  readonly documents: Readonly<Record<string, DocumentKind>>;
  readonly forms: Readonly<Record<string, Form>>;
  readonly rules: Rules;
  readonly decidedBy: DecidedBy;
  readonly objectives: Objectives;
  readonly tests: readonly ScenarioFile[];
  /** Transitional provisions (`transitional:`): what becomes of the open cases of earlier versions. */
  readonly transitional?: readonly TransitionalProvision[];
  readonly loc: Loc;
}

/** Language v2: the procedure declares typed remedies (its decisions cite them; `appeal` and timer hearings are refused). */
export function isLanguageV2(p: Pick<Procedure, 'remedies'>): boolean {
  return Object.keys(p.remedies).length > 0;
}
