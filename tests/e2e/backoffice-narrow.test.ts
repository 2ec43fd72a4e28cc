/**
 * Decap's editor on a phone-width screen (390 px, #22), in the real Decap UI: its toolbar and
 * form fit the screen (backoffice/admin/narrow.ts). Decap draws its editor at least 800 px wide:
 * before that CSS the page scrolled sideways and « Enregistrer » and « Voir le site » were cut.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';

let session: DecapSession;

beforeAll(async () => {
  session = await decapSession(inject('distDir'));
}, 600_000);
afterAll(async () => {
  await session?.close();
});

describe('the editor at 390 px', () => {
  it('fits the screen: no sideways scrolling, every toolbar control whole and on screen', async () => {
    const { page, t } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    await page.locator('input[id^="title-field"]').fill('Eau claire');
    await page.waitForTimeout(1_000);
    const width = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    expect(width.doc).toBeLessThanOrEqual(width.viewport);
    expect(width.body).toBeLessThanOrEqual(width.viewport);
    for (const control of [page.getByRole('button', { name: 'Enregistrer' }), page.getByRole('link', { name: 'Voir le site' }), page.locator('input[id^="title-field"]')]) {
      const box = await control.boundingBox();
      expect(box, 'présent à l’écran').not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    // The form is below the toolbar, not under it.
    const toolbar = await page.locator('[class*="-EditorContainer"] > [class*="-ToolbarContainer"]').boundingBox();
    const title = await page.locator('input[id^="title-field"]').boundingBox();
    expect(title!.y).toBeGreaterThanOrEqual(toolbar!.y + toolbar!.height);
  });
});
