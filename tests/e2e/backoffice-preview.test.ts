/**
 * Back-office previews in the real Decap UI (#12 item 6): the preview pane shows the site's own
 * page, rendered from the unsaved draft by POST /admin/apercu (backoffice/preview/service.ts), and
 * follows the editor's typing. The endpoint is behind the same gate as /api/v1: each refusal
 * below fails without it. The stack is `npm start`'s core on a temporary copy of the demo content.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { request } from 'node:http';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';
import { png } from '../helpers/png.ts';
import { UNAVAILABLE_TEXT } from '../../backoffice/admin/preview-frame.ts';

const FIRST_RENDER_TIMEOUT = 600_000;
let t: TestStack;
let browser: Browser;
let endpoint: string;
let distDir: string;

/** The draft of a demo défi as Decap holds it (fictional content). */
const defi = (change: Record<string, unknown> = {}) => ({
  collection: 'defis', slug: 'droit-clair',
  data: { title: 'Droit clair', description: 'Une phrase.', who: 'Direction imaginaire', town: 'Paris', date: '2022-10-01', promos: ['promotion-1'], themes: ['justice'], image: 'img/defis-droit-clair.svg', visible: true, body: 'Texte.', ...change },
});

beforeAll(async () => {
  distDir = inject('distDir');
  t = await startTestStack(distDir);
  endpoint = `${t.stack.url}/admin/apercu`;
  browser = await launchBrowser();
  // The first preview starts the renderer (and makes the server bundle of this site URL, once).
  const warm = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(defi()) });
  expect(warm.status, await warm.text()).toBe(200);
}, FIRST_RENDER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const raw = (method: string, headers: Record<string, string>, body: string | Buffer = '') =>
  new Promise<{ status: number; text: string; type: string }>((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: t.stack.port, method, path: '/admin/apercu', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', fail);
    req.end(body);
  });
const own = () => ({ Host: `127.0.0.1:${t.stack.port}`, 'Content-Type': 'application/json' });
const rawGet = (path: string, headers: Record<string, string>) => new Promise<number>((ok, fail) => {
  const req = request({ host: '127.0.0.1', port: t.stack.port, method: 'GET', path, headers }, (res) => { res.resume(); ok(res.statusCode ?? 0); });
  req.on('error', fail);
  req.end();
});

/** Refused: 4xx, JSON with a French `error`, and no page in it. */
function expectRefused(r: { status: number; text: string; type: string }, status: number) {
  expect(r.status, r.text).toBe(status);
  if (status !== 421) {
    expect(r.type).toMatch(/application\/json/);
    expect((JSON.parse(r.text) as { error?: string }).error).toMatch(/refusée?|trop volumineuse/);
  }
  expect(r.text).not.toMatch(/<h1|<html/i);
}

