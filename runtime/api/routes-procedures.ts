/** /api/procedures…: the loaded procedure versions, their forms, and the eligibility and referral decisions. */
import { Hono } from 'hono';
import { evaluateEligibility, evaluateReferral } from '../../rules/index.ts';
import type { Procedure } from '../../spec/index.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import type { Env } from './auth.ts';
import { jsonBody } from './errors.ts';
import { ConstantJson, sendJson } from './json.ts';
import { own } from './own.ts';
import { formView, procedureListing, procedureView } from './procedure-view.ts';

export function procedureRoutes(rt: Runtime): Hono<Env> {
  const app = new Hono<Env>();
  // The catalog does not change while the server runs: each answer is serialized and gzipped once.
  const constant = new ConstantJson();
  const find = (id: string, version?: string): Procedure => {
    const p = version ? rt.catalog.get(id, version) : rt.catalog.pick(id, undefined, rt.dev, rt.clock.now());
    if (!p) {
      throw new GreffeError(
        404,
        'PROCEDURE_NOT_FOUND',
        `Procédure « ${id} »${version ? ` version ${version}` : ''} introuvable.`,
        {
          procedure: id,
          ...(version && { version }),
        },
      );
    }
    return p;
  };

  // Which version a new case takes depends on the clock (effective dates): computed per request.
  app.get('/', (c) => {
    const now = rt.clock.now();
    return sendJson(
      c,
      rt.catalog.procedures.map((p) =>
        procedureListing(p, rt.catalog.pick(p.id, undefined, rt.dev, now) === p),
      ),
    );
  });
  app.get('/:id/:version', (c) => {
    const p = find(c.req.param('id'), c.req.param('version'));
    return sendJson(
      c,
      constant.get(`${p.id}@${p.version}`, () => procedureView(p)),
    );
  });
  app.get('/:id/:version/forms/:form', (c) => {
    const p = find(c.req.param('id'), c.req.param('version'));
    const form = own(p.forms, c.req.param('form'));
    if (!form)
      throw new GreffeError(404, 'FORM_NOT_FOUND', `Formulaire « ${c.req.param('form')} » introuvable.`);
    return sendJson(
      c,
      constant.get(`${p.id}@${p.version}#${form.id}`, () => formView(p, form)),
    );
  });

  for (const [path, evaluate] of [
    ['eligibility', evaluateEligibility],
    ['referral', evaluateReferral],
  ] as const) {
    app.post(`/:id/${path}`, async (c) => {
      const p = find(c.req.param('id'), c.req.query('version'));
      // A procedure that names no rule set for this decision has nothing to evaluate (found by the fuzzer: was a 500).
      if (!p.decidedBy[path]) {
        throw new GreffeError(
          404,
          'NOT_FOUND',
          `La procédure ${p.id} ${p.version} ne prévoit pas de décision « ${path === 'eligibility' ? 'éligibilité' : 'renvoi'} ».`,
          { procedure: p.id, version: p.version },
        );
      }
      // Partial: the answer comes as soon as the facts given settle it; otherwise `missing` names
      // exactly the facts still needed (the questionnaire asks those).
      const result = evaluate(p, await jsonBody(c), { partial: true });
      if ('valid' in result && result.valid === false) {
        throw new GreffeError(400, 'INVALID_FACTS', 'Certaines informations sont manquantes ou invalides.', {
          problems: result.problems,
          missing: result.missing ?? [],
        });
      }
      return sendJson(c, result);
    });
  }
  return app;
}
