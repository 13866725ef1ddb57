/**
 * Page-level moves the browser tests share: filling DSFR controls the way a
 * person does (clicking labels, typing), reading what the server says a case
 * or procedure is, so tests name spec ids rather than French labels.
 */
import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations } from './web-helpers.ts';

export interface CaseView {
  id: string;
  reference: string;
  caseVersion: number;
  state: { id: string; label: string };
  actions: { event: string; label: string; form?: string | null }[];
  deadlines: { id: string; label: string; due: string; dueAt: string; daysLeft: number }[];
  documents: { id: string; kind: string; label: string; filename: string }[];
}

export interface ProcedureView {
  states: { id: string; label: string }[];
}

export async function getJson<T>(context: BrowserContext, url: string): Promise<T> {
  const res = await context.request.get(url);
  if (!res.ok()) throw new Error(`${url} : ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export const caseView = (context: BrowserContext, url: string, id: string) =>
  getJson<CaseView>(context, `${url}/api/cases/${id}`);

/** Label of the action `event` as the context's user sees it on the case. */
export async function actionLabel(
  context: BrowserContext,
  url: string,
  id: string,
  event: string,
): Promise<string> {
  const view = await caseView(context, url, id);
  const a = view.actions.find((x) => x.event === event);
  if (!a)
    throw new Error(
      `action ${event} absente (état ${view.state.id}, actions ${view.actions.map((x) => x.event)})`,
    );
  return a.label;
}

/** Clicks the label of option `option` in the radio or checkbox group named `group`. */
export async function choose(page: Page, group: RegExp | string, option: RegExp | string): Promise<void> {
  await page.getByRole('group', { name: group }).locator('label', { hasText: option }).first().click();
}

/** Clicks the label of the checkbox named `name`. */
export async function tick(page: Page, name: RegExp | string): Promise<void> {
  await page.locator('label', { hasText: name }).first().click();
}

export const field = (page: Page, label: RegExp): Locator => page.getByLabel(label).first();

export async function expectNoAxeViolation(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), `axe-core sur ${where}`).toEqual([]);
}

/** Waits for the page's h1 (the app renders after its data arrives). */
export async function pageTitle(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

/** Opens the case page and waits until its state badge reads `label` (textContent: the badge is upper-cased by CSS). */
export async function expectCaseState(page: Page, url: string, caseId: string, label: string): Promise<void> {
  await page.goto(`${url}/affaires/${caseId}`);
  await expect
    .poll(async () => (await page.getByTestId('etat-affaire').textContent())?.trim(), { timeout: 10_000 })
    .toBe(label);
}

/** Opens an action from the case page, as a person would: the link with the action's label. */
export async function openAction(page: Page, url: string, caseId: string, label: string): Promise<void> {
  await page.goto(`${url}/affaires/${caseId}`);
  await page.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** A form's last button leads to "Vérifiez vos réponses"; its own button (the action's label) sends. */
export async function reviewAndSend(page: Page, button: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
  await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
  // Exact: "Modifier : <section>" may contain the action's words.
  await page.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
}

/** Sends the form (through its review) or confirms the action, then waits for the case page. */
export async function submitAction(page: Page, button: string | RegExp): Promise<void> {
  const review = page.getByRole('button', { name: 'Vérifier mes réponses' });
  if (await review.isVisible()) await reviewAndSend(page, button);
  else await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
  await page.getByTestId('etat-affaire').waitFor();
}

/**
 * Opens the eligibility page and waits for the web app to take over the server-rendered questionnaire
 * (the JavaScript-off form, `form[data-greffe-serveur]`). What is typed before that is carried over
 * (web-eligibility-takeover tests it); the tests here drive the app's own controls, and an action on a
 * server field that the app replaces mid-way would act on a detached element.
 */
export async function openEligibility(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('form.greffe-form').first().waitFor({ timeout: 20_000 });
  // Replaced, not beside it: the server's form is gone once the app's is there.
  await page.locator('form[data-greffe-serveur]').waitFor({ state: 'detached', timeout: 20_000 });
}
