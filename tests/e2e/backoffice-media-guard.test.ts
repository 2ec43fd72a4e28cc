/**
 * In the real Decap UI: an image of the media library that only a draft uses cannot be deleted
 * (the draft would go live with a broken image; a missing image is only a warning at
 * publication), and the refusal reads in French, Decap's English prefix included.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';
import { png } from '../helpers/png.ts';
import { fillNewDefi } from '../helpers/decap-ui.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';

let t: TestStack;
let browser: Browser;
beforeAll(async () => {
  t = await startTestStack(inject('distDir'));
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('refuses, in French, to delete an image a draft uses, naming the draft', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => void d.accept()); // « supprimer ? »
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  // Uploaded in the media library: published at once.
  await page.getByRole('button', { name: 'Médias' }).first().click();
  const photo = join(t.project.root, 'photo-brouillon.png');
  writeFileSync(photo, png(48, 48));
  await page.locator('input[type=file]').first().setInputFiles(photo);
  await page.getByRole('button', { name: 'photo-brouillon.png', exact: true }).waitFor();
  // Published at once; the bar names it as the library does, without its folder.
  await page.locator('#eig-status').getByText(/\s:\sMédia\s«\sphoto-brouillon\.png\s»$/).waitFor();
  await page.keyboard.press('Escape');
  // A new défi showing it, saved as a draft (not published).
  await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
  await fillNewDefi(page, 'Défi brouillon avec photo', 'Brouillon.');
  await page.getByRole('button', { name: 'Choisir une image' }).first().click();
  await page.getByRole('button', { name: 'photo-brouillon.png', exact: true }).click(); // its card (the status bar names the file too)
  await page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }).click();
  await page.locator('[data-slate-editor="true"]').first().click();
  await page.keyboard.type('Corps.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Statut : Brouillon').waitFor();
  // Deleting it from the media library.
  await page.goto(`${t.stack.url}/admin/#/collections/defis`);
  await page.getByText('Collections').first().waitFor();
  await page.getByRole('button', { name: 'Médias' }).first().click();
  await page.getByRole('button', { name: 'photo-brouillon.png', exact: true }).click(); // its card (the status bar names the file too)
  await page.getByRole('button', { name: 'Supprimer les éléments sélectionnés' }).click();
  const toast = page.locator('.Toastify__toast').filter({ hasText: 'Suppression refusée' });
  await toast.waitFor();
  expect(await toast.innerText()).toBe('Échec de la suppression du média : Suppression refusée : « photo-brouillon.png » est utilisé par Défi « Défi brouillon avec photo » (brouillon). Retirez-le de ce contenu et publiez la modification avant de le supprimer.');
  expect(git(t.stack.repoDir, ['ls-tree', '--name-only', 'main', 'media/photo-brouillon.png'])).toBe('media/photo-brouillon.png');
}, 180_000);
