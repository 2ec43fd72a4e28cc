import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startTestStack, type TestStack } from './stack.ts';

/**
 * In Decap's editor of a new défi (`/admin/#/collections/defis/new`), fills the required fields
 * but the image and the body, with fictional values: the title given, a description, the
 * administration, the town, a date, and one thème, promotion and expertise of the demo content.
 */
export async function fillNewDefi(page: Page, title: string, description: string): Promise<void> {
  await page.locator('input[id^="title-field"]').fill(title);
  await page.locator('textarea[id^="description-field"]').fill(description);
  await page.locator('input[id^="who-field"]').fill('Ministère de la Démonstration (MDD)');
  await page.locator('input[id^="town-field"]').fill('Paris (75000)');
  await page.locator('input[id^="date-field"]').fill('2026-11-28');
  for (const [field, search] of [['themes', 'Santé'], ['promos', 'Promotion 4'], ['expertises', 'Design']] as const) {
    await page.locator(`input[id^="${field}-field"]`).fill(search);
    await page.locator('[id*="-option-"]').first().click();
  }
}

/** A test stack and one French Chromium page at 1280 px on it, as the back-office's UI tests use them. */
/**
 * Opens the programme page in Decap, changes its first figure to `value` and saves the draft
 * (« Statut : Brouillon »): the edit the team UI tests make.
 */
export async function saveProgramFigure(page: Page, base: string, value: string): Promise<void> {
  await page.goto(`${base}/admin/#/collections/pages/entries/program`);
  const list = page.locator('[id^="numbers-field"]').first();
  await list.waitFor();
  await list.locator('[style*="transition"]').first().locator('button').first().click();
  await list.locator('input[id^="num-field"]').first().fill(value);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Statut : Brouillon').waitFor();
}

export interface DecapSession { t: TestStack; browser: Browser; page: Page; close(): Promise<void> }

/** Starts the embedded back-office on the shared demo build and opens a page (`initScript`: run before every document, e.g. axe). */
export async function decapSession(distDir: string, initScript?: string): Promise<DecapSession> {
  const t = await startTestStack(distDir);
  const browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  if (initScript) await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  return { t, browser, page, close: async () => { await browser.close(); await t.close(); } };
}
