/**
 * The publication guard (backoffice/guard/guard.ts) on a real back-office repository made from
 * the demo content, with decap-server's own middleware doing what it does for Decap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCmsRepo, git, publishedHead } from '../../backoffice/git/repo.ts';
import type { Problem } from '../../backoffice/problems/problem.ts';
// Uploads are real images: the calls go through the gate's schemas, which check the bytes.
import { png } from '../helpers/png.ts';
import { guardHooks, rebaseDrafts, referencePattern, type GateHooks } from '../../backoffice/guard/guard.ts';
import { startLocalDecap, type LocalDecap } from '../helpers/decap-local.ts';

let root: string;
const logs: string[] = [];

/** A fresh repository from the demo content, decap-server on it, and the guard's hooks. */
async function setup(name: string): Promise<{ repo: string; decap: LocalDecap; hooks: GateHooks }> {
  const repo = join(root, name, 'cms-repo');
  ensureCmsRepo(repo, { contentDir: resolve('content'), mediaDir: resolve('media') });
  const decap = await startLocalDecap(repo);
  const hooks = guardHooks(repo, { log: (l) => logs.push(l) });
  guards.push(hooks);
  return { repo, decap, hooks };
}
const opened: LocalDecap[] = [];
/** Their check workers write the mirror of the published tree in `root` (the start's warm-up): stopped before it is removed. */
const guards: GateHooks[] = [];

beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'eig-guard-')); });
afterAll(async () => {
  for (const d of opened) await d.close();
  for (const g of guards) await g.close?.();
  rmSync(root, { recursive: true, force: true });
});

const brigade = readFileSync(resolve('content/defis/brigade-numérique.md'), 'utf8');
const entry = (collection: string, slug: string, path: string, raw: string) => ({
  entry: { slug, path, raw },
  assets: [],
  options: { collectionName: collection, commitMessage: `Mise à jour de ${path}`, useWorkflow: true, status: 'draft' },
});
const draftThenReady = async (d: LocalDecap, hooks: GateHooks, collection: string, slug: string, path: string, raw: string) => {
  expect((await d.call('persistEntry', entry(collection, slug, path, raw), hooks)).status).toBe(200);
  expect((await d.call('updateUnpublishedEntryStatus', { collection, slug, newStatus: 'pending_publish' }, hooks)).status).toBe(200);
};
const showMain = (repo: string, path: string) => { try { return git(repo, ['show', `main:${path}`]); } catch { return undefined; } };

