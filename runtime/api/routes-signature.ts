/**
 * POST /api/cases/:id/signature/code: a party about to sign the case's
 * protocol asks for a one-time code (runtime/service/protocol-signature.ts),
 * by e-mail or, when a mobile number is known and chosen, by SMS. The code
 * then goes with the signing event (POST /api/cases/:id/events,
 * `signatureCode`). Rate-limited per person and per client address.
 */
import { Hono } from 'hono';
import { caseAccess } from '../access/case-access.ts';
import { GreffeError } from '../errors.ts';
import { codeSecret } from '../identity/login-codes.ts';
import { type SignatureCodeSenders, sendSignatureCode } from '../service/protocol-signature.ts';
import type { Runtime } from '../service/context.ts';
import type { Auth, Env } from './auth.ts';
import { jsonBody } from './errors.ts';
import { sendJson } from './json.ts';

export function signatureRoutes(rt: Runtime, auth: Auth, senders: SignatureCodeSenders): Hono<Env> {
  const app = new Hono<Env>();
  const secret = codeSecret(rt.store);
  app.post('/:id/signature/code', async (c) => {
    const caller = await auth.callerOf(c);
    const body = await jsonBody(c);
    const canal = body.canal ?? 'courriel';
    if (canal !== 'courriel' && canal !== 'sms') {
      throw new GreffeError(
        400,
        'INVALID_REQUEST',
        'Choisissez l’envoi du code par « courriel » ou par « sms ».',
        {
          field: 'canal',
        },
      );
    }
    auth.limits.signatureCode.ip.hit(auth.limits.clientIp(c));
    auth.limits.signatureCode.user.hit(caller.id);
    const a = await caseAccess(rt, caller, c.req.param('id'));
    return sendJson(c, await sendSignatureCode(rt, senders, secret, a, caller, canal), 202);
  });
  return app;
}
