/** runtime: the generic case engine, its store, scheduler, connectors and HTTP API — knows no procedure by name. */
export { createApp } from './api/app.ts';
export type { AppOptions } from './api/app.ts';
export { openApiDocument } from './api/openapi.ts';
export { catalogOf, loadCatalog } from './catalog.ts';
export type { Catalog } from './catalog.ts';
export { availableActions, filingRole, initialStates, isCourtRole } from './engine/actions.ts';
export type { ActionSnapshot, AvailableAction } from './engine/actions.ts';
export { factsFor } from './engine/checks.ts';
export { dueExpiries, expiredWithoutEvent, expiryCommand } from './engine/expiry.ts';
export type { DueExpiry } from './engine/expiry.ts';
export { runJourney, runJourneys, simulatedCase } from './engine/journeys.ts';
export type { JourneyHooks } from './engine/journeys.ts';
export { scenarioCoverage, uncovered } from './engine/coverage.ts';
export type { Branch, ScenarioCoverage } from './engine/coverage.ts';
export { transition } from './engine/transition.ts';
export { canonicalJson, eventHash, sha256Hex } from './engine/hash.ts';
export type {
  Actor,
  CaseSnapshot,
  Command,
  DecidedEvent,
  EngineEffect,
  EngineError,
  FactRecord,
  GuardEvaluator,
  RunningDeadline,
  Transitioned,
  TransitionResult,
} from './engine/types.ts';
export { GreffeError } from './errors.ts';
export { startServer } from './server.ts';
export type { RunningServer, ServerOptions } from './server.ts';
export type { AuditReport, Finding } from './audit/verify.ts';
export { auditDatabase } from './audit/verify.ts';
export type { MigrationPlan } from './engine/migration.ts';
export { migrateCases, planCaseMigrations } from './service/migrate-cases.ts';
export type { CaseMigration } from './service/migrate-cases.ts';
export type { CaseStore } from './store/case-store.ts';
export { openSqliteAudit, openSqliteStore } from './store/sqlite-store.ts';
export { isPostgresUrl, openAuditSource, openCaseStore } from './store/open-any.ts';
