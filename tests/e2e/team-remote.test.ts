/**
 * The team back-office on a content remote (CONTENT_REMOTE, issue #20 item 5), for real: a bare
 * git repository in a temporary folder is the remote, a developer's clone of it pushes there,
 * the back-office (the team gate, a real oidc-provider, decap-server, the guard, the renderer)
 * clones it, pushes each publication, fetches on demand (its minute timer set to an hour) and
 * publishes what it fetched through the publication guard.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import type { RemoteStatus } from '../../backoffice/git/sync.ts';
import type { Stack, StackStatus } from '../../backoffice/types.ts';
import { Jar } from '../helpers/oidc-provider.ts';
import { PEOPLE, startTeamStack, type TeamStack } from '../helpers/team-stack.ts';
import { DEV, contentRemoteFixture, type ContentRemoteFixture } from '../helpers/content-remote.ts';

const BUILD_TIMEOUT = 600_000;
let t: TeamStack;
let stack: Stack;
let url = '';
let r: ContentRemoteFixture;
let bare = '';
let dev = '';
let publisher = new Jar();

const bareHead = (branch = 'main') => r.head(branch);
const devCommit = (path: string, change: (text: string) => string, message: string) => r.commit(path, change, message);
const call = (jar: Jar, action: string, params: Record<string, unknown> = {}) => jar.fetch(`${url}/api/v1`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
});
/** An editor's publication through the API as Decap makes it: draft, ready, publish. */
async function publish(path: string, change: (text: string) => string): Promise<string> {
  const slug = path.split('/').pop()!.replace(/\.md$/, '');
  const collection = 'pages';
  // Opened first, as Decap opens an entry before its form is saved (the server refuses a save
  // of a version the session did not open: backoffice/versions/).
  expect((await call(publisher, 'getEntry', { path })).status).toBe(200);
  const raw = change(git(stack.repoDir, ['show', `main:${path}`]) + '\n');
  const saved = await call(publisher, 'persistEntry', { entry: { slug, path, raw }, assets: [], options: { collectionName: collection, commitMessage: `Mise à jour de ${slug}`, useWorkflow: true, status: 'draft' } });
  expect(saved.status).toBe(200);
  expect((await call(publisher, 'updateUnpublishedEntryStatus', { collection, slug, newStatus: 'pending_publish' })).status).toBe(200);
  const res = await call(publisher, 'publishUnpublishedEntry', { collection, slug });
  expect([res.status, await res.text()]).toEqual([200, expect.anything()]);
  return publishedHead(stack.repoDir);
}
/** The status page's button, as a script asks it (JSON). */
async function syncNow(jar = publisher): Promise<RemoteStatus> {
  const res = await jar.fetch(`${url}/admin/statut/synchroniser`, { method: 'POST', headers: { origin: url, accept: 'application/json' } });
  expect(res.status).toBe(200);
  return (await res.json()) as RemoteStatus;
}
/** Waits (bounded) until the status says `ok`. */
async function until(ok: (s: StackStatus) => boolean, what: string, ms = 60_000): Promise<StackStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = stack.status();
    if (ok(s)) return s;
    if (Date.now() > end) throw new Error(`${what} : état ${JSON.stringify(s.remote)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const page = async (path: string) => (await publisher.fetch(`${url}${path}`)).text();
const num = (html: string) => /class="eig-number"[^>]*>\s*(\d+)\s*</.exec(html)?.[1];

beforeAll(async () => {
  r = contentRemoteFixture();
  ({ bare, dev } = r);
  t = await startTeamStack(inject('distDir'), { remote: bare });
  ({ stack, url } = t);
}, BUILD_TIMEOUT);

afterAll(async () => {
  await t?.close();
  r?.remove();
});

describe('back-office en équipe sur un dépôt distant (CONTENT_REMOTE)', () => {
  it('works on a clone of the remote and answers the sync route only with a session, by POST, from its own origin', async () => {
    publisher = new Jar();
    expect((await publisher.walk(`${url}/auth/login?next=/admin/`, 'dominique')).res.status).toBe(200);
    expect(publishedHead(stack.repoDir)).toBe(bareHead());
    expect(git(stack.repoDir, ['remote', 'get-url', 'origin'])).toBe(bare);
    const s = await syncNow();
    expect([s.state, s.message]).toEqual(['synced', expect.stringMatching(/^Dépôt distant à jour \(dernier échange à \d+ h \d\d\)\.$/)]);
    const anonymous = await fetch(`${url}/admin/statut/synchroniser`, { method: 'POST', headers: { origin: url } });
    expect(anonymous.status).toBe(401);
    const foreign = await publisher.fetch(`${url}/admin/statut/synchroniser`, { method: 'POST', headers: { origin: 'https://autre-site.example' } });
    expect(foreign.status).toBe(403);
    const get = await publisher.fetch(`${url}/admin/statut/synchroniser`);
    expect(get.status).toBe(405);
    // The page's button: a form POST answered back to the page.
    const form = await publisher.fetch(`${url}/admin/statut/synchroniser`, { method: 'POST', headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect([form.status, form.headers.get('location')]).toEqual([303, '/admin/statut/#depot-distant']);
    const html = await page('/admin/statut/');
    expect(html).toContain('<h2 id="depot-distant">Dépôt distant</h2>');
    expect(html).toContain('Synchroniser maintenant avec le dépôt distant');
  });

  it('pushes each publication to the remote, authored by the person signed in', async () => {
    const head = await publish('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "4343"'));
    await until((s) => s.remote?.state === 'synced' && bareHead() === head, 'publication non reçue par le dépôt distant');
    expect(git(bare, ['log', '-1', '--format=%an <%ae>', 'main'])).toBe(`Dominique Publication <${PEOPLE[1].email}>`);
    await stack.waitForServed(head, BUILD_TIMEOUT);
    expect(num(await page('/programme/'))).toBe('4343');
  }, BUILD_TIMEOUT);

  it('fetches a commit pushed by someone else and publishes it', async () => {
    const pushed = devCommit('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "5151"'), 'Chiffre mis à jour par l’équipe technique');
    expect(publishedHead(stack.repoDir)).not.toBe(pushed);
    const s = await syncNow();
    expect(s.state).toBe('synced');
    expect(publishedHead(stack.repoDir)).toBe(pushed);
    expect(s.received).toEqual({ commit: pushed, author: 'Développeuse Externe', at: expect.any(String) });
    await stack.waitForServed(pushed, BUILD_TIMEOUT);
    expect(await page('/admin/statut/')).toContain('de Développeuse Externe');
    expect(num(await page('/programme/'))).toBe('5151');
  }, BUILD_TIMEOUT);

  it('refuses a broken commit of the remote through the guard, says why, and publishes the fix', async () => {
    const before = publishedHead(stack.repoDir);
    const file = 'content/defis/brigade-numérique.md';
    const broken = devCommit(file, (r) => r.replace('date: 2025-10-01', 'date: 1907-10-01'), 'Date erronée');
    const s = await syncNow();
    expect(s.state).toBe('refused');
    expect(s.problem).toBe(true);
    expect(s.message).toContain(`Modifications du dépôt distant refusées par les vérifications (commit ${broken.slice(0, 8)} de Développeuse Externe)`);
    expect(s.refused?.problems.map((p) => p.file)).toContain(file);
    expect(publishedHead(stack.repoDir)).toBe(before);
    const json = (await (await publisher.fetch(`${url}/_status.json`)).json()) as StackStatus;
    expect(json.remote?.state).toBe('refused');
    const html = await page('/admin/statut/');
    expect(html).toContain('Modifications du dépôt distant refusées');
    expect(html).toContain('Corrigez ce contenu dans le dépôt');
    // Fixed by a new commit: checked again, published.
    const fixed = devCommit(file, (r) => r.replace('date: 1907-10-01', 'date: 2025-10-01'), 'Date corrigée');
    expect((await syncNow()).state).toBe('synced');
    expect(publishedHead(stack.repoDir)).toBe(fixed);
    await stack.waitForServed(fixed, BUILD_TIMEOUT);
  }, BUILD_TIMEOUT);

  it('reports a push the remote rejects, in French, and retries it by itself until the remote accepts it', async () => {
    const allow = r.refusePushes('Branche protégée : envoi refusé (test)');
    let head = '';
    try {
      head = await publish('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "6262"'));
      const s = (await until((x) => x.remote?.state === 'push-failed', 'refus non signalé')).remote!;
      expect(s.message).toMatch(/^Envoi au dépôt distant refusé \(1 publication en attente d’envoi\) ; nouvel essai à \d+ h \d\d\. Le site en ligne est à jour\.$/);
      expect(s.detail).toContain('Branche protégée : envoi refusé (test)');
      expect(s.retryAt).toBeTruthy();
      expect(bareHead()).not.toBe(head);
      const bar = (await (await publisher.fetch(`${url}/_status.json`)).json()) as StackStatus;
      expect(bar.remote?.problem).toBe(true);
      expect(await page('/admin/statut/')).toContain('Envoi au dépôt distant refusé (1 publication');
    } finally { allow(); }
    // Retried by itself (2, 5, 15 s…): no button pressed, no new publication.
    await until((x) => x.remote?.state === 'synced' && bareHead() === head, 'envoi non réessayé');
  }, BUILD_TIMEOUT);

  it('merges a divergence git can merge (publication not pushed, remote moved): both commits kept, pushed', async () => {
    const off = `${bare}-injoignable`;
    renameSync(bare, off);
    let ours = '';
    let theirs = '';
    try {
      ours = await publish('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "7373"'));
      const s = (await until((x) => x.remote?.state === 'unreachable', 'dépôt injoignable non signalé')).remote!;
      expect(s.message).toMatch(/^Dépôt distant injoignable \(1 publication en attente d’envoi\) ; nouvel essai à/);
      git(dev, ['remote', 'set-url', 'origin', off]);
      theirs = devCommit(git(dev, ['ls-files', 'content/blog']).split('\n')[0]!, (r) => r.replace(/^title: .*$/m, 'title: Titre changé par l’équipe technique'), 'Titre d’article');
    } finally {
      renameSync(off, bare);
      git(dev, ['remote', 'set-url', 'origin', bare]);
    }
    expect((await syncNow()).state).toBe('synced');
    const head = bareHead();
    expect(publishedHead(stack.repoDir)).toBe(head);
    expect(git(bare, ['rev-list', '--parents', '-n', '1', head]).split(' ').slice(1).sort()).toEqual([ours, theirs].sort());
    await stack.waitForServed(head, BUILD_TIMEOUT);
    expect(num(await page('/programme/'))).toBe('7373');
  }, BUILD_TIMEOUT);

  it('stops on a divergence git cannot merge, says what to do, loses nothing, and resumes once a developer merged', async () => {
    const off = `${bare}-injoignable`;
    renameSync(bare, off);
    let ours = '';
    let theirs = '';
    try {
      ours = await publish('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "8181"'));
      await until((x) => x.remote?.state === 'unreachable', 'dépôt injoignable non signalé');
      git(dev, ['remote', 'set-url', 'origin', off]);
      theirs = devCommit('content/program.md', (r) => r.replace(/num: "\d+"/, 'num: "9292"'), 'Chiffre changé en même temps');
    } finally {
      renameSync(off, bare);
      git(dev, ['remote', 'set-url', 'origin', bare]);
    }
    const s = await syncNow();
    expect(s.state).toBe('diverged');
    expect(s.message).toContain('Synchronisation arrêtée : le dépôt distant et le back-office ont modifié les mêmes passages (« content/program.md »)');
    expect(s.advice).toContain('« back-office/main »');
    // Nothing moved but forward, nothing forced: each side keeps its commit, ours is on a branch of its own.
    expect(publishedHead(stack.repoDir)).toBe(ours);
    expect(bareHead()).toBe(theirs);
    expect(bareHead('back-office/main')).toBe(ours);
    expect(num(await page('/programme/'))).toBe('8181');
    // A developer merges it as the status says; the back-office resumes by itself.
    git(dev, ['fetch', '--quiet', 'origin']);
    const merge = spawnSync('git', [...DEV, 'merge', '--no-edit', 'origin/back-office/main'], { cwd: dev, encoding: 'utf8' });
    expect(merge.status).toBe(1); // the conflict the back-office could not solve
    const file = join(dev, 'content/program.md');
    writeFileSync(file, git(dev, ['show', 'origin/back-office/main:content/program.md']).replace(/num: "\d+"/, 'num: "9393"') + '\n');
    git(dev, ['add', 'content/program.md']);
    git(dev, [...DEV, 'commit', '--quiet', '--no-edit']);
    git(dev, ['push', '--quiet', 'origin', 'HEAD:main']);
    const resolved = git(dev, ['rev-parse', 'HEAD']);
    expect((await syncNow()).state).toBe('synced');
    expect(publishedHead(stack.repoDir)).toBe(resolved);
    for (const c of [ours, theirs]) expect(git(bare, ['merge-base', '--is-ancestor', c, 'main']) === '').toBe(true);
    await stack.waitForServed(resolved, BUILD_TIMEOUT);
    expect(num(await page('/programme/'))).toBe('9393');
  }, BUILD_TIMEOUT);
});
