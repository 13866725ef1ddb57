/** Starting a claim: create the case, carry the eligibility answers into the filing draft, open the form. */
import { api } from './api.ts';
import type { CaseView } from './api-schema.gen.ts';
import { navigate } from './router.ts';

/** What a filing draft holds: the form it belongs to, the answers, the step reached. */
export interface DraftData {
  readonly event: string;
  readonly values: unknown;
  readonly step: number;
}

export const isDraftData = (d: unknown): d is DraftData =>
  typeof d === 'object' && d !== null && typeof (d as DraftData).event === 'string' && 'values' in d;

const answersKey = (id: string, version: string) => `greffe:eligibilite:${id}:${version}`;

/** Keeps the questionnaire's answers for the filing form, in this browser tab only. */
export function rememberAnswers(id: string, version: string, answers: unknown): void {
  try {
    sessionStorage.setItem(answersKey(id, version), JSON.stringify(answers));
  } catch (e: unknown) {
    console.warn('Réponses non conservées', e);
  }
}

export function recallAnswers(id: string, version: string): Record<string, unknown> | undefined {
  try {
    const raw = sessionStorage.getItem(answersKey(id, version));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  } catch (e: unknown) {
    console.warn('Réponses illisibles', e);
    return undefined;
  }
}

/**
 * The answers the questionnaire without JavaScript sends on in the address (`?reponses=` + JSON, from
 * runtime/api/eligibility-page.ts): kept as the app's own, for the filing form. True when there were some.
 */
export function rememberAnswersFromQuery(id: string, version: string, search: string): boolean {
  const raw = new URLSearchParams(search).get('reponses');
  if (raw === null) return false;
  let answers: unknown;
  try {
    answers = JSON.parse(raw);
  } catch (e: unknown) {
    console.warn('Réponses de l’adresse illisibles', e);
    return false;
  }
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return false;
  rememberAnswers(id, version, answers);
  return true;
}

/** The first action of a new case that takes a form: the filing (none: the case page says what comes next). */
export const filingAction = (c: CaseView) => c.actions.find((a) => a.form);

/** Creates the case and opens its filing form, pre-filled with the eligibility answers. */
export async function startFiling(id: string, version: string): Promise<void> {
  const created = await api.createCase(id, version);
  const action = filingAction(created);
  if (!action) {
    navigate(`/affaires/${created.id}`, { replace: true });
    return;
  }
  const answers = recallAnswers(id, version);
  if (answers) {
    const draft: DraftData = { event: action.event, values: answers, step: 0 };
    await api.saveDraft(created.id, draft);
  }
  navigate(`/affaires/${created.id}/actions/${action.event}`, { replace: true });
}