describe('publication guard', () => {
  it('refuses to publish a draft with an error, naming the entry by title and the field by label; a valid draft published after it goes in', async () => {
    const { repo, decap, hooks } = await setup('publish');
    opened.push(decap);
    const head = publishedHead(repo);
    // Decap's typing bug: 2025 typed as 1907. Saving the draft is allowed (work in progress).
    await draftThenReady(decap, hooks, 'defis', 'brigade-numérique', 'content/defis/brigade-numérique.md', brigade.replace('date: 2025-10-01', 'date: 1907-10-01'));
    const refused = await decap.call('publishUnpublishedEntry', { collection: 'defis', slug: 'brigade-numérique' }, hooks);
    expect(refused.status).toBe(422);
    expect(refused.json['error']).toMatch(/^Publication refusée : Défi « Brigade numérique », champ « Date de publication » : date hors de la période admise \(du 1 janvier 2016 au .*\) : vérifiez l’année\. Corrigez le champ « Date de publication » puis publiez de nouveau\. 6 contenus liés \(Personne « [^»]+ », Personne « [^»]+ », Personne « [^»]+ » et 3 autres\) pointent vers défi « Brigade numérique » : ils se rétablissent quand ce contenu sera corrigé, rien à y changer\. Le site en ligne est inchangé\.$/);
    // The same problems as data: the défi first, then the person pages that point at it.
    const problems = refused.json['problems'] as Problem[];
    expect(problems[0]).toMatchObject({ entry: { kind: 'Défi', title: 'Brigade numérique' }, field: { label: 'Date de publication' }, file: 'content/defis/brigade-numérique.md', line: expect.any(Number) });
    expect(problems.slice(1).map((p) => [p.entry.kind, p.related?.[0]?.title])).toEqual(Array(6).fill(['Personne', 'Brigade numérique']));
    expect(publishedHead(repo)).toBe(head);
    expect(git(repo, ['branch', '--list', 'cms/defis/brigade-numérique'])).not.toBe('');

    // A new article, valid: published.
    const article = readFileSync(resolve('content/blog/' + git(repo, ['ls-tree', '--name-only', 'main', 'content/blog/']).split('\n').map((p) => p.split('/').pop()!).find((n) => n !== '_index.md')!), 'utf8')
      .replace(/^title: .*$/m, 'title: Un article tout neuf');
    await draftThenReady(decap, hooks, 'articles', 'article-neuf', 'content/blog/article-neuf.md', article);
    const ok = await decap.call('publishUnpublishedEntry', { collection: 'articles', slug: 'article-neuf' }, hooks);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(showMain(repo, 'content/blog/article-neuf.md')).toContain('Un article tout neuf');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a publication that breaks ANOTHER entry (a relation to a renamed term), naming that entry', async () => {
    const { repo, decap, hooks } = await setup('relation');
    opened.push(decap);
    const promo = git(repo, ['show', 'main:content/promos/promotion-4.md']);
    // Deleting a published term that défis use: refused, with the défis' titles.
    const refused = await decap.call('deleteFiles', { paths: ['content/promos/promotion-4.md'], options: { commitMessage: 'Suppression' } }, hooks);
    expect(refused.status).toBe(422);
    expect(refused.json['error']).toMatch(/^Suppression refusée : Défi « Brigade numérique », champ « Promotions n° 1 » : « promotion-4 » ne correspond à aucun contenu de type « Promotion »\. Choisissez un élément existant dans la liste du champ « Promotions n° 1 », ou retirez celui-ci\./);
    expect(showMain(repo, 'content/promos/promotion-4.md')).toBe(promo);
  });

  it('lets a fix be published while the published tree already has an unrelated error', async () => {
    const { repo, decap, hooks } = await setup('already-broken');
    opened.push(decap);
    // An error already on main (committed by hand, outside the back-office).
    const broken = git(repo, ['show', 'main:content/program.md']).replace(/^title: .*$/m, 'title: ""');
    git(repo, ['checkout', '--quiet', 'main']);
    writeFileSync(join(repo, 'content/program.md'), broken);
    git(repo, ['commit', '--quiet', '-am', 'cassé à la main']);
    await draftThenReady(decap, hooks, 'defis', 'brigade-numérique', 'content/defis/brigade-numérique.md', brigade.replace('Brigade numérique', 'Brigade numérique 2'));
    const ok = await decap.call('publishUnpublishedEntry', { collection: 'defis', slug: 'brigade-numérique' }, hooks);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
  });
});

