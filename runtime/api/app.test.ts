/**
 * The API's shape that keeps it fast: every route is one handler and no path
 * matches two routes, so hono answers without its middleware chain (app.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, localRuntime } from '../../test/helpers/runtime.ts';
import { createApi, isApiUrl } from './app.ts';

describe('API routes', () => {
  let local: LocalRuntime;
  beforeAll(async () => {
    local = await localRuntime();
  });
  afterAll(() => local.close());

  it('match one handler each, development routes included', () => {
    const api = createApi(local.rt, {
      dev: { clock: local.clock, afterClockMove: async () => ({ fired: 0, expired: 0, alerts: 0 }) },
    });
    expect(api.routes.length).toBeGreaterThan(15);
    for (const r of api.routes) {
      const path = r.path.replaceAll(/:[a-zA-Z]+/g, 'x1');
      const [matched] = api.router.match(r.method, path) as [unknown[]];
      expect(`${r.method} ${r.path}: ${matched.length}`).toBe(`${r.method} ${r.path}: 1`);
    }
  });

  it('are told from the web app by the /api prefix', () => {
    for (const url of ['http://h/api', 'http://h/api/', 'http://h/api?x=1', 'http://h/api/cases/1']) {
      expect(isApiUrl(url), url).toBe(true);
    }
    for (const url of ['http://h/', 'http://h', 'http://h/apiculture', 'http://h/affaires/api']) {
      expect(isApiUrl(url), url).toBe(false);
    }
  });
});
