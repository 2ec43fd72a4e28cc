/**
 * The history (#21 item 2) in the team back-office: behind its login (no session: the login
 * page, or 401 for a POST), its origin check, and the roles (backoffice/team/roles.ts). A
 * restore is a draft: the redaction role may make it, and its commit is the person's. Undoing a
 * new entry's publication removes it from the site: publication role only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { git } from '../../backoffice/git/repo.ts';
import { fileAt } from '../../backoffice/history/log.ts';
import { Jar } from '../helpers/oidc-provider.ts';
import { startTeamStack, type TeamStack } from '../helpers/team-stack.ts';

let t: TeamStack;
let url = '';
beforeAll(async () => {
  t = await startTeamStack(inject('distDir'));
  ({ url } = t);
}, 600_000);
afterAll(async () => { await t?.close(); });

const signIn = async (login: string) => { const jar = new Jar(); await jar.walk(`${url}/auth/login?next=/admin/`, login); return jar; };
const call = async (jar: Jar, action: string, params: Record<string, unknown>) => {
  const res = await jar.fetch(`${url}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) });
  expect([action, res.status]).toEqual([action, 200]);
};
const post = (jar: Jar, path: string, fields: Record<string, string>, origin = url) => jar.fetch(`${url}/admin/historique/${path}`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString(),
});

const ARTICLE = { collection: 'articles', slug: 'article-equipe-demo', path: 'content/blog/article-equipe-demo.md' };
const article = readFileSync('content/blog/appel-a-defis-demo-2026.md', 'utf8').replace(/^title: .*$/m, 'title: "Article de l’équipe (démo)"').replace(/^related:\n(  - .*\n)+/m, '');

describe('history in the team back-office', () => {
  it('needs a session: the page goes to the login, a POST gets 401; signed in, the history', async () => {
    const page = await fetch(`${url}/admin/historique/?collection=defis&slug=cantine-locale`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/auth\/login\?next=/);
    const restore = await fetch(`${url}/admin/historique/restaurer`, { method: 'POST', redirect: 'manual', headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'collection=defis&slug=cantine-locale' });
    expect(restore.status).toBe(401);
    // Signed in, the same address is the entry's history.
    const signed = await (await signIn('camille')).fetch(`${url}/admin/historique/?collection=defis&slug=cantine-locale`);
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain('<h1>Historique : défi « Cantine locale »</h1>');
  });

  it('redaction restores a version as a draft, authored by the person; another origin is refused', async () => {
    const dominique = await signIn('dominique');
    const edited = readFileSync('content/defis/cantine-locale.md', 'utf8').replace(/^description: .*$/m, 'description: "Une version de l’équipe."');
    await call(dominique, 'persistEntry', { entry: { slug: 'cantine-locale', path: 'content/defis/cantine-locale.md', raw: edited }, assets: [], options: { collectionName: 'defis', commitMessage: 'Modification', useWorkflow: false, status: 'draft' } });
    const camille = await signIn('camille');
    const page = await camille.fetch(`${url}/admin/historique/?collection=defis&slug=cantine-locale`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Par Dominique Publication');
    const initial = git(t.stack.repoDir, ['rev-list', '--max-parents=0', 'main']);
    expect((await post(camille, 'restaurer', { collection: 'defis', slug: 'cantine-locale', commit: initial }, 'https://ailleurs.example')).status).toBe(403);
    const ok = await post(camille, 'restaurer', { collection: 'defis', slug: 'cantine-locale', commit: initial });
    expect(ok.status).toBe(303);
    expect(fileAt(t.stack.repoDir, 'refs/heads/cms/defis/cantine-locale', 'content/defis/cantine-locale.md')).toBe(fileAt(t.stack.repoDir, initial, 'content/defis/cantine-locale.md'));
    expect(git(t.stack.repoDir, ['log', '-1', '--format=%an <%ae>', 'cms/defis/cantine-locale'])).toBe('Camille Rédaction <camille.redaction@exemple.gouv.fr>');
  });

  it('undoing a new entry’s publication (its removal) is refused to redaction, allowed to publication', async () => {
    const dominique = await signIn('dominique');
    await call(dominique, 'persistEntry', { entry: { slug: ARTICLE.slug, path: ARTICLE.path, raw: article }, assets: [], options: { collectionName: 'articles', commitMessage: 'Création', useWorkflow: false, status: 'draft' } });
    const base = git(t.stack.repoDir, ['rev-parse', 'main']);
    const camille = await signIn('camille');
    const refused = await post(camille, 'annuler', { collection: ARTICLE.collection, slug: ARTICLE.slug, base });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('votre rôle (rédaction) ne permet pas');
    expect(fileAt(t.stack.repoDir, 'main', ARTICLE.path)).toBe(article);
    const done = await post(dominique, 'annuler', { collection: ARTICLE.collection, slug: ARTICLE.slug, base });
    expect(done.status).toBe(303);
    expect(fileAt(t.stack.repoDir, 'main', ARTICLE.path)).toBeUndefined();
  });
});