describe('drafts after another publication', () => {
  it('a draft opened after another entry was published shows only its own file once drafts are rebased', async () => {
    const { repo, decap, hooks } = await setup('rebase');
    opened.push(decap);
    await draftThenReady(decap, hooks, 'defis', 'brigade-numérique', 'content/defis/brigade-numérique.md', brigade.replace('Brigade numérique', 'Brigade numérique bis'));
    await draftThenReady(decap, hooks, 'themes', 'sante', 'content/themes/sante.md', '---\ntitle: Santé publique\n---\n');
    expect((await decap.call('publishUnpublishedEntry', { collection: 'themes', slug: 'sante' }, hooks)).status).toBe(200);
    const files = async () => ((await decap.call('unpublishedEntry', { collection: 'defis', slug: 'brigade-numérique' })).json['diffs'] as { path: string }[]).map((d) => d.path);
    // decap-server alone: the thème's file shows up in the défi's draft (Decap opened it with the thème's title).
    expect(await files()).toContain('content/themes/sante.md');
    expect(rebaseDrafts(repo)).toEqual(['cms/defis/brigade-numérique']);
    expect(await files()).toEqual(['content/defis/brigade-numérique.md']);
    expect(git(repo, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });
});

describe('failed calls leave nothing behind', () => {
  /** A save that fails half-way: its text is written, then an asset cannot be (ENOTDIR, as a full disk would fail it). */
  const failingSave = {
    entry: { slug: 'secret', path: 'content/blog/secret.md', raw: '---\ntitle: Jamais relu\n---\nTexte non relu.\n' },
    assets: [{ path: 'media/phase1.png/impossible.png', content: png(1, 1).toString('base64'), encoding: 'base64' }],
    options: { collectionName: 'articles', commitMessage: 'Brouillon', useWorkflow: true, status: 'draft' },
  };
  const upload = { asset: { path: 'media/sans-rapport.png', content: png(1, 1).toString('base64'), encoding: 'base64' }, options: { commitMessage: 'Téléversement' } };

  it('without the guard (main’s behaviour): the failed save’s file goes live with the next unrelated upload', async () => {
    const { repo, decap } = await setup('no-guard');
    opened.push(decap);
    expect((await decap.call('persistEntry', failingSave)).status).toBe(500);
    expect((await decap.call('persistMedia', upload)).status).toBe(200);
    expect(showMain(repo, 'content/blog/secret.md')).toContain('Jamais relu');
  });

  it('with the guard: the repository is put back after the failure, the upload publishes only itself', async () => {
    const { repo, decap, hooks } = await setup('guard');
    opened.push(decap);
    const head = publishedHead(repo);
    expect((await decap.call('persistEntry', failingSave, hooks)).status).toBe(500);
    expect(git(repo, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    expect(git(repo, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    // The draft branch the failed call created is gone too: no ghost entry in the workflow.
    expect(git(repo, ['branch', '--list', 'cms/*'])).toBe('');
    expect(publishedHead(repo)).toBe(head);
    expect(logs.some((l) => l.includes('content/blog/secret.md'))).toBe(true);
    expect((await decap.call('persistMedia', upload, hooks)).status).toBe(200);
    expect(showMain(repo, 'content/blog/secret.md')).toBeUndefined();
    expect(git(repo, ['show', '--name-only', '--format=', 'main'])).toBe('media/sans-rapport.png');
  });

  it('cleans leftovers of a call interrupted before the guard could see it (crash), before the next write', async () => {
    const { repo, decap, hooks } = await setup('crash');
    opened.push(decap);
    writeFileSync(join(repo, 'content/blog/orphelin.md'), '---\ntitle: Orphelin\n---\n');
    expect((await decap.call('persistMedia', upload, hooks)).status).toBe(200);
    expect(showMain(repo, 'content/blog/orphelin.md')).toBeUndefined();
    expect(existsSync(join(repo, 'content/blog/orphelin.md'))).toBe(false);
  });
});

describe('deleting media', () => {
  it('refuses to delete an image published content uses, listing the entries; deletes an unused one', async () => {
    const { repo, decap, hooks } = await setup('media');
    opened.push(decap);
    const used = await decap.call('deleteFile', { path: 'media/defis-brigade-numerique.svg', options: { commitMessage: 'Suppression' } }, hooks);
    expect(used.status).toBe(422);
    expect(used.json['error']).toBe('Suppression refusée : « defis-brigade-numerique.svg » est utilisé par Défi « Brigade numérique ». Retirez-le de ce contenu et publiez la modification avant de le supprimer.');
    expect(showMain(repo, 'media/defis-brigade-numerique.svg')).toBeDefined();

    const upload = { asset: { path: 'media/inutile.png', content: png(1, 1).toString('base64'), encoding: 'base64' }, options: { commitMessage: 'Téléversement' } };
    expect((await decap.call('persistMedia', upload, hooks)).status).toBe(200);
    const unused = await decap.call('deleteFile', { path: 'media/inutile.png', options: { commitMessage: 'Suppression' } }, hooks);
    expect(unused.status, JSON.stringify(unused.json)).toBe(200);
    expect(showMain(repo, 'media/inutile.png')).toBeUndefined();
  });

  it('refuses to delete an image only a draft uses (it would go live broken), naming the draft; a published entry and its draft count once', async () => {
    const { repo, decap, hooks } = await setup('media-draft');
    opened.push(decap);
    const upload = { asset: { path: 'media/nouvelle-photo.png', content: png(1, 1).toString('base64'), encoding: 'base64' }, options: { commitMessage: 'Téléversement' } };
    expect((await decap.call('persistMedia', upload, hooks)).status).toBe(200);
    // A draft of a published défi that now shows the new photo, and a draft of a new article using it in its body.
    expect((await decap.call('persistEntry', entry('defis', 'brigade-numérique', 'content/defis/brigade-numérique.md', brigade.replace(/^image: .*$/m, 'image: img/nouvelle-photo.png')), hooks)).status).toBe(200);
    const article = brigade.replace(/^title: .*$/m, 'title: Article en préparation');
    expect((await decap.call('persistEntry', entry('articles', 'en-preparation', 'content/blog/en-preparation.md', `${article}\n![Photo](/img/nouvelle-photo.png)\n`), hooks)).status).toBe(200);
    const refused = await decap.call('deleteFile', { path: 'media/nouvelle-photo.png', options: { commitMessage: 'Suppression' } }, hooks);
    expect(refused.status).toBe(422);
    expect(refused.json['error']).toBe('Suppression refusée : « nouvelle-photo.png » est utilisé par Article « Article en préparation » (brouillon), Défi « Brigade numérique » (brouillon). Retirez-le de ces contenus et publiez les modifications avant de le supprimer.');
    expect(showMain(repo, 'media/nouvelle-photo.png')).toBeDefined();
    // The published défi's own image: its draft (which dropped it) does not hide the published
    // use, listed once, not as a draft; the article draft (a copy of the défi) keeps it too.
    const published = await decap.call('deleteFile', { path: 'media/defis-brigade-numerique.svg', options: { commitMessage: 'Suppression' } }, hooks);
    expect(published.json['error']).toMatch(/est utilisé par Défi « Brigade numérique », Article « Article en préparation » \(brouillon\)\. /);
  });

  it('recognises the ways content refers to a media file, and not names that merely end the same way', () => {
    const p = referencePattern('phase1.png');
    for (const ok of ['icon: img/phase1.png', 'image: /img/phase1.png', '![x](/img/phase1.png)', '{{< figure src="img/phase1.png" >}}', 'image: phase1.png', "image: 'img/phase1.png'"]) expect(p.test(ok), ok).toBe(true);
    for (const no of ['icon: img/autre/phase1.png', 'image: img/bigphase1.png', 'image: img/phase1.png.bak']) expect(p.test(no), no).toBe(false);
    expect(referencePattern('demo/été 2024.png').test('![x](/img/demo/%C3%A9t%C3%A9%202024.png)')).toBe(true);
  });

  it('finds references in a page’s lists too', async () => {
    const { repo, decap, hooks } = await setup('media-body');
    opened.push(decap);
    const users = git(repo, ['grep', '-l', 'phase1.png', 'main', '--', 'content']).split('\n');
    expect(users.length).toBeGreaterThan(0);
    const refused = await decap.call('deleteFiles', { paths: ['media/phase1.png'], options: { commitMessage: 'Suppression' } }, hooks);
    expect(refused.status).toBe(422);
    expect(refused.json['error']).toMatch(/« phase1\.png » est utilisé par /);
  });
});
