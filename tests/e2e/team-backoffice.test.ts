/**
 * The team back-office (`npm run backoffice`, issue #20) for real: the embedded stack with the
 * team gate (backoffice/team/), a REAL OpenID provider (oidc-provider, configured as ProConnect)
 * on loopback, sign-ins walked through the provider's own pages. No mock: the provider signs
 * tokens, openid-client checks them, decap-server commits, the site is rebuilt.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import type { Stack } from '../../backoffice/types.ts';
import type { Journal } from '../../backoffice/team/journal.ts';
import { Jar, type TestProvider } from '../helpers/oidc-provider.ts';
import { statusLine, type StatusView } from '../../backoffice/admin/status-text.ts';
import { PEOPLE, startTeamStack, type TeamStack } from '../helpers/team-stack.ts';

const BUILD_TIMEOUT = 600_000;
let t: TeamStack;
let stack: Stack;
let provider: TestProvider;
let access: Journal;
let url = '';

beforeAll(async () => {
  t = await startTeamStack(inject('distDir'));
  ({ stack, provider, access, url } = t);
}, BUILD_TIMEOUT);

afterAll(async () => { await t?.close(); });

/** Signs `login` in through the provider's pages; the jar then holds the session. */
async function signIn(login: string, jar = new Jar()) {
  const walked = await jar.walk(`${url}/auth/login?next=/admin/`, login);
  return { jar, ...walked };
}
const call = (jar: Jar, action: string, params: Record<string, unknown> = {}, origin = url) => jar.fetch(`${url}/api/v1`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
});
const session = (jar: Jar) => [...jar.cookies].find(([k]) => k === 'eig_session')?.[1];

