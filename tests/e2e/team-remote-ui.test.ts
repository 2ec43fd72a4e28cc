/**
 * The content remote as an editor sees it, in the real Decap UI (issue #20 item 5): Dominique
 * (publication) signs in through the real OpenID provider's pages in Chromium and publishes while
 * the remote refuses pushes (a pre-receive hook); the status bar of /admin/ says so in French;
 * the status page's « Dépôt distant » part says what to do; once the remote accepts again, the
 * button, reached and pressed with the keyboard, sends the publication. Then a broken commit
 * pushed by a developer is refused, its problem listed on the status page. Screenshots (1280 and
 * 390 px) in .data/screens/remote/ (looked at).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { publishedHead } from '../../backoffice/git/repo.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTeamStack, type TeamStack } from '../helpers/team-stack.ts';
import { contentRemoteFixture, type ContentRemoteFixture } from '../helpers/content-remote.ts';
import { saveProgramFigure } from '../helpers/decap-ui.ts';

const BUILD_TIMEOUT = 600_000;
const SHOTS = '.data/screens/remote';
let t: TeamStack;
let r: ContentRemoteFixture;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  r = contentRemoteFixture();
  t = await startTeamStack(inject('distDir'), { remote: r.bare });
  browser = await launchBrowser();
}, BUILD_TIMEOUT);
afterAll(async () => { await browser?.close(); await t?.close(); r?.remove(); });

async function signIn(login: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (x) => x.abort());
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${t.url}/admin/`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('x');
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL(`${t.url}/admin/**`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  return page;
}

/** Tabs (bounded) until the focused element has this accessible text, then presses Enter. */
async function pressByKeyboard(page: Page, text: string, shot?: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === text) {
      if (shot) await page.screenshot({ path: shot });
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`« ${text} » n’est pas atteint au clavier`);
}

describe('dépôt distant dans le back-office (Decap, barre d’état, page d’état)', () => {
  it('shows a refused push in the status bar and the status page, and sends it with the keyboard once accepted', async () => {
    const allow = r.refusePushes('Branche main protégée sur la forge (démonstration)');
    const page = await signIn('dominique');
    const before = publishedHead(t.stack.repoDir);
    try {
      await saveProgramFigure(page, t.url, '6161');
      await page.getByText('Statut : Brouillon').click();
      await page.getByRole('menuitem', { name: 'Prêt' }).click();
      await page.getByText('Statut : Prêt').waitFor();
      await page.getByRole('button', { name: 'Publier' }).click();
      await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
      const end = Date.now() + 60_000;
      while (publishedHead(t.stack.repoDir) === before && Date.now() < end) await new Promise((ok) => setTimeout(ok, 200));
      const after = publishedHead(t.stack.repoDir);
      expect(after).not.toBe(before);
      await t.stack.waitForServed(after, BUILD_TIMEOUT);
      await page.goto(`${t.url}/admin/`);
      const bar = page.getByRole('status').filter({ hasText: 'Envoi au dépôt distant refusé' });
      await bar.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS}/barre-envoi-refuse-1280.png` });
      expect(r.head()).not.toBe(after);

      await page.goto(`${t.url}/admin/statut/`);
      await page.getByRole('heading', { name: 'Dépôt distant' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('Branche main protégée sur la forge (démonstration)'.slice(0, 20));
      await page.screenshot({ path: `${SHOTS}/statut-envoi-refuse-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/statut-envoi-refuse-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      allow();
      await page.goto(`${t.url}/admin/statut/`);
      await pressByKeyboard(page, 'Synchroniser maintenant avec le dépôt distant', `${SHOTS}/statut-bouton-focus-1280.png`);
      await page.waitForURL(`${t.url}/admin/statut/#depot-distant`);
      await page.getByText(/^Dépôt distant à jour/).waitFor();
      expect(r.head()).toBe(after);
      await page.screenshot({ path: `${SHOTS}/statut-a-jour-1280.png`, fullPage: true });
    } finally { allow(); }

    // A broken commit pushed by a developer: refused, its problem listed, the site unchanged.
    const served = publishedHead(t.stack.repoDir);
    r.commit('content/defis/brigade-numérique.md', (x) => x.replace('date: 2025-10-01', 'date: 1907-10-01'), 'Date erronée');
    await page.goto(`${t.url}/admin/statut/`);
    await pressByKeyboard(page, 'Synchroniser maintenant avec le dépôt distant');
    await page.getByText(/^Modifications du dépôt distant refusées/).waitFor();
    expect(publishedHead(t.stack.repoDir)).toBe(served);
    await page.screenshot({ path: `${SHOTS}/statut-commit-refuse-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/statut-commit-refuse-390.png`, fullPage: true });
    await page.goto(`${t.url}/admin/`);
    await page.getByRole('status').filter({ hasText: 'Modifications du dépôt distant refusées' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/barre-commit-refuse-390.png` });
  }, BUILD_TIMEOUT);
});
