/**
 * GET /api/cases/:id/receipt: the filing receipt (runtime/acts/receipt.ts) of
 * a case as the caller may see it. None before the filing is recorded.
 */
import type { Caller } from '../access/policy.ts';
import { renderReceiptPdf } from '../acts/receipt.ts';
import { procedureOf } from '../catalog.ts';
import { courtById } from '../identity/courts.ts';
import { GreffeError } from '../errors.ts';
import { caseCalendar } from '../engine/instances.ts';
import { readCaseView } from './case-view.ts';
import type { Runtime } from './context.ts';

export async function filingReceipt(
  rt: Runtime,
  caller: Caller,
  caseId: string,
  platform: string,
): Promise<{ reference: string; pdf: Uint8Array }> {
  const view = await readCaseView(rt, caller, caseId);
  const p = procedureOf(rt.catalog, { procedureId: view.procedure, procedureVersion: view.version });
  // The filing is the case's first recorded transition (out of its initial state).
  const filed = view.timeline.find((t) => t.kind === 'transition');
  // A draft has no docket number; one withdrawn before filing never gets one: no receipt either.
  if (!filed?.data || !filed.event || view.reference === null)
    throw new GreffeError(
      404,
      'RECEIPT_NOT_AVAILABLE',
      'Aucun accusé de réception : la demande n’est pas encore déposée, ou vous ne pouvez pas la voir.',
    );
  const event = filed.event;
  const reference = view.reference;
  const pdf = await renderReceiptPdf(
    p,
    {
      reference,
      court: courtById(view.court)?.name ?? view.court,
      filed: { label: filed.label, at: filed.at, data: filed.data },
      formId: p.transitions.find((t) => t.event === event)?.form,
      stateLabel: view.state.label,
      help: view.state.help,
      documents: view.documents,
      deadlines: view.deadlines,
      platform,
    },
    // The court's calendar when the procedure counts with it (`calendar: juridiction`, annex 1.1.0).
    caseCalendar(p, view.court).timeZone,
  );
  return { reference, pdf };
}

/** The receipt's file name: accuse-reception-RG-27-00042.pdf. */
export const receiptFilename = (reference: string): string =>
  `accuse-reception-${reference.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '')}.pdf`;