describe('POST /admin/apercu: the same gate as the API', () => {
  const body = JSON.stringify(defi({ title: 'Secret' }));

  it('renders for the back-office itself (own Host, own Origin or none, JSON)', async () => {
    for (const headers of [own(), { ...own(), Origin: t.stack.url }, { ...own(), Host: `localhost:${t.stack.port}`, Origin: `http://localhost:${t.stack.port}` }]) {
      const r = await raw('POST', headers, body);
      expect(r.status, r.text).toBe(200);
      expect((JSON.parse(r.text) as { html: string }).html).toMatch(/<h1[^>]*>Secret<\/h1>/);
    }
  });

  it('refuses a foreign Host (DNS rebinding), a foreign Origin, another content type, another method', async () => {
    expectRefused(await raw('POST', { ...own(), Host: `evil.test:${t.stack.port}` }, body), 421);
    expectRefused(await raw('POST', { ...own(), Origin: 'http://127.0.0.1:1' }, body), 403);
    expectRefused(await raw('POST', { ...own(), Origin: `http://evil.test:${t.stack.port}` }, body), 403);
    expectRefused(await raw('POST', { ...own(), 'Content-Type': 'text/plain' }, body), 415);
    expectRefused(await raw('GET', { Host: own().Host }), 400);
    expectRefused(await raw('POST', own(), '{pas du json'), 400);
    expectRefused(await raw('POST', own(), JSON.stringify({ collection: '../../etc', data: {} })), 422);
  });

  it('refuses an oversized body with 413, in French, before reading it', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    expectRefused(await raw('POST', own(), big), 413);
  });

  it('writes nothing to the repository (working tree, branches)', async () => {
    const before = [git(t.stack.repoDir, ['for-each-ref', '--format=%(refname) %(objectname)']), git(t.stack.repoDir, ['status', '--porcelain', '--untracked-files=all'])];
    expect((await raw('POST', own(), JSON.stringify(defi({ title: 'Brouillon jamais écrit' })))).status).toBe(200);
    expect([git(t.stack.repoDir, ['for-each-ref', '--format=%(refname) %(objectname)']), git(t.stack.repoDir, ['status', '--porcelain', '--untracked-files=all'])]).toEqual(before);
    expect(git(t.stack.repoDir, ['log', '--all', '--format=%H', '-S', 'Brouillon jamais écrit'])).toBe('');
  });

  it('serves the image variants only a preview uses (an image at a size the published pages do not show)', async () => {
    const r = await raw('POST', own(), JSON.stringify(defi({ image: 'img/marguerite-yourcenar3.jpg' })));
    const html = (JSON.parse(r.text) as { html: string }).html;
    const missing = [...html.matchAll(/\/_img\/([^"\s,]+\.(?:avif|webp|jpe?g|png))/g)].map((m) => m[1]!).filter((n) => !existsSync(join(distDir, '_img', n)));
    expect(missing.length, 'the défi page shows this image at sizes the served build lacks').toBeGreaterThan(0);
    const img = await fetch(`${t.stack.url}/_img/${missing[0]}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toMatch(/^image\//);
    expect((await fetch(`${t.stack.url}/_img/inconnue-0000-1.webp`)).status).toBe(404);
  }, 120_000);
});

async function editor(path: string): Promise<{ page: Page; pane: FrameLocator; shown: FrameLocator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  await page.goto(`${t.stack.url}/admin/#/collections/${path}`);
  const pane = page.frameLocator('#preview-pane');
  return { page, pane, shown: pane.frameLocator('iframe.eig-apercu__frame:not(.eig-apercu__frame--next)') };
}

describe('in the real Decap UI', () => {
  it('shows the défi’s real page and follows the title and body as they are typed, keeping the scroll position', async () => {
    const { page, pane, shown } = await editor('defis/entries/droit-clair');
    try {
      await shown.locator('h1', { hasText: 'Droit clair' }).waitFor({ timeout: 60_000 });
      // The site's page: DSFR header, breadcrumb, the site's CSS and fonts.
      await expect(shown.locator('header.fr-header').count()).resolves.toBe(1);
      await expect(shown.locator('nav.fr-breadcrumb').count()).resolves.toBe(1);
      expect(await shown.locator('h1').evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/Marianne/);
      expect(await pane.locator('iframe').first().getAttribute('sandbox')).toBe('allow-same-origin');

      await shown.locator('body').evaluate((b) => b.ownerDocument.defaultView!.scrollTo(0, 400));
      const title = page.getByLabel('Titre', { exact: true }).first();
      await title.click();
      await title.press('End');
      await title.pressSequentially(' relu', { delay: 40 });
      await shown.locator('h1', { hasText: 'Droit clair relu' }).waitFor({ timeout: 30_000 });
      expect(await shown.locator('body').evaluate((b) => b.ownerDocument.defaultView!.scrollY)).toBeGreaterThan(300);

      const body = page.locator('[data-slate-editor="true"]').last();
      await body.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Phrase ajoutée dans le corps.', { delay: 20 });
      await shown.getByText('Phrase ajoutée dans le corps.').first().waitFor({ timeout: 30_000 });
    } finally {
      await page.close();
    }
  });

  it('a new défi previews from the first keystroke: its page with placeholders, and what is missing beside it', async () => {
    const { page, pane, shown } = await editor('defis/new');
    try {
      await page.locator('input[id^="title-field"]').fill('Eau claire');
      await shown.locator('h1', { hasText: 'Eau claire' }).waitFor({ timeout: 60_000 });
      // The page, with a visible placeholder where each required text is still missing…
      await expect(shown.locator('mark[data-eig-a-renseigner]', { hasText: '[Administration à renseigner]' }).count()).resolves.toBe(1);
      await expect(shown.locator('mark[data-eig-a-renseigner]', { hasText: '[Lieu à renseigner]' }).count()).resolves.toBe(1);
      // …and beside it, not instead of it, the list of what is missing, by field label.
      const bar = pane.locator('.eig-apercu__bar--missing');
      const missing = await bar.locator('li').allInnerTexts();
      expect(missing).toEqual(expect.arrayContaining(['Description', 'Administration', 'Thématiques', 'Lieu', 'Date de publication', 'Image']));
      expect(missing).not.toContain('Titre');
      await expect(pane.locator('.eig-apercu__bar--error').count()).resolves.toBe(0);
      // A field filled leaves the list and takes its place in the page.
      await page.locator('input[id^="who-field"]').fill('Ministère de la Démonstration');
      await shown.getByText('Ministère de la Démonstration').first().waitFor({ timeout: 30_000 });
      await expect.poll(() => bar.locator('li').allInnerTexts(), { timeout: 30_000 }).not.toContain('Administration');
    } finally {
      await page.close();
    }
  }, 180_000);

  it('a required field emptied: the page shows its placeholder; an invalid value: its problem by label, over the last good page', async () => {
    const { page, pane, shown } = await editor('defis/entries/droit-clair');
    try {
      await shown.locator('h1').waitFor({ timeout: 60_000 });
      await page.getByLabel('Titre', { exact: true }).first().fill('');
      await shown.locator('h1', { hasText: '[Titre à renseigner]' }).waitFor({ timeout: 30_000 });
      await expect(pane.locator('.eig-apercu__bar--missing li').allInnerTexts()).resolves.toEqual(['Titre']);
      await page.getByLabel('Titre', { exact: true }).first().fill('Droit clair');
      await shown.locator('h1', { hasText: /^Droit clair$/ }).waitFor({ timeout: 30_000 });
      await page.locator('input[id^="product-field"]').fill('exemple.fr');
      const bar = pane.locator('.eig-apercu__bar--error');
      await bar.waitFor({ timeout: 30_000 });
      await expect(bar.innerText()).resolves.toMatch(/Champ « Devenir du défi › Adresse du service » : adresse invalide/);
      await expect(shown.locator('h1').innerText()).resolves.toBe('Droit clair');
    } finally {
      await page.close();
    }
  }, 180_000);

  it('an image uploaded into the draft shows in the preview, unsaved and then saved but unpublished; its file is served to this back-office only', async () => {
    const { page, shown } = await editor('defis/entries/droit-clair');
    try {
      await shown.locator('h1', { hasText: 'Droit clair' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Choisir une image différente' }).first().click();
      const photo = join(t.project.root, 'apercu-brouillon.png');
      writeFileSync(photo, png(640, 360));
      await page.locator('input[type="file"]').first().setInputFiles(photo);
      await page.getByRole('button', { name: 'apercu-brouillon.png', exact: true }).waitFor({ timeout: 30_000 });
      const card = page.getByRole('button', { name: 'apercu-brouillon.png', exact: true });
      if (await card.getAttribute('aria-pressed') !== 'true') await card.click();
      await page.getByRole('button', { name: /^Choisir l/ }).click();
      // The page's picture is the uploaded file (its variants), not the neutral placeholder.
      const img = shown.locator('main img[src^="/_img/"]:not([src*="placeholder-"])').first();
      await img.waitFor({ timeout: 60_000 });
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
      // Nothing reached the repository: the upload is in the draft only.
      expect(git(t.stack.repoDir, ['log', '--all', '--format=%H', '--', 'media/apercu-brouillon.png'])).toBe('');
      // Saved (on the draft's branch, not published) and opened again: still shown.
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
      expect(git(t.stack.repoDir, ['log', 'main', '--format=%H', '--', 'media/apercu-brouillon.png'])).toBe('');
      await page.reload();
      await shown.locator('h1', { hasText: 'Droit clair' }).waitFor({ timeout: 60_000 });
      const again = shown.locator('main img[src^="/_img/"]:not([src*="placeholder-"])').first();
      await again.waitFor({ timeout: 60_000 });
      await expect.poll(() => again.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
    // The draft's file, kept by the preview server: refused with a foreign Host or from another site.
    const body = JSON.stringify({ path: 'img/essai.png', content: png(8, 8).toString('base64') });
    const put = await new Promise<{ status: number; text: string }>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: t.stack.port, method: 'POST', path: '/admin/apercu/media', headers: own() }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', fail);
      req.end(body);
    });
    expect(put.status, put.text).toBe(200);
    const url = `${t.stack.url}/admin/apercu/media/${(JSON.parse(put.text) as { sha: string }).sha}.png`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(404);
    expect(await rawGet(url.replace(t.stack.url, ''), { Host: `evil.test:${t.stack.port}` })).toBe(421);
    const bad = await fetch(`${t.stack.url}/admin/apercu/media`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: 'img/x.png', content: Buffer.from('<script>').toString('base64') }) });
    expect(bad.status).toBe(422);
    expect((await bad.json() as { error: string }).error).toMatch(/Média du brouillon refusé : le contenu du fichier ne correspond pas/);
    // The same gate as the previews: another site's page cannot send one.
    const foreign = await fetch(`${t.stack.url}/admin/apercu/media`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.test' }, body });
    expect(foreign.status).toBe(403);
  }, 240_000);

  it('a link in the preview leads nowhere: the admin stays, the page stays', async () => {
    const { page, shown } = await editor('personnes/entries/adrien-collin');
    try {
      await shown.locator('h1', { hasText: 'Adrien Collin' }).waitFor({ timeout: 60_000 });
      const admin = page.url();
      await shown.locator('footer a[href]').first().click();
      await page.waitForTimeout(500);
      expect(page.url()).toBe(admin);
      await expect(shown.locator('h1').innerText()).resolves.toBe('Adrien Collin');
    } finally {
      await page.close();
    }
  });

  it('the FAQ page shows its answers (accordions open) and the home page its hero', async () => {
    const faq = await editor('pages/entries/candidats-faq');
    try {
      await faq.shown.locator('h1').waitFor({ timeout: 60_000 });
      const answer = faq.shown.locator('.fr-accordion .fr-collapse').first();
      await expect(answer.isVisible()).resolves.toBe(true);
      expect((await answer.innerText()).trim().length).toBeGreaterThan(10);
    } finally {
      await faq.page.close();
    }
    const home = await editor('pages/entries/home');
    try {
      await home.shown.locator('h1', { hasText: 'Entreprendre' }).waitFor({ timeout: 60_000 });
    } finally {
      await home.page.close();
    }
  });

  it('where no server renders previews (static production), the pane says so in French', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.route('**/admin/apercu', (r) => r.fulfill({ status: 404, contentType: 'text/html', body: '<!doctype html><title>404</title>' }));
      await page.goto(`${t.stack.url}/admin/`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
      await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/droit-clair`);
      const bar = page.frameLocator('#preview-pane').locator('.eig-apercu__bar--info');
      await bar.waitFor({ timeout: 30_000 });
      await expect(bar.innerText()).resolves.toBe(UNAVAILABLE_TEXT);
    } finally {
      await page.close();
    }
  });
});
