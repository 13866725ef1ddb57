/**
 * A FranceConnect-shaped OpenID provider on the loopback, for tests
 * (oidc-provider, as in the connectors notes): issuer under /api/v2, ES256
 * ID tokens and JWT userinfo, acr eidas1, the pivot identity claims,
 * client_secret_post, RP-initiated logout. Its login page stands in for the
 * identity-provider chooser: one button, one persona.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

const PIVOT = ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'];
export const PERSONA = {
  given_name: 'Angela Claire Louise',
  family_name: 'DUBOIS',
  birthdate: '1962-08-24',
  gender: 'female',
  birthplace: '75107',
  birthcountry: '99100',
  email: 'angela.dubois@example.fr',
};

export interface StandIn {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registers the relying party's addresses (known once it runs), and starts answering. */
  configure(rp: { redirectUri: string; postLogoutRedirectUri: string }): void;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  let provider: Provider | undefined;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!provider || !url.startsWith('/api/v2')) {
      res.writeHead(404).end();
      return;
    }
    const op = provider;
    const interaction = /^\/api\/v2\/interaction\/([^/]+)(\/login)?$/.exec(url.split('?')[0] ?? '');
    if (interaction) {
      void (async () => {
        const details = await op.interactionDetails(req, res);
        if (!interaction[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            `<!doctype html><html lang="fr"><title>Fournisseur d’identité de test</title><main><h1>Identité de test</h1>` +
              `<form method="post" action="/api/v2/interaction/${details.uid}/login"><button type="submit">Continuer en tant qu’${PERSONA.given_name.split(' ')[0]} ${PERSONA.family_name}</button></form></main></html>`,
          );
          return;
        }
        const grant = new op.Grant({ accountId: 'angela', clientId: details.params.client_id ?? '' });
        grant.addOIDCScope(details.params.scope ?? 'openid');
        const grantId = await grant.save();
        await op.interactionFinished(
          req,
          res,
          { login: { accountId: 'angela', acr: 'eidas1', amr: ['pwd'] }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
      return;
    }
    // oidc-provider derives its mount path from originalUrl.
    (req as { originalUrl?: string }).originalUrl = url;
    req.url = url.slice('/api/v2'.length) || '/';
    op.callback()(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  const clientId = 'greffe-test';
  const clientSecret = 'un-secret-de-test-assez-long-pour-hs256-0123456789';
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'fc-test' };
  return {
    issuer,
    clientId,
    clientSecret,
    configure(rp) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [rp.redirectUri],
            post_logout_redirect_uris: [rp.postLogoutRedirectUri],
            token_endpoint_auth_method: 'client_secret_post',
            id_token_signed_response_alg: 'ES256',
            userinfo_signed_response_alg: 'ES256',
          },
        ],
        jwks: { keys: [jwk] },
        acrValues: ['eidas1'],
        scopes: ['openid', ...PIVOT, 'email', 'identite_pivot'],
        claims: {
          acr: null,
          amr: null,
          auth_time: null,
          openid: ['sub'],
          email: ['email'],
          identite_pivot: PIVOT,
          ...Object.fromEntries(PIVOT.map((c) => [c, [c]])),
        },
        pkce: { required: () => true },
        features: {
          devInteractions: { enabled: false },
          jwtUserinfo: { enabled: true },
          rpInitiatedLogout: { enabled: true },
        },
        findAccount: async (_ctx: unknown, sub: string) =>
          sub === 'angela' ? { accountId: sub, claims: async () => ({ sub, ...PERSONA }) } : undefined,
        interactions: { url: (_ctx: unknown, i: { uid: string }) => `/api/v2/interaction/${i.uid}` },
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
