/**
 * A team session in the real Decap UI (issue #20): two people, two roles, each signing in through
 * the real OpenID provider's pages in Chromium. Camille (redaction) changes a key number and
 * asks for review, and is refused « Prêt » with the French 403 shown by Decap; Dominique
 * (publication) marks it ready and publishes; the page is live, the commits carry both authors.
 * Screenshots in .data/screens/team/ (looked at).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { PEOPLE, startTeamStack, type TeamStack } from '../helpers/team-stack.ts';
import { saveProgramFigure } from '../helpers/decap-ui.ts';

const BUILD_TIMEOUT = 600_000;
const SHOTS = '.data/screens/team';
let t: TeamStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startTeamStack(inject('distDir'));
  browser = await launchBrowser();
}, BUILD_TIMEOUT);
afterAll(async () => { await browser?.close(); await t?.close(); });

/** Opens /admin/ in a fresh browser profile: the login redirect, the provider's form, back to Decap. */
async function signIn(login: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  // The provider's dev pages import a web font: nothing leaves the machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${t.url}/admin/`, { waitUntil: 'domcontentloaded' });
  expect(page.url().startsWith(t.provider.issuer)).toBe(true);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('x');
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL(`${t.url}/admin/**`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  return { context, page };
}

async function setStatus(page: Page, from: string, to: string) {
  await page.getByText(`Statut : ${from}`).click();
  await page.getByRole('menuitem', { name: to }).click();
}

describe('session d’équipe dans Decap (deux personnes, deux rôles)', () => {
  it('redaction drafts and asks for review, is refused « Prêt »; publication publishes; live and authored', async () => {
    const before = publishedHead(t.stack.repoDir);
    const camille = await signIn('camille');
    const page = camille.page;
    await saveProgramFigure(page, t.url, '5151');
    await setStatus(page, 'Brouillon', 'En cours de révision');
    await page.getByText('Statut : En cours de révision').waitFor();
    await setStatus(page, 'En cours de révision', 'Prêt');
    await page.getByText(/votre rôle \(rédaction\) ne permet pas de marquer une entrée « prête »/).first().waitFor();
    await page.waitForTimeout(800); // the toast's slide-in
    await page.screenshot({ path: `${SHOTS}/redaction-refus-1280.png` });
    expect(publishedHead(t.stack.repoDir)).toBe(before);
    await camille.context.close();

    const dominique = await signIn('dominique');
    const p2 = dominique.page;
    await p2.goto(`${t.url}/admin/#/workflow`);
    await p2.waitForTimeout(2500);
    await p2.screenshot({ path: `${SHOTS}/publication-flux-1280.png` });
    await p2.goto(`${t.url}/admin/#/collections/pages/entries/program`);
    await setStatus(p2, 'En cours de révision', 'Prêt');
    await p2.getByText('Statut : Prêt').waitFor();
    await p2.getByRole('button', { name: 'Publier' }).click();
    await p2.getByRole('menuitem', { name: 'Publier maintenant' }).click();
    const end = Date.now() + 60_000;
    while (publishedHead(t.stack.repoDir) === before && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const after = publishedHead(t.stack.repoDir);
    expect(after).not.toBe(before);
    expect(git(t.stack.repoDir, ['log', '--format=%an <%ae>', `${before}..${after}`]).split('\n').sort())
      .toEqual([`Camille Rédaction <${PEOPLE[0].email}>`, `Dominique Publication <${PEOPLE[1].email}>`].sort());
    await t.stack.waitForServed(after, BUILD_TIMEOUT);
    await p2.goto(`${t.url}/programme/`);
    await expect(p2.locator('.eig-number').first().textContent()).resolves.toContain('5151');
    await p2.screenshot({ path: `${SHOTS}/publication-en-ligne-1280.png` });
    // The status bar's way out ends the server's session (and the provider's).
    await p2.goto(`${t.url}/admin/`);
    const out = p2.getByRole('link', { name: 'Se déconnecter' });
    await out.waitFor();
    expect(await out.getAttribute('title')).toBe('Connecté·e : Dominique Publication');
    await p2.screenshot({ path: `${SHOTS}/publication-barre-1280.png` });
    await out.focus();
    await p2.keyboard.press('Enter');
    // The provider's end-session page (id_token_hint) asks to confirm, then comes back here.
    await p2.waitForURL(`${t.provider.issuer}/**`);
    await p2.getByRole('button', { name: /sign me out/i }).click();
    await p2.waitForURL(`${t.url}/auth/logged-out`);
    await p2.getByRole('heading', { name: 'Vous êtes déconnecté·e' }).waitFor();
    expect((await p2.request.post(`${t.url}/api/v1`, { headers: { origin: t.url, 'content-type': 'application/json' }, data: { action: 'info', params: { branch: 'main' } } })).status()).toBe(401);
    await dominique.context.close();

    // The administrator's journal, and the refusal page of an unknown address, at 1280 and 390 px.
    for (const width of [1280, 390]) {
      const alex = await signIn('alex', width);
      await alex.page.goto(`${t.url}/admin/journal/`);
      await alex.page.getByRole('heading', { name: 'Journal des accès' }).waitFor();
      expect(await alex.page.locator('tbody tr').count()).toBeGreaterThan(3);
      await alex.page.screenshot({ path: `${SHOTS}/journal-${width}.png`, fullPage: true });
      await alex.context.close();
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
      const intrus = await context.newPage();
      await intrus.goto(`${t.url}/admin/`, { waitUntil: 'domcontentloaded' });
      await intrus.locator('input[name=login]').fill('intrus');
      await intrus.locator('input[name=password]').fill('x');
      await intrus.locator('input[name=password]').press('Enter');
      await intrus.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      await intrus.screenshot({ path: `${SHOTS}/refus-inconnu-${width}.png`, fullPage: true });
      await context.close();
    }
  }, BUILD_TIMEOUT);
});
