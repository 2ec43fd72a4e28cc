/**
 * axe-core (WCAG A/AA and best practices, page-checks.ts) on Decap's screens in the real UI at
 * 1280 px (#22 item 2): the login screen, a collection list, the editor of each collection kind
 * (défi, article, personne, thème, page; the preview frame's content is the site's page, checked by
 * tests/a11y/axe.test.ts, but the frame itself must be named), the media library and the workflow
 * board with a draft on it, the first screen after login (« Par où commencer », backoffice/admin/home.ts)
 * listing that draft: 0 violations on each. Fixed by backoffice/admin/contrast.ts (colours),
 * backoffice/admin/focus.ts (main landmark) and patches of the bundle
 * (src/integrations/decap-patches.ts: names and states of Decap's controls).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import { axeSource, axeViolations } from '../helpers/page-checks.ts';
import type { TestStack } from '../helpers/stack.ts';

let session: DecapSession;
let t: TestStack;
let page: Page;

beforeAll(async () => {
  session = await decapSession(inject('distDir'), axeSource);
  ({ t, page } = session);
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
}, 600_000);
afterAll(async () => {
  await session?.close();
});

/** axe on the screen shown, the preview frame's content left out. */
const check = () => axeViolations(page, [], false);

const EDITORS = [
  ['défi', 'defis/entries/cantine-locale'],
  ['article', 'articles/entries/appel-a-defis-demo-2026'],
  ['personne', 'personnes/entries/adrien-collin'],
  ['thème', 'themes/entries/culture'],
  ['page', 'pages/entries/home'],
  ['page with lists (« Monter » / « Descendre »)', 'pages/entries/program'],
] as const;

describe('axe on the back-office screens: 0 violations', () => {
  it('login screen', async () => {
    expect(await check()).toEqual([]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  });

  it('collection list (défis)', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.locator('a[href*="#/collections/defis/entries/"]').first().waitFor();
    expect(await check()).toEqual([]);
  });

  it.each(EDITORS)('editor of a %s', async (_kind, path) => {
    await page.goto(`${t.stack.url}/admin/#/collections/${path}`);
    await page.locator('#preview-pane').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    expect(await check()).toEqual([]);
  });

  it('media library', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByRole('button', { name: 'Médias' }).click();
    await page.locator('label.nc-fileUploadButton').waitFor();
    await page.getByRole('button', { name: 'defis-eau-claire.svg', exact: true }).waitFor();
    // The modal fades in: axe read its text half transparent on a loaded machine.
    await page.waitForFunction(() => {
      for (let e = document.querySelector('[class*="-LibraryTitle"]'); e; e = e.parentElement) if (getComputedStyle(e).opacity !== '1') return false;
      return true;
    });
    expect(await check()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('label.nc-fileUploadButton').waitFor({ state: 'detached' });
  });

  it('workflow board, with a draft', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    const description = page.locator('textarea[id^="description-field"]');
    await description.fill(`${await description.inputValue()} Relu.`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    await page.goto(`${t.stack.url}/admin/#/workflow`);
    await page.locator('[class*="-WorkflowCard"]').first().waitFor();
    expect(await check()).toEqual([]);
  });

  it('first screen, « Par où commencer », with the draft waiting', async () => {
    // The board's draft sent to review (its card's « Déplacer vers » button), then the first screen.
    await page.getByRole('button', { name: /^Déplacer « Cantine locale\b.* » vers « En cours de révision »$/ }).click();
    await page.getByText('Statut mis à jour').first().waitFor({ timeout: 30_000 });
    await page.goto(`${t.stack.url}/admin/#/`);
    await page.getByRole('heading', { level: 1, name: 'Par où commencer' }).waitFor();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor();
    await page.getByRole('link', { name: 'Cantine locale', exact: true }).waitFor();
    expect(await check()).toEqual([]);
  });
});
