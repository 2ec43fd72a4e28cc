/**
 * Choosing and uploading an image with the keyboard alone, in the real Decap UI (#22 item 2):
 * on Decap 3.16 the media library's cards took focus but Enter and Space did nothing, and the
 * « Téléverser » label did not open the file picker (patches of the bundle,
 * src/integrations/decap-patches.ts). Each control is reached by focus and used with Enter or
 * Space; its focus is visible.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import { png } from '../helpers/png.ts';
import type { TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';

let session: DecapSession;
let t: TestStack;
let page: Page;

beforeAll(async () => {
  session = await decapSession(inject('distDir'));
  ({ t, page } = session);
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).press('Enter');
  await page.getByText('Collections').first().waitFor();
}, 600_000);
afterAll(async () => {
  await session?.close();
});

/** Focuses a control, checks its focus is drawn, and presses a key on it. */
async function press(control: Locator, key: 'Enter' | ' ') {
  await control.focus();
  const outline = await control.evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline, 'focus visible').not.toBe('none');
  await page.keyboard.press(key === ' ' ? 'Space' : key);
}

describe('images with the keyboard alone', () => {
  it('chooses an image in the media library and saves the draft', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await press(page.getByRole('button', { name: 'Choisir une image différente' }), 'Enter');
    const card = page.getByRole('button', { name: 'defis-eau-claire.svg', exact: true });
    await card.waitFor();
    await press(card, ' ');
    expect(await card.getAttribute('aria-pressed')).toBe('true');
    await press(page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }), 'Enter');
    await press(page.getByRole('button', { name: 'Enregistrer' }), 'Enter');
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    expect(git(t.stack.repoDir, ['show', 'cms/defis/cantine-locale:content/defis/cantine-locale.md'])).toMatch(/^image: img\/defis-eau-claire\.svg$/m);
  });

  it('opens the file picker from « Téléverser » with Enter and uploads the file', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await press(page.getByRole('button', { name: 'Médias' }), 'Enter');
    const upload = page.locator('label.nc-fileUploadButton');
    await upload.waitFor();
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await press(upload, 'Enter');
    const photo = join(t.project.root, 'clavier.png');
    writeFileSync(photo, png(32, 32));
    await (await chooser).setFiles(photo);
    await page.getByRole('button', { name: 'clavier.png', exact: true }).waitFor({ timeout: 30_000 });
  });
});
