/**
 * OpenID Connect login (openid-client): authorization code with PKCE, state
 * and nonce, ID token and JWT userinfo signatures checked
 * (`enableNonRepudiationChecks`: off by default in openid-client 6), `acr`
 * checked (a provider may answer a lower level than asked), logout with
 * `id_token_hint`. FranceConnect (citizens) and ProConnect (court staff) are
 * the same code with another configuration: a JSON file named by
 * GREFFE_OIDC_FILE, a list of providers (docs/securite.md).
 */
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { GreffeError } from '../errors.ts';

export interface OidcProviderConfig {
  readonly id: string;
  /** Button text, e.g. "FranceConnect". */
  readonly label: string;
  /** citoyen: an account is made at first login; agent: the e-mail must be a staff account (greffe users add). */
  readonly audience: 'citoyen' | 'agent';
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  /** Asked for, and required in the ID token's `acr` (FranceConnect: eidas1). */
  readonly acr?: string;
  readonly idTokenSignedResponseAlg?: string;
  readonly userinfoSignedResponseAlg?: string;
  /** http:// issuer on the loopback (tests and local stand-ins only; refused for any other host). */
  readonly allowInsecureLoopback?: boolean;
}

export function loadOidcProviders(file = process.env.GREFFE_OIDC_FILE): OidcProviderConfig[] {
  if (!file) return [];
  const list = JSON.parse(readFileSync(file, 'utf8')) as OidcProviderConfig[];
  if (!Array.isArray(list))
    throw new Error(`${file} : une liste de fournisseurs OpenID Connect est attendue.`);
  return list;
}

interface Pending {
  readonly provider: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly expires: number;
}

export interface OidcIdentity {
  readonly sub: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly idToken: string;
}

const PENDING_MS = 10 * 60_000;

export class OidcLogins {
  readonly #providers: ReadonlyMap<string, OidcProviderConfig>;
  readonly #configs = new Map<string, Promise<client.Configuration>>();
  readonly #pending = new Map<string, Pending>();

  constructor(providers: readonly OidcProviderConfig[]) {
    this.#providers = new Map(providers.map((p) => [p.id, p]));
  }

  list(): { id: string; label: string; audience: string }[] {
    return [...this.#providers.values()].map((p) => ({ id: p.id, label: p.label, audience: p.audience }));
  }

  provider(id: string): OidcProviderConfig {
    const p = this.#providers.get(id);
    if (!p) throw new GreffeError(404, 'PROVIDER_NOT_FOUND', `Aucun fournisseur d’identité « ${id} ».`);
    return p;
  }

  #config(p: OidcProviderConfig): Promise<client.Configuration> {
    let c = this.#configs.get(p.id);
    if (!c) {
      const issuer = new URL(p.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const insecure = p.allowInsecureLoopback === true && loopback && issuer.protocol === 'http:';
      c = client
        .discovery(
          issuer,
          p.clientId,
          {
            client_secret: p.clientSecret,
            ...(p.idTokenSignedResponseAlg && { id_token_signed_response_alg: p.idTokenSignedResponseAlg }),
            ...(p.userinfoSignedResponseAlg && { userinfo_signed_response_alg: p.userinfoSignedResponseAlg }),
          },
          client.ClientSecretPost(p.clientSecret),
          insecure ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .then((config) => {
          client.enableNonRepudiationChecks(config);
          return config;
        });
      c.catch(() => this.#configs.delete(p.id)); // a provider down at start is asked again next time
      this.#configs.set(p.id, c);
    }
    return c;
  }

  /** The provider's authorization URL, and the state to bind to the browser (cookie). */
  async start(id: string, redirectUri: string): Promise<{ url: URL; state: string }> {
    const p = this.provider(id);
    const config = await this.#config(p);
    const now = Date.now();
    for (const [k, v] of this.#pending) if (v.expires < now) this.#pending.delete(k);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    this.#pending.set(state, { provider: id, nonce, verifier, expires: now + PENDING_MS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: p.scope,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(p.acr && { acr_values: p.acr }),
    });
    return { url, state };
  }

  /** Checks the provider's answer (state from the browser's cookie), returns who logged in. */
  async finish(id: string, currentUrl: URL, browserState: string | undefined): Promise<OidcIdentity> {
    const p = this.provider(id);
    const state = currentUrl.searchParams.get('state') ?? '';
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    if (!pending || pending.provider !== id || pending.expires < Date.now() || browserState !== state) {
      throw new GreffeError(
        400,
        'OIDC_STATE',
        'La connexion a expiré ou ne vient pas de ce navigateur : recommencez.',
      );
    }
    const error = currentUrl.searchParams.get('error');
    if (error) {
      throw new GreffeError(
        400,
        'OIDC_REFUSED',
        'La connexion a été interrompue chez le fournisseur d’identité.',
        {
          error,
        },
      );
    }
    const config = await this.#config(p);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token)
      throw new GreffeError(400, 'OIDC_NO_ID_TOKEN', 'Réponse d’identité incomplète.');
    if (p.acr && idClaims.acr !== p.acr) {
      throw new GreffeError(403, 'OIDC_ACR', 'Le niveau de garantie de l’identité ne suffit pas.', {
        expected: p.acr,
        got: idClaims.acr ?? null,
      });
    }
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { sub: idClaims.sub, claims: { ...userinfo, ...idClaims }, idToken: tokens.id_token };
  }

  /** Where to send the browser to end the provider's session too. */
  async logoutUrl(id: string, idTokenHint: string, postLogoutRedirectUri: string): Promise<string> {
    const config = await this.#config(this.provider(id));
    return client
      .buildEndSessionUrl(config, {
        id_token_hint: idTokenHint,
        post_logout_redirect_uri: postLogoutRedirectUri,
        state: client.randomState(),
      })
      .toString();
  }
}
