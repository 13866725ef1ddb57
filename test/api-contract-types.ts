/**
 * Compile-time half of the API contract: `tsc` fails when what a handler
 * returns no longer fits the type the web app receives (generated from the
 * OpenAPI document: forms/web/src/lib/api-schema.gen.ts). The run-time half,
 * test/api-contract.test.ts, validates real answers against the same schemas.
 */
import type * as Api from '../forms/web/src/lib/api-schema.gen.ts';
import type { EligibilityOutput, ReferralOutput } from '../rules/index.ts';
import type { formView, procedureListing, procedureView } from '../runtime/api/procedure-view.ts';
import type { CourtSearch } from '../runtime/courts/finder.ts';
import type { CaseView } from '../runtime/service/case-view.ts';
import type { uploadDocument } from '../runtime/service/documents.ts';
import type { saveDraft } from '../runtime/service/drafts.ts';
import type { EventAnswer } from '../runtime/service/fire-event.ts';
import type { CaseSummary } from '../runtime/service/list-cases.ts';
import type { computeStats } from '../runtime/service/stats.ts';
import type { videoLink } from '../runtime/connectors/video/jitsi.ts';

/** Compiles only when `Server` (what a handler returns) is assignable to `Web` (what the web app reads). */
type Fits<Server extends Web, Web> = [Server, Web];

export type ApiContract = [
  Fits<ReturnType<typeof procedureListing>, Api.ProcedureSummary>,
  Fits<ReturnType<typeof procedureView>, Api.ProcedureView>,
  Fits<ReturnType<typeof formView>, Api.FormView>,
  Fits<EligibilityOutput, Api.EligibilityResult>,
  Fits<ReferralOutput, Api.ReferralResult>,
  Fits<CourtSearch, Api.CourtSearch>,
  Fits<CaseSummary, Api.CaseSummary>,
  Fits<CaseView, Api.CaseView>,
  Fits<EventAnswer, Api.EventAnswer>,
  Fits<ReturnType<typeof videoLink>, Api.VideoLink>,
  Fits<Awaited<ReturnType<typeof saveDraft>>, Api.DraftSaved>,
  Fits<Awaited<ReturnType<typeof uploadDocument>>, Api.UploadedDocument>,
  Fits<Awaited<ReturnType<typeof computeStats>>, Api.Stats>,
];