describe('back-office en équipe (OpenID Connect, rôles)', () => {
  it('npm run backoffice refuses to start with one French line when a variable is missing or unsafe', () => {
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backoffice.ts'], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
    const ok = { BACKOFFICE_URL: 'https://bo.exemple.gouv.fr', SITE_URL: 'https://exemple.gouv.fr', OIDC_ISSUER: 'https://id.exemple.gouv.fr', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', SESSION_SECRET: 'x'.repeat(40), EDITORS_FILE: '/inexistant/editeurs.yml' };
    for (const [env, word] of [
      [{}, 'BACKOFFICE_URL'],
      [{ ...ok, OIDC_ISSUER: 'http://id.exemple.gouv.fr' }, 'OIDC_ISSUER'],
      [{ ...ok, SESSION_SECRET: 'court' }, '32 octets'],
      [ok, '/inexistant/editeurs.yml'],
    ] as const) {
      const r = run(env);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(word)]);
      expect(r.stderr).toMatch(/^Back-office non démarré : /);
    }
  });

  it('refuses every route without a session: pages go to the login, the API gets 401 JSON', async () => {
    for (const path of ['/admin/', '/admin/config.yml', '/admin/statut/', '/admin/journal/', '/', '/programme/', '/img/phase1.png']) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 302, `/auth/login?next=${encodeURIComponent(path)}`]);
    }
    const api = await call(new Jar(), 'info');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: expect.stringMatching(/^Connexion requise : reconnectez-vous/) });
    expect((await fetch(`${url}/_status.json`)).status).toBe(401);
    const preview = await fetch(`${url}/admin/apercu`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: '{}' });
    expect(preview.status).toBe(401);
  });

  it('signs in through the provider (code + PKCE, ProConnect scopes and acr), a new session id each time', async () => {
    const first = new Jar();
    const login = await first.fetch(`${url}/auth/login`);
    const to = new URL(login.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(['response_type', 'scope', 'acr_values', 'code_challenge_method'].map((k) => [k, to.searchParams.get(k)])))
      .toEqual({ response_type: 'code', scope: 'openid uid given_name usual_name email siret', acr_values: 'eidas1', code_challenge_method: 'S256' });
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    const seen = provider.userinfo.length;
    const a = await signIn('camille', first);
    expect(a.res.status).toBe(200);
    // The userinfo answer was a signed JWT (ProConnect's), checked and read by openid-client.
    expect(provider.userinfo.slice(seen)).toEqual(['application/jwt']);
    expect(a.url).toBe(`${url}/admin/`);
    const firstId = session(a.jar)!;
    const me = await (await a.jar.fetch(`${url}/auth/me`)).json();
    expect(me).toEqual({ email: PEOPLE[0].email, name: 'Camille Rédaction', role: 'redaction' });
    // Signing in again (another account, same browser): a new id, the old one is dead. The
    // provider's own session is ended first (its cookies), as another person would.
    for (const k of [...a.jar.cookies.keys()]) if (k !== 'eig_session') a.jar.cookies.delete(k);
    const b = await signIn('dominique', a.jar);
    expect(session(b.jar)).not.toBe(firstId);
    expect((await (await b.jar.fetch(`${url}/auth/me`)).json()).role).toBe('publication');
    const stale = new Jar(); stale.cookies.set('eig_session', firstId);
    expect((await stale.fetch(`${url}/admin/`)).status).toBe(302);
  });

  it('gets ProConnect’s level of authentication back (acr eidas1 in the ID token), records it, refuses a sign-in without it', async () => {
    const { res } = await signIn('camille');
    expect(res.status).toBe(200);
    expect(access.last(5).find((e) => e.kind === 'connexion')).toMatchObject({ email: PEOPLE[0].email, detail: 'rôle rédaction, niveau eidas1' });
    for (const acr of [undefined, 'eidas0']) {
      provider.acr = acr;
      try {
        const { res: refused, jar } = await signIn('camille');
        expect(refused.status).toBe(401);
        expect(session(jar)).toBeUndefined();
        expect(access.last(5).find((e) => e.kind === 'refus')?.detail).toContain(`niveau d’authentification (acr) ${acr ? `« ${acr} »` : 'absent'} au lieu de « eidas1 »`);
      } finally { provider.acr = 'eidas1'; }
    }
  });

  it('refuses an address absent from the editors file with a French page saying whom to ask', async () => {
    const { res, jar } = await signIn('intrus');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('ne figure pas dans la liste des éditeurs');
    expect(html).toContain(`mailto:${PEOPLE[2].email}`);
    expect(session(jar)).toBeUndefined();
    expect(access.last(5).find((e) => e.kind === 'refus')?.email).toBe('intrus@inconnu.example');
  });

  it.each(['iss', 'aud', 'nonce', 'signature'] as const)('refuses an ID token with a wrong %s', async (what) => {
    provider.tamper = what;
    try {
      const { res, jar } = await signIn('dominique');
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('n’a pas passé les vérifications de sécurité');
      expect(session(jar)).toBeUndefined();
    } finally { provider.tamper = undefined; }
  });

  it('refuses a POST from another origin carrying a valid session cookie', async () => {
    const { jar } = await signIn('dominique');
    expect((await call(jar, 'info')).status).toBe(200);
    const res = await call(jar, 'info', {}, 'https://autre-site.example');
    expect(res.status).toBe(403);
    expect((await res.json()).error).toContain('en-tête Origin');
  });

  it('expires an idle session and a too long one, and logout ends it through the provider’s end-session', async () => {
    const { jar } = await signIn('camille');
    t.clock.skew = 3600_000 + 1000;
    try {
      const res = await call(jar, 'info');
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/^Votre session a expiré/);
    } finally { t.clock.skew = 0; }
    // Active all day long (a request every 55 min): refused after the absolute 8 h all the same.
    const busy = (await signIn('camille')).jar;
    const statuses: number[] = [];
    try {
      for (let h = 1; h <= 9; h++) { t.clock.skew = h * 55 * 60_000; statuses.push((await call(busy, 'info')).status); }
    } finally { t.clock.skew = 0; }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 401]);
    const again = await signIn('camille');
    const id = session(again.jar)!;
    const out = await again.jar.fetch(`${url}/auth/logout`);
    const to = new URL(out.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('id_token_hint')).toBeTruthy();
    const stale = new Jar(); stale.cookies.set('eig_session', id);
    expect((await call(stale, 'info')).status).toBe(401);
  });

  it('redaction drafts but gets 403 on publish and delete; publication publishes, authored, live', async () => {
    const raw = readFileSync(resolve('content/program.md'), 'utf8').replace('num: "173"', 'num: "4343"');
    const entry = { slug: 'program', path: 'content/program.md', raw };
    const red = (await signIn('camille')).jar;
    const saved = await call(red, 'persistEntry', { entry, assets: [], options: { collectionName: 'pages', commitMessage: 'Mise à jour', useWorkflow: true, status: 'draft' } });
    expect(saved.status).toBe(200);
    expect((await call(red, 'updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_review' })).status).toBe(200);
    for (const [action, params] of [
      ['publishUnpublishedEntry', { collection: 'pages', slug: 'program' }],
      ['deleteFile', { path: 'content/program.md', options: { commitMessage: 'x' } }],
      ['updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_publish' }],
    ] as const) {
      const res = await call(red, action, params);
      expect([action, res.status]).toEqual([action, 403]);
      expect((await res.json()).error).toMatch(/^Action refusée : votre rôle \(rédaction\) ne permet pas de/);
    }
    expect(git(stack.repoDir, ['log', '-1', '--format=%an <%ae>', 'cms/pages/program'])).toBe(`Camille Rédaction <${PEOPLE[0].email}>`);

    const before = publishedHead(stack.repoDir);
    const pub = (await signIn('dominique')).jar;
    expect((await call(pub, 'updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_publish' })).status).toBe(200);
    expect((await call(pub, 'publishUnpublishedEntry', { collection: 'pages', slug: 'program' })).status).toBe(200);
    const after = publishedHead(stack.repoDir);
    expect(after).not.toBe(before);
    expect(git(stack.repoDir, ['log', '-1', '--format=%an <%ae>', after])).toBe(`Dominique Publication <${PEOPLE[1].email}>`);
    expect(git(stack.repoDir, ['log', '--format=%an', `${before}..${after}`]).split('\n')).toContain('Camille Rédaction');
    await stack.waitForServed(after, BUILD_TIMEOUT);
    const live = await (await pub.fetch(`${url}/programme/`)).text();
    expect(live).toMatch(/class="eig-number"[^>]*>\s*4343\s*</);
    // Who published what and when, from the published commit: the status JSON, and its sentence.
    const st = await (await pub.fetch(`${url}/_status.json`)).json() as StatusView & { publication: unknown };
    expect(st.publication).toMatchObject({ commit: after, author: { name: 'Dominique Publication', email: PEOPLE[1].email }, entries: [{ kind: 'Page', title: 'Programme', change: 'modified' }], more: 0 });
    expect(statusLine(st).text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^Publié par Dominique Publication à \d{1,2} h \d{2} : Page « Programme »$/);
    expect(await (await pub.fetch(`${url}/admin/statut/`)).text()).toContain('Publié par <strong>Dominique Publication</strong>');

    // The journal: sign-ins, refusals, the publication; readable by administration only.
    expect(access.last(50).map((e) => `${e.kind} ${e.email ?? ''}`)).toEqual(expect.arrayContaining([`publication ${PEOPLE[1].email}`, `refus ${PEOPLE[0].email}`, `connexion ${PEOPLE[0].email}`]));
    expect((await pub.fetch(`${url}/admin/journal/`)).status).toBe(403);
    const admin = (await signIn('alex')).jar;
    const page = await admin.fetch(`${url}/admin/journal/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('publication pages/program');
  }, BUILD_TIMEOUT);
});
