/**
 * « Publier le » in the real Decap UI (issue #21 item 3), French Chromium: typed with the
 * keyboard alone in the datetime field (Paris time), said in words under it, stored as ISO 8601
 * with its offset in the draft's git branch; the entry put « Prêt » from the editor, its card on
 * the workflow board says « Publication programmée le 10 octobre 2027 à 9 h », the status bar
 * names the next scheduled publication, and « Publier maintenant » is refused in Decap's toast. SCHEDULE_SHOTS=<dir> saves the screens at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';

/** As decapSession (tests/helpers/decap-ui.ts), with Chromium in French: its date inputs show jj/mm/aaaa hh:mm. */
let s: { t: TestStack; browser: Browser; page: Page };
const shots = process.env['SCHEDULE_SHOTS'];

beforeAll(async () => {
  const t = await startTestStack(inject('distDir'));
  const browser = await launchBrowser(['--lang=fr-FR']);
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  s = { t, browser, page: await context.newPage() };
}, 600_000);
afterAll(async () => { await s?.browser.close(); await s?.t.close(); });

const stored = () => git(s.t.stack.repoDir, ['show', 'cms/defis/cantine-locale:content/defis/cantine-locale.md']);

describe('« Publier le » in Decap', () => {
  it('is typed with the keyboard in Paris time, saved with its offset, and shown on the workflow board', async () => {
    const { page } = s;
    await page.goto(`${s.t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header (#/ is « Par où commencer », no « Collections »)
    await page.goto(`${s.t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    const input = page.locator('input[id^="publishAt-field"]');
    await input.waitFor();
    // Its label is the model's, and the field is empty: no schedule yet.
    expect(await page.locator(`label[for="${await input.getAttribute('id')}"]`).innerText()).toMatch(/^Publier le/i);
    await input.focus();
    // 10/10/2027 09:00 reads the same in jj/mm and mm/jj order (headless Chromium lays its inputs
    // out in English whatever the page's language): day and month move on once full, the year (up
    // to six digits) with the right arrow; « A » fills an AM/PM part where there is one.
    await page.keyboard.type('10102027');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('0900A');
    if (shots && await input.inputValue() !== '2027-10-10T09:00') await page.screenshot({ path: `${shots}/debug.png` });
    expect(await input.inputValue()).toBe('2027-10-10T09:00');
    const hint = page.locator(`#${await input.getAttribute('id')}-eig-when`);
    expect(await hint.innerText()).toBe('Publication programmée le 10 octobre 2027 à 9 h (heure de Paris).');
    expect(await input.getAttribute('aria-describedby')).toBe(`${await input.getAttribute('id')}-eig-when`);
    if (shots) {
      await input.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/publier-le-1280.png` });
      await page.setViewportSize({ width: 390, height: 844 });
      await input.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${shots}/publier-le-390.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    expect(stored()).toMatch(/^publishAt: ['"]?2027-10-10T09:00:00\+02:00['"]?$/m);

    // « Prêt » from the editor's status menu, as an editor does.
    await page.getByText('Statut : Brouillon').click();
    await page.getByRole('menuitem', { name: 'Prêt' }).click();
    await page.getByText('Statut : Prêt').waitFor({ timeout: 30_000 });
    expect(git(s.t.stack.repoDir, ['config', 'branch.cms/defis/cantine-locale.description'])).toBe('decap-cms/pending_publish');

    await page.goto(`${s.t.stack.url}/admin/#/workflow`);
    const card = page.locator('a[href*="cantine-locale"]').first();
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toContain('Publication programmée le 10 octobre 2027 à 9 h.');
    await s.t.stack.scheduleTick();
    await expect.poll(() => page.locator('#eig-status').textContent(), { timeout: 20_000 }).toMatch(/Publication programmée le 10 octobre 2027 à 9\u00a0h\u00a0: «\u00a0Cantine locale\u00a0»/); // non-breaking spaces: french-spaces.ts
    if (shots) {
      await page.screenshot({ path: `${shots}/tableau-1280.png` });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${shots}/tableau-390.png`, fullPage: true });
    }

    // « Publier maintenant » before its time: refused, in French, in Decap's toast; nothing published.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await page.getByText('Statut : Prêt').waitFor({ timeout: 30_000 });
    const head = git(s.t.stack.repoDir, ['rev-parse', 'main']);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('menuitem', { name: 'Publier maintenant' }).click();
    const toast = page.locator('.Toastify__toast').filter({ hasText: 'Publication refusée' });
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.innerText()).toMatch(/^Publication refusée : publication programmée le 10 octobre 2027 à 9 h \(heure de Paris\).*videz le champ « Publier le »/s);
    if (shots) await page.screenshot({ path: `${shots}/publier-maintenant-refuse-1280.png` });
    expect(git(s.t.stack.repoDir, ['rev-parse', 'main'])).toBe(head);
  }, 180_000);
});
