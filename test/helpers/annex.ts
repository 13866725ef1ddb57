/** Form data and steps shared by the annex's end-to-end tests (petits-litiges 1.0.0). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Cast } from './journeys.ts';

export const ANNEX = 'spec/procedures/petits-litiges/1.0.0';

/**
 * What a step of a version's first journey sends (its tests/parcours.yaml): the tests file the spec's
 * own sample case rather than a copy of it that could drift from the spec.
 */
export function journeyStep(version: string, event: string): Record<string, unknown> {
  const file = join(dirname(ANNEX), version, 'tests', 'parcours.yaml');
  const journeys = (parse(readFileSync(file, 'utf8')) as { journeys: Journey[] }).journeys;
  const step = journeys[0]?.steps.find((s) => s.event === event);
  if (!step?.data)
    throw new Error(`${file} : le premier parcours n’a pas d’étape « ${event} » avec des données.`);
  return structuredClone(step.data);
}

interface Journey {
  steps: { event: string; data?: Record<string, unknown> }[];
}

/** A consumer's claim of 800 EUR, eligible, defendant's e-mail known, consent to electronic service. */
export function filing(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...journeyStep('1.0.0', 'deposer_demande'), ...over };
}

/** The defendant's partial contest of 600 EUR of it. */
export const DEFENCE = journeyStep('1.0.0', 'deposer_defense');

/** Files a claim and takes it to the conciliation phase; returns the case id. */
export async function toConciliation(cast: Cast, over: Record<string, unknown> = {}): Promise<string> {
  const demandeur = await cast.as('demandeur');
  const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
  await demandeur.ok(opened.id, 'deposer_demande', filing(over));
  await (await cast.as('greffe')).ok(opened.id, 'convoquer_defendeur');
  const defendeur = await cast.as('defendeur');
  await defendeur.ok(opened.id, 's_identifier', {
    moyen_identification: 'franceconnect',
    courriel: 'gerant@boutique-electro.example',
    consentement_signification_electronique: true,
  });
  await defendeur.ok(opened.id, 'deposer_defense', DEFENCE);
  await (await cast.as('juge')).ok(opened.id, 'orienter', { orientation: 'en_ligne' });
  return opened.id;
}
