/** The paper route as data: every statement sourced, or the file is refused; served as read. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { localRuntime } from '../../test/helpers/runtime.ts';
import { createApi } from '../api/app.ts';
import { PAPER_ROUTE_FILE, paperRoute, parsePaperRoute } from './paper-route.ts';

const FILE = 'voie-papier.yaml';
const shipped = () => readFileSync(PAPER_ROUTE_FILE, 'utf8');

describe('runtime/courts/voie-papier.yaml', () => {
  it('gives the court, the Cerfa up to 5 000 € and the summons above, each step with dated sources', () => {
    const route = paperRoute();
    expect(route.whichCourt.text).toMatch(/art\. 42/);
    expect(route.steps.map((s) => s.text)).toEqual([
      expect.stringContaining('Cerfa n° 16042*02'),
      expect.stringContaining('assignation'),
    ]);
    for (const step of [route.whichCourt, ...route.steps]) {
      expect(step.sources.length).toBeGreaterThan(0);
      for (const s of step.sources) expect(s.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(route.directory.href).toBe('https://www.justice.fr');
  });

  type Data = { etapes: { sources?: unknown[] }[]; [k: string]: unknown };
  const edited = (change: (d: Data) => void) => {
    const d = parse(shipped()) as Data;
    change(d);
    return stringify(d);
  };
  it.each([
    ['a step without sources', (d: Data) => delete d.etapes[1]?.sources, 'etapes[1] : sources manquantes'],
    ['a step with no source', (d: Data) => d.etapes[0]?.sources?.splice(0), 'etapes[0] : sources manquantes'],
    [
      'a source without its reading day',
      (d: Data) => Object.assign(d.etapes[0]?.sources?.[1] as object, { read: 'hier' }),
      'etapes[0].sources[1] : date de lecture',
    ],
    [
      'a link that is not https',
      (d: Data) => Object.assign(d.annuaire as object, { href: 'http://www.justice.fr' }),
      'annuaire : lien',
    ],
    ['no introduction', (d: Data) => delete d.introduction, 'introduction manquante'],
  ])('refuses %s, naming the file and the entry', (_what, change, message) => {
    const text = edited(change);
    expect(() =>
      parsePaperRoute(
        edited(() => {}),
        FILE,
      ),
    ).not.toThrow();
    expect(() => parsePaperRoute(text, FILE)).toThrow(`${FILE} : ${message}`);
  });

  it('is served by GET /api/tribunaux/voie-papier as read', async () => {
    const local = await localRuntime();
    try {
      const res = await createApi(local.rt).request('/api/tribunaux/voie-papier');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(paperRoute())));
    } finally {
      await local.close();
    }
  });
});
