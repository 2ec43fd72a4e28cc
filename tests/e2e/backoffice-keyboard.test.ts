/**
 * Choosing and uploading an image with the keyboard alone, in the real Decap UI (#22 item 2):
 * on Decap 3.16 the media library's cards took focus but Enter and Space did nothing, and the
 * « Téléverser » label did not open the file picker (patches of the bundle,
 * src/integrations/decap-patches.ts). Each control is reached by focus and used with Enter or
 * Space; its focus is visible.
 *
 * Reordering (#22 item 2): Decap moved list items and workflow cards by drag and drop only;
 * « Monter » / « Descendre » on list items and « Déplacer vers » on cards (backoffice/admin/reorder.ts,
 * patches `list-item-moves`, `workflow-card-moves`) do it with the keyboard alone.
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
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
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

  it('lists the library in a new entry and chooses an image there', async () => {
    // Decap's editorial workflow listed only a new entry's own (empty) media files: « Aucun média. »
    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    await press(page.getByRole('button', { name: 'Choisir une image', exact: true }).first(), 'Enter');
    const card = page.getByRole('button', { name: 'defis-eau-claire.svg', exact: true });
    await card.waitFor({ timeout: 30_000 });
    await press(card, ' ');
    await press(page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }), 'Enter');
    await page.getByRole('button', { name: 'Choisir une image différente' }).first().waitFor();
    // The field's thumbnail (a blob: address) is the library's file.
    const thumb = page.locator('img[src^="blob:"]').first();
    await thumb.waitFor();
    const shown = await thumb.evaluate(async (e) => (await fetch((e as HTMLImageElement).src)).text());
    expect(shown.trim()).toBe(git(t.stack.repoDir, ['show', 'HEAD:media/defis-eau-claire.svg']));
    // A file uploaded into the new entry is listed too, beside the library's.
    await press(page.getByRole('button', { name: 'Choisir une image différente' }).first(), 'Enter');
    const photo = join(t.project.root, 'nouveau-defi.png');
    writeFileSync(photo, png(32, 32));
    await page.locator('input[type="file"]').first().setInputFiles(photo);
    await page.getByRole('button', { name: 'nouveau-defi.png', exact: true }).waitFor({ timeout: 30_000 });
    expect(await card.count()).toBe(1);
    await page.keyboard.press('Escape');
    // Leaves the unsaved entry (Decap asks to confirm) so the next case starts from the list.
    page.once('dialog', (d) => void d.accept());
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByRole('button', { name: 'Médias' }).waitFor();
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

describe('reordering with the keyboard alone', () => {
  it('moves a list item up with « Monter » and saves the list in that order', async () => {
    // A fresh page: the media library the test above leaves open hides the rest (aria-hidden).
    await page.goto(`${t.stack.url}/admin/#/collections/pages/entries/program`);
    await page.reload();
    const up = page.getByRole('button', { name: 'Monter « Défis d’intérêt général : 87 »' });
    await up.waitFor();
    await press(up, 'Enter');
    // The focus stays on the item's controls (« Monter » is disabled at the top).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Descendre « Défis d’intérêt général : 87 »');
    await press(page.getByRole('button', { name: 'Enregistrer' }), 'Enter');
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    const saved = git(t.stack.repoDir, ['show', 'cms/pages/program:content/program.md']);
    const nums = [...saved.matchAll(/^ {2}- num: "?(\d+)"?$/gm)].map((m) => m[1]);
    expect(nums).toEqual(['87', '173', '80']);
  });

  it('moves a workflow card to « En cours de révision » with « Déplacer vers »', async () => {
    // The draft saved by the test above, in « Brouillons ».
    await page.goto(`${t.stack.url}/admin/#/workflow`);
    const move = page.getByRole('button', { name: 'Déplacer « Programme » vers « En cours de révision »' });
    await move.waitFor();
    await press(move, 'Enter');
    await page.getByText('Statut mis à jour').first().waitFor({ timeout: 30_000 });
    // Stored: the board read again shows it in its new column, where its next move is « Prêt ».
    await page.reload();
    await page.getByRole('button', { name: 'Déplacer « Programme » vers « Prêt »' }).waitFor();
    await page.getByRole('button', { name: 'Déplacer « Programme » vers « Brouillons »' }).waitFor();
    // Only the middle column's cards offer both other columns.
    expect(await page.getByRole('button', { name: 'Déplacer « Programme » vers « En cours de révision »' }).count()).toBe(0);
  });
});
