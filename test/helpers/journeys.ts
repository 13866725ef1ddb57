/** Drives a drafter-written journey (tests/*.yaml) over HTTP: each step as the sample user of its role. */
import { expect } from 'vitest';
import type { Journey, Procedure } from '../../spec/index.ts';
import type { Api, View } from './api.ts';
import type { TestServer } from './server.ts';

/** Sample users logged in once per role (dev mode: the sample user's id is the role id). */
export class Cast {
  readonly #apis = new Map<string, Api>();
  constructor(readonly t: TestServer) {}
  async as(role: string): Promise<Api> {
    let api = this.#apis.get(role);
    if (!api) {
      api = await this.t.as(role);
      this.#apis.set(role, api);
    }
    return api;
  }
}

/** Opens the case as the first step's actor and plays every step; returns the last view. */
export async function playJourney(cast: Cast, p: Procedure, j: Journey): Promise<View> {
  const first = j.steps.find((s) => s.as);
  const opener = await cast.as(first?.as ?? '');
  let view = await opener.open(p.id, { version: p.version, ...(j.start && { initial: j.start }) });
  const at = (line: number) => `${j.name} (${j.loc.file}:${line})`;
  for (const step of j.steps) {
    if (step.wait) {
      const r = await opener.post('/api/dev/clock', { advance: step.wait });
      expect(r.status, at(step.loc.line)).toBe(200);
    } else if (step.event && step.as) {
      const api = await cast.as(step.as);
      const r = await api.fire(view.id, step.event, { ...(step.data ?? {}) });
      if (step.expectRefusal)
        expect((r.body as { error?: { code?: string } }).error?.code, at(step.loc.line)).toBe(
          step.expectRefusal,
        );
      else expect(r.status, `${at(step.loc.line)} : ${step.event} → ${JSON.stringify(r.body)}`).toBe(200);
    }
    view = (await opener.view(view.id)).body;
    if (step.expectState) expect(view.state.id, at(step.loc.line)).toBe(step.expectState);
  }
  expect(view.state.id, at(j.loc.line)).toBe(j.expect.state);
  if (j.expect.deadlines)
    expect(view.deadlines.map((d) => d.id).sort(), at(j.loc.line)).toEqual([...j.expect.deadlines].sort());
  return view;
}
