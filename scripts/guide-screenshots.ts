/**
 * `npm run guide:screenshots`: the screenshots of the editors' guide (docs/guide-editeur.md),
 * taken from the real back-office so they never drift from it. Starts the embedded back-office
 * (`npm start`'s core) on a temporary copy of the demo content, drives Decap CMS in Chromium
 * (playwright-core, /usr/bin/chromium) as an editor does, and writes docs/guide-editeur/*.png:
 * the login screen, the first screen (« Par où commencer »), the collections, a new défi, the workflow board, the media library, the
 * status page and a refusal. Nothing of the project's content is changed. About two minutes
 * (the first build of the demo site included). tests/unit/guide.test.ts checks that the guide
 * and the folder name the same files.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { fillNewDefi } from '../tests/helpers/decap-ui.ts';
import { startTestStack } from '../tests/helpers/stack.ts';
import { publishedHead } from '../backoffice/git/repo.ts';
import { saveAndPublish } from '../backoffice/api/client.ts';

const OUT = resolve('docs/guide-editeur');
const VIEWPORT = { width: 1280, height: 800 };

/** Waits for the preview pane to show the page (the site's renderer, a few seconds on a loaded machine). */
async function previewShown(page: Page): Promise<void> {
  await page.getByText('Préparation de l’aperçu').first().waitFor({ state: 'hidden', timeout: 120_000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const t = await startTestStack();
  const browser = await launchBrowser();
  try {
    await t.stack.waitForServed(publishedHead(t.stack.repoDir), 600_000);
    const page = await browser.newPage({ viewport: VIEWPORT, reducedMotion: 'reduce' });
    page.on('dialog', (d) => void d.accept());
    const shot = async (name: string, keepToasts = false) => {
      if (!keepToasts) {
        // Decap's notices (« Entrée enregistrée ») would hide the toolbar: closed first.
        for (const close of await page.locator('.Toastify__close-button').all()) await close.click().catch(() => undefined);
        await page.locator('.Toastify__toast').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      }
      await page.waitForTimeout(400); // Decap's transitions
      await page.screenshot({ path: join(OUT, `${name}.png`) });
      console.log(`docs/guide-editeur/${name}.png`);
    };

    await page.goto(`${t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await shot('connexion');

    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
    await page.getByRole('heading', { level: 1, name: 'Par où commencer' }).waitFor();
    await page.getByText('Aucun contenu n’attend de relecture.').waitFor();
    await shot('premier-ecran');
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByText('Brigade numérique').first().waitFor();
    await shot('collections');

    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    await fillNewDefi(page, 'Cartographie des friches', 'Repérer les terrains en friche d’un département pour les proposer à de nouveaux projets.');
    await page.getByRole('button', { name: 'Choisir une image' }).first().click();
    await page.getByText('defis-carto-sols.svg').first().waitFor();
    await shot('medias');
    await page.getByText('defis-carto-sols.svg').first().click();
    await page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }).click();
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type('Le défi en quelques lignes : le besoin, les données, ce que l’équipe va construire.');
    await page.locator('input[id^="title-field"]').scrollIntoViewIfNeeded();
    await previewShown(page);
    await shot('nouveau-defi');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor();
    await previewShown(page);
    await shot('brouillon-enregistre');

    await page.goto(`${t.stack.url}/admin/#/workflow`);
    await page.getByText('Cartographie des friches').first().waitFor();
    await shot('flux');

    // A refusal: deleting an image a published défi still uses.
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByText('Collections').first().waitFor();
    await page.getByRole('button', { name: 'Médias' }).first().click();
    await page.getByText('defis-brigade-numerique.svg').first().waitFor();
    await page.getByText('defis-brigade-numerique.svg').first().click();
    await page.getByRole('button', { name: 'Supprimer les éléments sélectionnés' }).click();
    await page.locator('.Toastify__toast').filter({ hasText: 'Suppression refusée' }).waitFor();
    await shot('refus', true);

    await page.keyboard.press('Escape');
    await page.goto(`${t.stack.url}/admin/statut/`);
    await page.getByRole('heading', { name: 'État du site' }).waitFor();
    await shot('statut');

    // The history of an entry published twice: its versions, « Restaurer cette version », the undo.
    const path = 'content/defis/cantine-locale.md';
    const cantine = readFileSync(join(t.project.contentDir, 'defis', 'cantine-locale.md'), 'utf8');
    await saveAndPublish(`${t.stack.url}/api/v1`, { collection: 'defis', slug: 'cantine-locale', path, raw: cantine.replace(/^description: .*$/m, 'description: "Des repas de saison, cuisinés sur place."') });
    await page.goto(`${t.stack.url}/admin/historique/?collection=defis&slug=cantine-locale`);
    await page.getByRole('button', { name: 'Restaurer cette version' }).first().waitFor();
    await shot('historique');
    await page.close();
  } finally {
    await browser.close();
    await t.close();
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(`Captures du guide impossibles : ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
