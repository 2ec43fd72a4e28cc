/**
 * The publication guard (backoffice/guard/guard.ts) in the embedded back-office, for real: the
 * stack with the guard's hooks, the API as Decap calls it, the site rebuilt on publish.
 * - an invalid entry's publication is refused (French message naming entry and field) and the
 *   published branch does not move; a valid one published after it goes live;
 * - deleting an image a published défi uses is refused, with the défi's title;
 * - the refusal carries its problems as data (entry title, field label, file, line) in the API's
 *   answer and in /_status.json, and says the site online is unchanged;
 * - in Chromium, Decap shows the refusal to the editor without « API_ERROR », the status bar keeps
 *   it in view and /admin/statut/ lists it with links to the entries.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { api, saveAndPublish, saveDraft, setStatus } from '../../backoffice/api/client.ts';
import type { StackStatus } from '../../backoffice/types.ts';

/** The défi's problem as data, as the guard gives it (backoffice/problems/problem.ts). */
const OWN = {
  entry: { kind: 'Défi', title: 'Brigade numérique', file: 'content/defis/brigade-numérique.md', admin: '/admin/#/collections/defis/entries/brigade-num%C3%A9rique' },
  field: { path: 'date', label: 'Date de publication' }, file: 'content/defis/brigade-numérique.md', line: 11, severity: 'error',
};

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

    // The answer Decap reads: the sentence, and the problems as data (no text parsed back).
    const raw = await fetch(apiUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'publishUnpublishedEntry', params: { branch: 'main', collection: invalid.collection, slug: invalid.slug } }) });
    expect(raw.status).toBe(422);
    const answer = (await raw.json()) as { error: string; problems?: { entry: { kind: string }; related?: { title: string }[] }[] };
    expect(answer.problems?.[0]).toMatchObject(OWN);
    // The person pages pointing at the défi: « contenus liés », each naming the défi.
    const linked = answer.problems!.slice(1);
    expect(linked.length).toBeGreaterThan(0);
    for (const p of linked) expect([p.entry.kind, p.related?.[0]?.title]).toEqual(['Personne', 'Brigade numérique']);
    expect(answer.error).toMatch(/^Publication refusée : Défi « Brigade numérique », champ « Date de publication » : .*\. Corrigez le champ « Date de publication » puis publiez de nouveau\. \d+ contenus? liés? \(Personne « .*pointen?t? vers défi « Brigade numérique ».* Le site en ligne est inchangé\.$/);
    expect(answer.error).not.toMatch(/API_ERROR|: erreur : |relation par slug|\.md\b/);
    const s = (await (await fetch(`${t.stack.url}/_status.json`)).json()) as StackStatus;
    expect(s.refusal?.action).toBe('publishUnpublishedEntry');
    expect(s.refusal?.problems?.[0]).toMatchObject(OWN);
    expect(s.refusal?.problems?.length).toBe(answer.problems!.length);

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
    await expect.poll(() => page.locator('#eig-status').textContent(), { timeout: 20_000 }).toMatch(/^Suppression refusée\u00a0: «\u00a0defis-brigade-numerique\.svg\u00a0»/);
    // The invalid draft from the first test, ready: « Publier maintenant » from the editor.
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/brigade-num%C3%A9rique`);
    // The draft opens with its own data although another entry was published since (rebaseDrafts).
    await expect.poll(() => page.locator('input[id^="title-field"]').inputValue(), { timeout: 30_000 }).toBe('Brigade numérique');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
    // Decap's toast: the guard's message as it wrote it (Decap's « Échec de la publication :
    // API_ERROR: » prefix removed by admin/toasts.ts).
    const toast = page.locator('.Toastify__toast').filter({ hasText: 'Publication refusée' });
    await toast.waitFor({ timeout: 30_000 });
    if (process.env['GUARD_SHOTS']) await page.screenshot({ path: `${process.env['GUARD_SHOTS']}/refus-publication.png` });
    const text = await toast.innerText();
    expect(text).toMatch(/^Publication refusée : Défi « Brigade numérique », champ « Date de publication » : date hors de la période admise/);
    expect(text).toContain('Le site en ligne est inchangé.');
    expect(text).not.toMatch(/API_ERROR|Échec de la publication/);
    // Decap's toast goes after 8 s; the status bar keeps the refusal in view, and says nothing changed online.
    await expect.poll(() => page.locator('#eig-status').textContent(), { timeout: 20_000 }).toMatch(/^Publication refusée à \d+\u00a0h\u00a0\d\d\u00a0: Défi «\u00a0Brigade numérique\u00a0», champ «\u00a0Date de publication\u00a0»\u00a0: .* \(et \d+ contenus liés\)\. Le site en ligne est inchangé\.(Guide|$)/);
    // The status page: one item per problem, links to the entries, the site unchanged.
    await page.goto(`${t.stack.url}/admin/statut/`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Dernière demande refusée');
    expect(main).toMatch(/Rien n’a été publié : le site en ligne est inchangé/);
    expect(await page.locator('main a[href="/admin/#/collections/defis/entries/brigade-num%C3%A9rique"]').count()).toBeGreaterThan(0);
    expect(await page.locator('main a[href^="/admin/#/collections/personnes/entries/"]').count()).toBeGreaterThan(0);
    if (process.env['GUARD_SHOTS']) await page.screenshot({ path: `${process.env['GUARD_SHOTS']}/statut-refus.png`, fullPage: true });
    await page.close();
  }, 120_000);
});
