import { describe, expect, it } from 'vitest';
import { devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import {
  actionLabel,
  caseView,
  expectCaseState,
  expectNoAxeViolation,
  field,
  getJson,
  openAction,
  submitAction,
} from './web-pages.ts';

const web = setUpWebStack({ spec: 'test/fixtures/procedures' });

interface View {
  title: string;
  states: { id: string; label: string; help?: string | null }[];
}

describe('a second procedure', () => {
  it('renders its own pages and form from its spec', async () => {
    const url = web.server.url;
    const spec = (await (await fetch(`${url}/api/procedures/mediation/1.0.0`)).json()) as View;

    const neighbour = await web.browser.newContext({ locale: 'fr-FR' });
    const outside = recordRequests(neighbour).outside;
    await devLogin(neighbour, url, 'requerant_voisin');
    const n = await neighbour.newPage();
    await n.goto(`${url}/`);
    await n.getByRole('heading', { name: spec.title }).waitFor();
    await n.getByRole('link', { name: 'Comment se déroule la procédure' }).click();
    await n.getByRole('heading', { level: 1, name: spec.title }).waitFor();
    await expectNoAxeViolation(n, 'la présentation de la seconde procédure');
    await n.getByRole('link', { name: 'Commencer ma demande' }).click();
    // No form to fill for this role at the start: the case page says what happens next.
    await n.waitForURL(/\/affaires\/[^/]+$/);
    const caseId = n.url().split('/').at(-1) as string;
    const opened = spec.states.find((s) => s.id === 'ouverte');
    await expectCaseState(n, url, caseId, opened?.label ?? '');
    await n.getByText(opened?.help as string).waitFor();
    await expectNoAxeViolation(n, 'le tableau de bord de la seconde procédure');

    const mediator = await web.browser.newContext({ locale: 'fr-FR' });
    await devLogin(mediator, url, 'mediateur');
    const m = await mediator.newPage();
    await m.goto(`${url}/bureau`);
    await m
      .getByRole('link', { name: (await caseView(mediator, url, caseId)).reference })
      .first()
      .waitFor();
    const agree = await actionLabel(mediator, url, caseId, 'constater_accord');
    await openAction(m, url, caseId, agree);
    const form = await getJson<{ title: string; schema: { properties: { termes: { title: string } } } }>(
      mediator,
      `${url}/api/procedures/mediation/1.0.0/forms/accord`,
    );
    await m.getByRole('heading', { level: 1, name: form.title }).waitFor();
    const terms = field(m, new RegExp(form.schema.properties.termes.title));
    await terms.fill('Trop court');
    await terms.fill('court');
    await m.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await m.getByText('Saisissez au moins 10 caractères.').first().waitFor();
    await expectNoAxeViolation(m, 'le formulaire de la seconde procédure en erreur');
    await terms.fill('Les haies mitoyennes seront taillées chaque année en mars, à frais partagés.');
    await submitAction(m, agree);
    const done = spec.states.find((s) => s.id === 'close_accord');
    await expectCaseState(n, url, caseId, done?.label ?? '');
    expect(outside()).toEqual([]);
  }, 120_000);
});
