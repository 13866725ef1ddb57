/** Drives a drafter-written journey (tests/*.yaml) over HTTP: each step as the sample user of its role. */
import { expect } from 'vitest';
import type { Journey, Procedure } from '../../spec/index.ts';
import { mailFolder } from '../../runtime/connectors/mail/mailer.ts';
import { signingActs } from '../../runtime/service/protocol-signature.ts';
import { Api, type View } from './api.ts';
import { mailedSignatureCode } from './mail.ts';
import type { TestServer } from './server.ts';

/** Sample users logged in once per role (dev mode: the sample user's id is the role id). */
export class Cast<T extends Pick<TestServer, 'as'> = TestServer> {
  readonly #apis = new Map<string, Api>();
  constructor(readonly t: T) {}

  /** The cast of a server started otherwise (`startServer`): each role signs in once, by the dev login. */
  static at(url: string): Cast<Pick<TestServer, 'as'>> {
    return new Cast({
      as: async (role: string) => {
        const api = new Api(url);
        await api.login(role);
        return api;
      },
    });
  }

  async as(role: string): Promise<Api> {
    let api = this.#apis.get(role);
    if (!api) {
      api = await this.t.as(role);
      this.#apis.set(role, api);
    }
    return api;
  }
}

/**
 * Asks the platform for a signature code as `role`'s sample person and reads it from the .eml the
 * server wrote (development mode: the sample person's reserved address).
 */
export async function signatureCodeFor(t: TestServer, api: Api, caseId: string): Promise<string> {
  const r = await api.post<{ destinataire: string }>(`/api/cases/${caseId}/signature/code`, {
    canal: 'courriel',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return mailedSignatureCode(mailFolder(t.dir), r.body.destinataire);
}

/** A running deadline as a scenario names it: `delai`, or `delai@partie` for a per-party instance. */
const deadlineKey = (d: View['deadlines'][number]) => (d.party ? `${d.id}@${d.party}` : d.id);

/**
 * Opens the case as the first step's actor (in the journey's court, if it names one) and plays every
 * step; after each, the development clock is set where it is, which runs the scheduler (a deadline an
 * act dated in the past opened expires at once, as in the engine's journeys). Returns the last view.
 */
export async function playJourney(cast: Cast, p: Procedure, j: Journey, startAt?: string): Promise<View> {
  const first = j.steps.find((s) => s.as);
  const opener = await cast.as(first?.as ?? '');
  // Acts dated in the scenario need the clock where the engine's journeys start it.
  if (startAt) expect((await opener.post('/api/dev/clock', { set: startAt })).status).toBe(200);
  let view = await opener.open(p.id, {
    version: p.version,
    ...(j.start && { initial: j.start }),
    ...(j.court && { court: j.court }),
  });
  const at = (line: number) => `${j.name} (${j.loc.file}:${line})`;
  const actors = new Set<string>();
  for (const step of j.steps) {
    if (step.wait) {
      const r = await opener.post('/api/dev/clock', { advance: step.wait });
      expect(r.status, at(step.loc.line)).toBe(200);
    } else if (step.event && step.as) {
      actors.add(step.as);
      const api = await cast.as(step.as);
      // A party's signature (runtime/service/protocol-signature.ts): with the code the platform mailed.
      const signs = signingActs(p, view.state.id, [step.as], step.event).length > 0;
      const signatureCode = signs ? await signatureCodeFor(cast.t, api, view.id) : undefined;
      const r = await api.fire(
        view.id,
        step.event,
        { ...(step.data ?? {}) },
        { ...(signatureCode && { signatureCode }) },
      );
      if (step.expectRefusal !== undefined) {
        // A refusal the journey expects: the stable code at the HTTP edge, the case unchanged.
        const error = (r.body as { error?: { code?: string; message?: string } }).error;
        expect(error?.code, `${at(step.loc.line)} : ${step.event} → ${JSON.stringify(r.body)}`).toBe(
          step.expectRefusal,
        );
        if (step.expectMessage !== undefined) expect(error?.message).toContain(step.expectMessage);
      } else expect(r.status, `${at(step.loc.line)} : ${step.event} → ${JSON.stringify(r.body)}`).toBe(200);
      const now = await opener.get<{ now: string }>('/api/dev/clock');
      expect((await opener.post('/api/dev/clock', { set: now.body.now })).status).toBe(200);
    }
    view = (await opener.view(view.id)).body;
    if (step.expectState) expect(view.state.id, at(step.loc.line)).toBe(step.expectState);
  }
  expect(view.state.id, at(j.loc.line)).toBe(j.expect.state);
  if (j.expect.deadlines) {
    // Each party sees its own per-party instances: the running deadlines are those some actor sees.
    const seen = new Set(view.deadlines.map(deadlineKey));
    for (const role of actors) {
      const v = await (await cast.as(role)).view(view.id);
      for (const d of v.body.deadlines) seen.add(deadlineKey(d));
    }
    expect([...seen].sort(), at(j.loc.line)).toEqual([...j.expect.deadlines].sort());
  }
  return view;
}
