/**
 * The first screen after login and the status at the click of « Publier maintenant », in the
 * real Decap UI (#22 items 5 and 6):
 * - after login, « Par où commencer » lists the drafts waiting for review with links to their
 *   editor and the main collections (backoffice/admin/home.ts, bundle patch `home-screen`);
 *   Decap 3.16 redirected to its first collection;
 * - at the click (once confirmed), the status bar says « Mise en ligne en cours… » while the
 *   publication request has not even reached the server (held here), then the real state
 *   (backoffice/admin/publishing.ts, Decap's prePublish event); the bar kept « En ligne depuis … »
 *   until its next poll saw the server building.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import type { TestStack } from '../helpers/stack.ts';
import { publishedHead } from '../../backoffice/git/repo.ts';

let session: DecapSession;
let t: TestStack;
let page: Page;

/** Moves the entry open in the editor from its status to the next one, with Decap's « Statut » menu. */
async function setStatus(from: string, to: string) {
  await page.getByText(`Statut : ${from}`).click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByText(`Statut : ${to}`).waitFor();
}

beforeAll(async () => {
  session = await decapSession(inject('distDir'));
  ({ t, page } = session);
  page.on('dialog', (d) => void d.accept()); // « Publier ce contenu sur le site ? »
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor();
  // A draft waiting for review.
  await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
  const description = page.locator('textarea[id^="description-field"]');
  await description.fill(`${await description.inputValue()} Relu.`);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
  await setStatus('Brouillon', 'En cours de révision');
}, 600_000);
afterAll(async () => {
  await session?.close();
});

describe('the first screen', () => {
  it('after login, « Par où commencer » lists the drafts waiting for review, with links', async () => {
    // Logged out (Decap keeps its user in localStorage), then in again.
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${t.stack.url}/admin/`);
    await page.reload();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Par où commencer' }).waitFor();
    const waiting = page.locator('section', { has: page.getByRole('heading', { name: 'À relire' }) });
    const link = waiting.getByRole('link', { name: 'Cantine locale', exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('#/collections/defis/entries/cantine-locale');
    expect(await waiting.textContent()).toContain('en cours de révision');
    for (const name of ['Défis', 'Articles', 'Personnes', 'Nouveau défi']) await page.getByRole('link', { name, exact: true }).waitFor();
    await link.click();
    await page.getByText('Statut : En cours de révision').waitFor();
  });
});

describe('« Publier maintenant »', () => {
  it('says « Mise en ligne en cours… » at the click, before the request reaches the server, then the real state', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await page.getByText('Statut : En cours de révision').waitFor();
    const before = publishedHead(t.stack.repoDir);
    const bar = page.locator('#eig-status');
    await bar.getByText(/^En ligne depuis/).waitFor();
    // The publication request is held until the bar has been read: nothing on the server can
    // have said « building » yet.
    let release!: () => void;
    const held = new Promise<Route>((resolve) => {
      void page.route(`${t.stack.url}/api/v1`, async (route) => {
        const body = route.request().postDataJSON() as { action?: string };
        if (body.action === 'publishUnpublishedEntry') resolve(route); else await route.continue();
      });
    });
    void held.then((route) => { release = () => void route.continue(); });
    await setStatus('En cours de révision', 'Prêt');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
    await held;
    const shown = await bar.getByText('Mise en ligne en cours…', { exact: true }).waitFor({ timeout: 15_000 }).then(() => true, () => false);
    release();
    await page.unroute(`${t.stack.url}/api/v1`);
    expect(shown, '« Mise en ligne en cours… » while the publication is on its way').toBe(true);
    // Then the real state: the new version online.
    await expect.poll(() => publishedHead(t.stack.repoDir), { timeout: 60_000 }).not.toBe(before);
    const served = await t.stack.waitForServed(publishedHead(t.stack.repoDir), 300_000);
    expect(served.state).toBe('ready');
    // « Publié par … : Défi « … » » (who published what, publish/publication.ts), or « En ligne depuis … ».
    await bar.getByText(/^(Publié par |En ligne depuis)/).waitFor({ timeout: 60_000 });
  }, 600_000);
});
