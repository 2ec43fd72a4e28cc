/**
 * A REAL OpenID provider for the team back-office's tests: `oidc-provider` (the certified Node
 * implementation) on loopback, configured as ProConnect is documented (scopes uid given_name
 * usual_name email siret, acr eidas1, userinfo as a signed JWT, end-session with
 * id_token_hint). Its dev login form takes any password; the login names the account. Consent
 * is given once for all (loadExistingGrant), as ProConnect does for a registered service.
 * Like ProConnect, a login asked with `acr_values=eidas1` is given that level: the ID token's
 * `acr` claim (`acr` on the provider: another value, or none, to show that the back-office checks it).
 * `tamper` rewrites the token endpoint's ID token (signed again with the provider's key, or with
 * another key) to show that openid-client's checks are wired.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface Account { login: string; email: string; given_name: string; usual_name: string }
export type Tamper = undefined | 'iss' | 'aud' | 'nonce' | 'signature';

const jwk = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
};
type Jwk = ReturnType<typeof jwk>;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(claims: Record<string, unknown>, key: Jwk): string {
  const head = `${b64({ alg: 'RS256', kid: key.kid, typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(createPrivateKey({ key, format: 'jwk' }), 'base64url')}`;
}

export interface TestProvider {
  issuer: string;
  tamper: Tamper;
  /** The `acr` a login asked with acr_values=eidas1 gets (default `eidas1`; undefined: none). */
  acr: string | undefined;
  /** Content types of the userinfo answers given (application/jwt when signed, as ProConnect does). */
  userinfo: string[];
  close(): Promise<void>;
}

export async function startProvider(o: { port?: number; clientId: string; clientSecret: string; backofficeUrl: string; accounts: Account[]; jwtUserinfo?: boolean }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(o.port ?? 0, '127.0.0.1', () => ok()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = jwk();
  const provider = new Provider(issuer, {
    clients: [{
      client_id: o.clientId, client_secret: o.clientSecret, redirect_uris: [`${o.backofficeUrl}/auth/callback`],
      post_logout_redirect_uris: [`${o.backofficeUrl}/auth/logged-out`], grant_types: ['authorization_code'], response_types: ['code'],
      ...(o.jwtUserinfo === false ? {} : { userinfo_signed_response_alg: 'RS256' }),
    }],
    jwks: { keys: [key] },
    claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], uid: ['uid'], siret: ['siret'] },
    scopes: ['openid', 'email', 'given_name', 'usual_name', 'uid', 'siret'],
    acrValues: ['eidas1'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true }, jwtUserinfo: { enabled: true } },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    // Lifetimes set (an hour, longer than any test), so the provider does not print its notice
    // about default ones at each token.
    ttl: { Session: 3600, Interaction: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600, AuthorizationCode: 600 },
    async findAccount(_ctx, id) {
      const a = o.accounts.find((x) => x.login === id) ?? { login: id, email: `${id}@inconnu.example`, given_name: id, usual_name: 'Inconnu' };
      return { accountId: id, claims: async () => ({ sub: id, email: a.email, given_name: a.given_name, usual_name: a.usual_name, uid: id, siret: '13002526500013' }) };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email given_name usual_name uid siret');
      await grant.save();
      return grant;
    },
  });
  const test: TestProvider = { issuer, tamper: undefined, acr: 'eidas1', userinfo: [], close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
  // The login form's answer (dev interactions): finished here with the level of authentication
  // asked (acr), as ProConnect gives it; other answers (consent) go on to the provider.
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.method !== 'POST' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const chunks: Buffer[] = [];
    for await (const c of ctx.req) chunks.push(c as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    (ctx.req as typeof ctx.req & { body?: unknown }).body = form;
    if (form['prompt'] !== 'login' || !form['login']) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const asked = String(details.params['acr_values'] ?? '').split(' ').includes('eidas1');
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: form['login'], ...(asked && test.acr ? { acr: test.acr } : {}) } }, { mergeWithLastSubmission: false });
  });
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.path === '/me') test.userinfo.push(ctx.type);
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !test.tamper || !body?.id_token) return;
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    if (test.tamper === 'iss') claims['iss'] = 'http://127.0.0.1:1';
    if (test.tamper === 'aud') claims['aud'] = 'un-autre-service';
    if (test.tamper === 'nonce') claims['nonce'] = 'rejoue';
    body.id_token = sign(claims, test.tamper === 'signature' ? jwk() : key);
  });
  server.on('request', provider.callback());
  return test;
}

/** Cookies of one user agent (ports share cookies, as in a browser). */
export class Jar {
  readonly cookies = new Map<string, string>();
  header(): string { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || pair!.slice(i + 1) === '') this.cookies.delete(name); else this.cookies.set(name, pair!.slice(i + 1));
    }
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), cookie: this.header() } });
    this.take(res);
    return res;
  }
  /** Follows redirects (and the provider's forms: login, then consent) until a non-redirect answer. */
  async walk(url: string, login: string, steps: string[] = []): Promise<{ res: Response; url: string; steps: string[] }> {
    let res = await this.fetch(url);
    for (let i = 0; i < 20; i++) {
      steps.push(`${res.status} ${url}`);
      if (res.status >= 300 && res.status < 400) { url = new URL(res.headers.get('location')!, url).href; res = await this.fetch(url); continue; }
      const html = res.headers.get('content-type')?.includes('html') ? await res.clone().text() : '';
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html);
      if (!form || !/name="prompt"/.test(html)) return { res, url, steps };
      const fields = new URLSearchParams({ prompt: /value="login"/.test(html) ? 'login' : 'consent', login, password: 'x' });
      url = new URL(form[1]!.replace(/&amp;/g, '&'), url).href;
      res = await this.fetch(url, { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    throw new Error(`trop de redirections : ${steps.join(' → ')}`);
  }
}
