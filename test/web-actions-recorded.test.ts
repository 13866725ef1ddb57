/**
 * Every action offered is what will be recorded (issue 15, point 3): an
 * event whose outcome the answers choose is offered under its form's title,
 * not the first outcome's label; the review names the transition the reducer
 * takes with these answers (its label on the button, the state reached), and
 * the history records exactly that. An event settled by recorded facts is
 * offered under the label of the transition it will take.
 */
import { describe, expect, it } from 'vitest';
import { DEFENCE, filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { caseView, choose, expectNoAxeViolation, field, getJson } from './web-pages.ts';

const web = setUpWebStack();

const open = (user: string) => openAs(web, user);

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

interface Spec {
  transitions: { event: string; label: string; from: string[]; to: string }[];
  states: { id: string; label: string }[];
}

describe('the actions offered and what they record', () => {
  it('offers the summons the recorded facts choose, and an orientation under its form’s title, recording the outcome the answers choose', async () => {
    const url = web.server.url;
    const spec = (await (await fetch(`${url}/api/procedures/petits-litiges/1.0.0`)).json()) as Spec;
    const claimant = await as('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    await claimant.ok(
      opened.id,
      'deposer_demande',
      filing({ courriel_defendeur_connu: false, courriel_defendeur: undefined }),
    );

    // The defendant's e-mail is unknown: the registry is offered the summons by letter, and that is recorded.
    const registry = await open('greffe');
    const letter = spec.transitions.find(
      (t) => t.event === 'convoquer_defendeur' && t.to === 'identification_lettre_simple',
    );
    await registry.page.goto(`${url}/affaires/${opened.id}`);
    await registry.page.getByRole('link', { name: letter?.label ?? '?' }).click();
    await registry.page.getByRole('button', { name: `Confirmer : ${letter?.label}` }).click();
    await registry.page.waitForURL(/\/affaires\/[^/]+$/);
    await registry.page.getByTestId('etat-affaire').waitFor();
    const timeline = await getJson<{ timeline: { kind: string; label: string }[] }>(
      registry.context,
      `${url}/api/cases/${opened.id}`,
    );
    expect(timeline.timeline.filter((e) => e.kind !== 'connecteur').at(-1)?.label).toBe(letter?.label);
    await registry.context.close();

    // A case with the defence filed: the judge chooses between the online procedure and a referral.
    const second = await claimant.open('petits-litiges', { version: '1.0.0' });
    await claimant.ok(second.id, 'deposer_demande', filing());
    await (await as('greffe')).ok(second.id, 'convoquer_defendeur');
    const defendant = await as('defendeur');
    await defendant.ok(second.id, 's_identifier', {
      moyen_identification: 'franceconnect',
      courriel: 'gerant@boutique-electro.example',
      consentement_signification_electronique: true,
    });
    await defendant.ok(second.id, 'deposer_defense', DEFENCE);
    const judge = await open('juge');
    const j = judge.page;
    const form = await getJson<{ title: string }>(
      judge.context,
      `${url}/api/procedures/petits-litiges/1.0.0/forms/orientation`,
    );
    const outcomes = spec.transitions.filter((t) => t.event === 'orienter' && t.from.includes('orientation'));
    const offered = (await caseView(judge.context, url, second.id)).actions.find(
      (a) => a.event === 'orienter',
    );
    // Not the first outcome's label: the form's title, the answers choose.
    expect(offered?.label).toBe(form.title);
    for (const o of outcomes) expect(offered?.label).not.toBe(o.label);
    await j.goto(`${url}/affaires/${second.id}`);
    await j.getByRole('link', { name: form.title, exact: true }).click();
    await choose(j, /Procédure retenue/, /Renvoi devant la formation habituelle/);
    await field(j, /^Motifs/).fill('La défense soulève une question qui demande une audience.');
    await j.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    const referral = outcomes.find((t) => t.to === 'renvoi_formation_habituelle');
    const recorded = j.getByTestId('ce-qui-sera-enregistre');
    await expect.poll(() => recorded.textContent()).toContain(`Ce qui sera enregistré : ${referral?.label}`);
    const reached = spec.states.find((s) => s.id === referral?.to)?.label;
    expect(await recorded.textContent()).toContain(`« ${reached} »`);
    await expectNoAxeViolation(j, 'la vérification d’une décision');

    // « Modifier », the other answer: the review names the other outcome.
    await j.getByRole('button', { name: /^Modifier/ }).click();
    await choose(j, /Procédure retenue/, /Procédure en ligne/);
    await j.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    const online = outcomes.find((t) => t.to === 'conciliation');
    await expect.poll(() => recorded.textContent()).toContain(`Ce qui sera enregistré : ${online?.label}`);
    await j.getByRole('button', { name: /^Modifier/ }).click();
    await choose(j, /Procédure retenue/, /Renvoi devant la formation habituelle/);
    await j.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await expect.poll(() => recorded.textContent()).toContain(`Ce qui sera enregistré : ${referral?.label}`);
    await j.getByRole('button', { name: referral?.label ?? '?' }).click();
    await j.waitForURL(/\/affaires\/[^/]+$/);
    await j.getByTestId('etat-affaire').waitFor();
    const after = await getJson<{ state: { id: string }; timeline: { kind: string; label: string }[] }>(
      judge.context,
      `${url}/api/cases/${second.id}`,
    );
    expect(after.state.id).toBe(referral?.to);
    // The last act of the case (deliveries the outbox journals afterwards are `connecteur` items).
    expect(after.timeline.filter((e) => e.kind !== 'connecteur').at(-1)?.label).toBe(referral?.label);
    await judge.context.close();
  }, 120_000);
});
