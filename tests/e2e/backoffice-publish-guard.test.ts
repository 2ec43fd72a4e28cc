/**
 * The publication guard (backoffice/guard/guard.ts) in the embedded back-office, for real: the
 * stack with the guard's hooks, the API as Decap calls it, the site rebuilt on publish.
 * - an invalid entry's publication is refused (French message naming entry and field) and the
 *   published branch does not move; a valid one published after it goes live;
 * - deleting an image a published défi uses is refused, with the défi's title;
 * - in Chromium, Decap shows the refusal to the editor, and the status bar keeps it in view.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { api, saveAndPublish, saveDraft, setStatus } from '../../backoffice/api/client.ts';

const BUILD_TIMEOUT = 600_000;
let t: TestStack;
let browser: Browser;
const brigade = readFileSync('content/defis/brigade-numérique.md', 'utf8');
const invalid = { collection: 'defis', slug: 'brigade-numérique', path: 'content/defis/brigade-numérique.md', raw: brigade.replace('date: 2025-10-01', 'date: 1907-10-01') };

beforeAll(async () => {
  t = await startTestStack(inject('distDir')); // the stack's default hooks: the publication guard
  browser = await launchBrowser();
}, BUILD_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const apiUrl = () => `${t.stack.url}/api/v1`;
const refusal = (p: Promise<unknown>) => p.then(() => 'accepté', (e: Error) => e.message);

describe('garde de publication', () => {
  it('refuses an invalid entry’s publication; a valid one published after it goes live', async () => {
    const head = publishedHead(t.stack.repoDir);
    await saveDraft(apiUrl(), invalid);
    await setStatus(apiUrl(), invalid, 'pending_publish');
    const refused = await refusal(api(apiUrl(), 'publishUnpublishedEntry', { collection: invalid.collection, slug: invalid.slug }));
    expect(refused).toMatch(/HTTP 422 .*Publication refusée : Défi « Brigade numérique », champ « Date de publication » : date hors de la période admise/);
    expect(publishedHead(t.stack.repoDir)).toBe(head);

    const title = 'Thème publié après un refus';
    await saveAndPublish(apiUrl(), { collection: 'themes', slug: 'sante', path: 'content/themes/sante.md', raw: `---\ntitle: ${title}\n---\n` });
    const after = publishedHead(t.stack.repoDir);
    expect(after).not.toBe(head);
    await t.stack.waitForServed(after, BUILD_TIMEOUT);
    expect(await (await fetch(`${t.stack.url}/themes/sante/`)).text()).toContain(title);
    const status = (await (await fetch(`${t.stack.url}/_status.json`)).json()) as { state: string };
    expect(status.state).toBe('ready');
  }, BUILD_TIMEOUT);

  it('refuses to delete an image a published défi uses, naming it', async () => {
    const refused = await refusal(api(apiUrl(), 'deleteFile', { path: 'media/defis-brigade-numerique.svg', options: { commitMessage: 'Suppression' } }));
    expect(refused).toMatch(/HTTP 422 .*Suppression refusée : « defis-brigade-numerique\.svg » est utilisé par Défi « Brigade numérique »/);
    expect(git(t.stack.repoDir, ['ls-tree', '--name-only', 'main', 'media/'])).toContain('media/defis-brigade-numerique.svg');
    expect((await fetch(`${t.stack.url}/img/defis-brigade-numerique.svg`)).status).toBe(200);
  });

  it('shows the refusal in Decap and keeps it in the status bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The bar keeps the last refusal (the deletion above) in view for two minutes.
    await expect.poll(() => page.locator('#eig-status').textContent(), { timeout: 20_000 }).toMatch(/^Suppression refusée : « defis-brigade-numerique\.svg »/);
    // The invalid draft from the first test, ready: « Publier maintenant » from the editor.
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/brigade-num%C3%A9rique`);
    // The draft opens with its own data although another entry was published since (rebaseDrafts).
    await expect.poll(() => page.locator('input[id^="title-field"]').inputValue(), { timeout: 30_000 }).toBe('Brigade numérique');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
    // Decap's toast: its own prefix, then the guard's message (any non-2xx status with {error} shows it).
    const toast = page.getByText(/^Échec de la publication : .*Publication refusée : Défi « Brigade numérique »/);
    await toast.waitFor({ timeout: 30_000 });
    if (process.env['GUARD_SHOTS']) await page.screenshot({ path: `${process.env['GUARD_SHOTS']}/refus-publication.png` });
    expect(await toast.textContent()).toContain('Date de publication');
    // Decap's toast goes after 8 s; the status bar keeps the refusal in view.
    await expect.poll(() => page.locator('#eig-status').textContent(), { timeout: 20_000 }).toMatch(/^Publication refusée : Défi « Brigade numérique »/);
    await page.close();
  }, 120_000);
});
