/**
 * The embedded back-office, for real: `npm start`'s core (decap-server on a dedicated git
 * repository, the site server with its /api/v1 proxy, the rebuild on publish) on free ports, on a
 * temporary copy of the demo content, driven in Chromium like an editor does it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';
import { png } from '../helpers/png.ts';
import { fillNewDefi } from '../helpers/decap-ui.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { exportPublished, filesOf, git, publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish } from '../../backoffice/api/client.ts';
import { slugify } from '../../src/lib/content/slug.ts';

const BUILD_TIMEOUT = 600_000;
let t: TestStack;
let browser: Browser;
const unrelated = ['notes-personnelles.txt', 'content/brouillon-perso.txt'];

beforeAll(async () => {
  // No publication guard here (hooks: {}): the invalid publication below must reach the build, to
  // test what the stack does when a build fails (the guard's refusals: backoffice-publish-guard).
  t = await startTestStack(inject('distDir'), { hooks: {} });
  // The project's tree is a git repository with unrelated, uncommitted files in it.
  git(t.project.root, ['init', '--quiet']);
  git(t.project.root, ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '--quiet', '--allow-empty', '-m', 'projet']);
  for (const f of unrelated) writeFileSync(join(t.project.root, f), 'ne doit jamais être publié\n');
  browser = await launchBrowser();
}, BUILD_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function adminPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const external: string[] = [];
  page.on('request', (r) => { if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(t.stack.url)) external.push(r.url()); });
  page.on('dialog', (d) => void d.accept()); // "publish now?" confirmation
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  expect(external, 'aucune requête ne quitte la machine').toEqual([]);
  return page;
}

/** Brouillon → En cours de révision → Prêt → Publier maintenant, in the editor's toolbar. */
async function reviewAndPublish(page: Page) {
  await page.getByText('Statut : Brouillon').click();
  await page.getByRole('menuitem', { name: 'En cours de révision' }).click();
  await page.getByText('Statut : En cours de révision').waitFor();
  await page.getByText('Statut : En cours de révision').click();
  await page.getByRole('menuitem', { name: 'Prêt' }).click();
  await page.getByText('Statut : Prêt').waitFor();
  await page.getByRole('button', { name: 'Publier' }).click();
  await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
}

async function waitForNewHead(before: string, timeoutMs = 60_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const head = publishedHead(t.stack.repoDir);
    if (head !== before) return head;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('la branche publiée n’a pas bougé');
}

const text = async (path: string) => {
  const res = await fetch(`${t.stack.url}${path}`);
  return { status: res.status, html: await res.text() };
};

