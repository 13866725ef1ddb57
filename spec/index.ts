/** spec: the spec language — its schemas, model types, loader, checker and catalogue of versions. */
export { compareVersions, DEFAULT_SPEC_ROOT, listVersions, pickVersion } from './catalog.ts';
export type { VersionEntry } from './catalog.ts';
export {
  consequencesLine,
  diagnostic,
  foldDiagnostics,
  formatDiagnostic,
  formatFolded,
  hasErrors,
  refOf,
  sortDiagnostics,
} from './diagnostic.ts';
export type { Diagnostic, DiagnosticRef, FoldedDiagnostic, Severity } from './diagnostic.ts';
export { deadlinesRunningIn, factsNeededAt } from './case-flow.ts';
export { findProcedureDirs, loadProcedure, SourceCache } from './load.ts';
export type { LoadOptions, LoadResult } from './load.ts';
export type {
  Channel,
  CharacterRule,
  Condition,
  Deadline,
  DecidedBy,
  Decision,
  DecisionKind,
  DecisionCase,
  DocumentKind,
  Effect,
  Form,
  JsonSchema,
  Journey,
  JudgmentCharacter,
  Loc,
  Money,
  Objectives,
  Outcome,
  Parameter,
  Phase,
  Procedure,
  Remedy,
  RemedyKind,
  RemedyStart,
  Role,
  Rule,
  RuleCondition,
  RuleSet,
  Rules,
  ScenarioFile,
  State,
  Transition,
  TransitionalProvision,
} from './model.ts';
export { factOwnedByOthers, isLanguageV2, JUDGMENT_CHARACTERS, targetOf, targetsOf } from './model.ts';
export { characterFr, decisionRemedies, remedySentences, serviceStatement } from './remedies.ts';
export type { StatementOptions } from './remedies.ts';
export { createAjv, schemaFile } from './schema-check.ts';
export {
  BUILTIN_OPERATORS,
  CALENDARS,
  CONNECTORS,
  CONTEXT_FACTS,
  COURT_CALENDAR,
  CUSTOM_OPERATORS,
  OPERATORS,
} from './vocabulary.ts';
export {
  formatBytes,
  formatDate,
  MONTHS_FR,
  WEEKDAYS_FR,
  formatDuration,
  formatMoney,
  formatNumber,
  formatParameter,
  formatValue,
  joinFr,
  parseDuration,
  renderTemplate,
} from './format-fr.ts';
export type { DurationParts } from './format-fr.ts';
export {
  compileCondition,
  ConditionError,
  declaredTypes,
  enumValues,
  everyIn,
  jsonType,
  OPERATORS_TABLE,
  operator,
  parameterValue,
  schemaTypes,
  someIn,
  UNKNOWN_FACT,
} from './conditions/index.ts';
export type {
  AnyCondition,
  BuiltinOperatorName,
  CompileOptions,
  CompiledCondition,
  CustomOperatorName,
  Evaluation,
  Explanation,
  Facts,
  InvalidFact,
  JsonType,
  Leaf,
  LeafExplanation,
  OperatorName,
  OperatorSpec,
} from './conditions/index.ts';
export {
  ABROAD_MONTHS,
  isResidence,
  OVERSEAS_MONTHS,
  ofMonthsFr,
  OVERSEAS_TERRITORIES,
  RESIDENCES,
  residenceFact,
} from './distance.ts';
export type { OverseasTerritory, Residence, Seat } from './distance.ts';
