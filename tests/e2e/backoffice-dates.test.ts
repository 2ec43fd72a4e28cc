/**
 * Dates in the real Decap UI (#22 item 1), French browser: a date typed with the keyboard in
 * French order (jj/mm/aaaa) is stored as that date, and a year outside the model's period
 * (1907) cannot be saved: the draft is refused with a French sentence on the field, nothing is
 * written. On Decap's own datetime widget « 10/10/2027 » typed became 1907-10-10 (decap-cms#7939).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';

let t: TestStack;
let browser: Browser;

beforeAll(async () => {
  t = await startTestStack(inject('distDir'));
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function editor(path: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  await page.goto(`${t.stack.url}/admin/#/collections/${path}`);
  await page.locator('input[id^="date-field"]').waitFor();
  return page;
}

/** Types a day with the keyboard alone, in the order the French date input shows it. */
async function typeDate(page: Page, ddmmyyyy: string) {
  await page.locator('input[id^="date-field"]').focus();
  await page.keyboard.type(ddmmyyyy);
}

const draft = (slug: string) => git(t.stack.repoDir, ['branch', '--list', `cms/defis/${slug}`]);
const stored = (slug: string) => git(t.stack.repoDir, ['show', `cms/defis/${slug}:content/defis/${slug}.md`]);

describe('the date field of the back-office', () => {
  it('stores « 10/10/2027 » typed with the keyboard as 2027-10-10', async () => {
    const page = await editor('defis/entries/cantine-locale');
    await typeDate(page, '10102027');
    expect(await page.locator('input[id^="date-field"]').inputValue()).toBe('2027-10-10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modifications enregistrées', { exact: false }).first().waitFor({ timeout: 30_000 });
    expect(stored('cantine-locale')).toMatch(/^date: 2027-10-10$/m);
    await page.close();
  });

  it('refuses to save a year outside the model’s period, in French on the field', async () => {
    const page = await editor('defis/entries/archives-vivantes');
    await typeDate(page, '10101907');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const message = page.getByText(/Date de publication : date hors de la période admise \(du 1 janvier 2016 au .+\) : vérifiez l’année/i).first();
    await message.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_000);
    expect(draft('archives-vivantes')).toBe('');
    await page.close();
  });
});