describe('back-office embarqué', () => {
  it('serves /admin/ with the configuration of the local backend and the status page', async () => {
    const config = await text('/admin/config.yml');
    expect(config.html).toContain(`proxy_url: ${t.stack.url}/api/v1`);
    expect(config.html).toContain('publish_mode: editorial_workflow');
    expect((await text('/admin/statut/')).html).toContain('En ligne');
  });

  it('publishes a key number of /programme/ through the editorial workflow', async () => {
    const before = publishedHead(t.stack.repoDir);
    const page = await adminPage();
    await page.goto(`${t.stack.url}/admin/#/collections/pages/entries/program`);
    const list = page.locator('[id^="numbers-field"]').first();
    await list.waitFor();
    await list.locator('[style*="transition"]').first().locator('button').first().click(); // expand the first number
    await list.locator('input[id^="num-field"]').first().fill('4242');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor();
    // A draft lives on its own branch: the published branch has not moved.
    expect(publishedHead(t.stack.repoDir)).toBe(before);
    expect(git(t.stack.repoDir, ['branch', '--list', 'cms/*'])).toContain('cms/pages/program');
    await reviewAndPublish(page);

    const after = await waitForNewHead(before);
    expect(git(t.stack.repoDir, ['rev-list', '--count', `${before}..${after}`])).toBe('1');
    expect(filesOf(t.stack.repoDir, after)).toEqual(['content/program.md']);
    await t.stack.waitForServed(after, BUILD_TIMEOUT);
    const programme = await text('/programme/');
    expect(programme.html).toMatch(/class="eig-number"[^>]*>\s*4242\s*</);
    await page.close();

    // `npm run cms:export` brings the published change back into the project's tree.
    const exported = exportPublished(t.stack.repoDir, t.project);
    expect(exported.written).toEqual(['content/program.md']);
    expect(readFileSync(join(t.project.contentDir, 'program.md'), 'utf8')).toContain('"4242"');
    expect(exportPublished(t.stack.repoDir, t.project).written).toEqual([]);
  }, BUILD_TIMEOUT);

  it('creates a défi with an uploaded image and a promotion, and publishes it', async () => {
    const title = 'Défi de démonstration éphémère';
    const slug = slugify(title);
    const before = publishedHead(t.stack.repoDir);
    const page = await adminPage();
    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    await fillNewDefi(page, title, 'Un défi créé par le test du back-office.');
    await page.getByRole('button', { name: 'Choisir une image' }).first().click();
    const picto = join(t.project.root, 'picto-essai.png');
    writeFileSync(picto, png(48, 48));
    await page.locator('input[type=file]').first().setInputFiles(picto);
    await page.getByText('picto-essai.png').first().waitFor();
    await page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }).click();
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type('Le corps du défi de démonstration.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor();
    await reviewAndPublish(page);

    const after = await waitForNewHead(before);
    expect(filesOf(t.stack.repoDir, after).sort()).toEqual([`content/defis/${slug}.md`, 'media/picto-essai.png']);
    const file = git(t.stack.repoDir, ['show', `${after}:content/defis/${slug}.md`]);
    expect(file).toMatch(/promos:\n\s+- promotion-4/);
    expect(file).toContain('image: img/picto-essai.png');
    expect(file).toContain('visible: true');
    await t.stack.waitForServed(after, BUILD_TIMEOUT);
    expect((await text('/defis/')).html).toContain(title);
    const defi = await text(`/defis/${slug}/`);
    expect(defi.status).toBe(200);
    expect(defi.html).toContain(title);
    expect(defi.html).toMatch(/picto-essai/);
    const promo = await text('/promos/promotion-4/');
    expect(promo.status).toBe(200);
    expect(promo.html).toContain(title);
    await page.close();
  }, BUILD_TIMEOUT);

  it('keeps the last good site online and reports the error when a publication is invalid', async () => {
    const before = publishedHead(t.stack.repoDir);
    const servedBefore = t.stack.status().served;
    await saveAndPublish(`${t.stack.url}/api/v1`, {
      collection: 'themes', slug: 'sante', path: 'content/themes/sante.md', raw: '---\ntitle: [non, fermé\n---\n',
    });
    const after = await waitForNewHead(before);
    await expect(t.stack.waitForServed(after, BUILD_TIMEOUT)).rejects.toThrow(/^construction échouée : Thématique « sante »/);
    expect(t.stack.status().served).toBe(servedBefore);
    // The problem as data: the file (YAML that does not parse: a problem of the whole file).
    expect(t.stack.status().error?.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'content/themes/sante.md', entry: expect.objectContaining({ kind: 'Thématique', title: 'sante' }), severity: 'error' })]));
    expect((await text('/programme/')).status).toBe(200);
    const status = await text('/admin/statut/');
    expect(status.html).toContain('Échec de la mise en ligne');
    expect(status.html).toMatch(/content\/themes\/sante\.md:\d+/);
    expect(t.logs.join('\n')).toMatch(/ÉCHEC[\s\S]*themes\/sante\.md/);
  }, BUILD_TIMEOUT);

  it('never commits a file dropped in the project’s working tree', () => {
    const everything = git(t.stack.repoDir, ['log', '--all', '--name-only', '--format=']);
    expect(everything).toContain('content/program.md'); // the log does list published files
    for (const f of unrelated) expect(everything).not.toContain(f.split('/').pop()!);
    // The project's own repository saw no commit and still has the files, untracked.
    expect(git(t.project.root, ['rev-list', '--count', 'HEAD'])).toBe('1');
    const untracked = git(t.project.root, ['status', '--porcelain', '--untracked-files=all']);
    for (const f of unrelated) expect(untracked).toContain(`?? ${f}`);
  });
});
