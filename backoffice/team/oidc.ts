/**
 * Sign-in with OpenID Connect through `openid-client` (certified; every token check is its own:
 * signature against the provider's JWKS, `iss`, `aud`, `exp`, `nonce`, `state`, PKCE):
 * authorisation code + PKCE (S256), `state` and `nonce` kept server-side per attempt.
 * ProConnect as the State documents it: scopes `openid uid given_name usual_name email siret`,
 * `acr_values=eidas1` (the ID token's `acr` must then be eidas1 or higher: a sign-in without it is
 * refused, its level is recorded in the journal), a userinfo answer that may be a signed JWT (openid-client verifies it
 * with the same JWKS), logout through `end_session_endpoint` with `id_token_hint`. Any standard
 * provider (Keycloak…) works the same way: the extra scopes it does not know are ignored.
 */
import * as client from 'openid-client';
import { isLoopback, type TeamConfig } from './config.ts';

export const SCOPES = 'openid uid given_name usual_name email siret';
export const ACR_VALUES = 'eidas1';
/** The levels that satisfy `eidas1` (ProConnect's eIDAS levels, lowest first). */
const ACR_ACCEPTED = new Set(['eidas1', 'eidas2', 'eidas3']);

/** One sign-in attempt, kept server-side until the provider sends the browser back. */
export interface Attempt { state: string; nonce: string; verifier: string; next: string; at: number }
/** Who signed in, as the provider says. */
export interface Person { sub: string; email: string; name: string; idToken: string; acr?: string | undefined; siret?: string | undefined }

export interface Oidc {
  /** The provider's authorisation URL for a new attempt. */
  start(next: string): Promise<{ url: URL; attempt: Attempt }>;
  /** The person, once the callback URL and its attempt pass every check; throws otherwise. */
  finish(callback: URL, attempt: Attempt): Promise<Person>;
  /** Where to send the browser to end the provider's session too (undefined: it has no end-session endpoint). */
  logoutUrl(idToken: string): URL | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function oidcClient(config: TeamConfig): Oidc {
  const { issuer, clientId, clientSecret } = config.oidc;
  // http:// is only ever accepted for a loopback issuer (config.ts refused anything else).
  const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
  // Non-repudiation: the ID token's and the JWT userinfo's signatures are checked against the
  // provider's JWKS too (openid-client skips it by default for answers received over TLS).
  const options = { execute: [client.enableNonRepudiationChecks, ...(insecure ? [client.allowInsecureRequests] : [])] };
  // Discovered on first use (and again after a failure): a provider down at start delays sign-ins, not the server.
  let found: Promise<client.Configuration> | undefined;
  const discover = () => {
    const made = found ?? client.discovery(issuer, clientId, clientSecret, undefined, options);
    made.catch(() => { if (found === made) found = undefined; });
    found = made;
    return made;
  };
  let known: client.Configuration | undefined;
  const redirectUri = new URL('/auth/callback', config.backofficeUrl).href;
  return {
    async start(next) {
      const oidc = known = await discover();
      const supportsAcr = (oidc.serverMetadata().acr_values_supported ?? []).includes(ACR_VALUES);
      const attempt: Attempt = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next, at: Date.now() };
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUri, scope: SCOPES, state: attempt.state, nonce: attempt.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier), code_challenge_method: 'S256',
        ...(supportsAcr ? { acr_values: ACR_VALUES } : {}),
      });
      return { url, attempt };
    },
    async finish(callback, attempt) {
      const oidc = await discover();
      const tokens = await client.authorizationCodeGrant(oidc, callback, {
        pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error('jeton d’identité absent');
      // Asked for (the provider advertises it), the level must come back in the ID token.
      const acr = text(claims.acr);
      if ((oidc.serverMetadata().acr_values_supported ?? []).includes(ACR_VALUES) && !(acr && ACR_ACCEPTED.has(acr))) {
        throw new Error(`niveau d’authentification (acr) ${acr ? `« ${acr.slice(0, 40)} »` : 'absent'} au lieu de « ${ACR_VALUES} »`);
      }
      const info = await client.fetchUserInfo(oidc, tokens.access_token, claims.sub);
      const email = text(info.email) ?? text(claims['email']);
      if (!email) throw new Error('le fournisseur n’a pas donné d’adresse e-mail');
      const given = text(info.given_name) ?? text(claims['given_name']);
      const family = text(info['usual_name']) ?? text(info.family_name) ?? text(claims['usual_name']);
      const name = text(info.name) ?? ([given, family].filter(Boolean).join(' ') || email);
      return { sub: claims.sub, email, name, idToken: tokens.id_token, acr, siret: text(info['siret']) };
    },
    logoutUrl(idToken) {
      if (!known?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(known, { id_token_hint: idToken, post_logout_redirect_uri: new URL('/auth/logged-out', config.backofficeUrl).href });
    },
  };
}
