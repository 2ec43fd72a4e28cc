/**
 * No lost update (issue #21 item 1) in `npm start`, in the REAL Decap UI: two browser contexts
 * (two sessions, each with the cookie the server gives it) edit the same article. A saves; B,
 * who opened it before, saves: refused (409) with the French message naming who changed it and
 * when, A's text intact in the draft, B's text still in B's form; after a reload B sees A's
 * change and saves again. A stale status change is refused in the UI, a stale publication, a
 * stale deletion and an upload over another session's file through the API with two cookie
 * sessions. Commits name the machine's git identity (item 4).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import type { TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';
import { localAuthor } from '../../backoffice/git/local-author.ts';
import { png } from '../helpers/png.ts';
import { blobId } from '../../backoffice/versions/stale.ts';

/** CONFLICT_SHOTS=<dir> saves the screens of the refusals at 1280 and 390 px. */
const SHOTS = process.env['CONFLICT_SHOTS'];
const SLUG = 'bilan-de-mi-parcours-demo';
const PATH = `content/blog/${SLUG}.md`;
const DRAFT = `cms/articles/${SLUG}`;
const ENTRY = `/admin/#/collections/articles/entries/${SLUG}`;
/** The author the server writes into npm start's commits: the machine's git identity, or « Éditeur local ». */
const AUTHOR_NAME = localAuthor(process.cwd()).name;
const AUTHOR = AUTHOR_NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** « à 14 h 32 », or « le 2 décembre à 23 h 59 » when the test runs across midnight (Paris). */
const WHEN = '(?:à|le [^à]+ à) \\d{1,2} h \\d{2}';

let s: DecapSession;
let t: TestStack;
let contextB: BrowserContext;
let a: Page;
let b: Page;

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  s = await decapSession(inject('distDir'));
  ({ t, page: a } = s);
  contextB = await s.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  b = await contextB.newPage();
}, 600_000);
afterAll(async () => { await s?.close(); });

const file = (ref: string) => git(t.stack.repoDir, ['show', `${ref}:${PATH}`]);

async function open(page: Page) {
  await page.goto(`${t.stack.url}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  await page.goto(`${t.stack.url}${ENTRY}`);
  await page.locator('input[id^="title-field"]').waitFor();
}
const toast = (page: Page, text: string) => page.locator('.Toastify__toast').filter({ hasText: text });

/** A client of the API that keeps the cookie the server gives it: one session, as one browser. */
function apiSession() {
  let cookie = '';
  return async (action: string, params: Record<string, unknown> = {}) => {
    const res = await fetch(`${t.stack.url}/api/v1`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, set };
  };
}
const save = (raw: string, newEntry = false) => ({
  dataFiles: [{ slug: SLUG, path: PATH, raw }], assets: [],
  options: { collectionName: 'articles', commitMessage: `Mise à jour de ${PATH}`, useWorkflow: true, status: 'draft', newEntry },
});

describe('no lost update in the back-office (npm start)', () => {
  it('refuses the second save of an entry opened before the first, in the real Decap UI, and loses nothing', async () => {
    await open(a);
    await open(b);
    // A changes the title and saves: a draft.
    await a.locator('input[id^="title-field"]').fill('Titre changé par A');
    await a.getByRole('button', { name: 'Enregistrer' }).click();
    await a.getByText('Statut : Brouillon').waitFor();
    expect(file(DRAFT)).toContain('title: Titre changé par A');

    // B, who opened it before A saved, changes the author and saves: refused, said in French.
    // (With the keyboard: the « Enregistrer » button focused, Enter.)
    await b.locator('input[id^="author-field"]').fill('Auteur changé par B');
    await b.getByRole('button', { name: 'Enregistrer' }).focus();
    await b.keyboard.press('Enter');
    const refused = toast(b, 'depuis que vous l’avez ouvert');
    await refused.waitFor();
    // Announced: Decap's toast is an alert.
    await b.getByRole('alert').filter({ hasText: 'depuis que vous l’avez ouvert' }).waitFor();
    const text = await refused.innerText();
    expect(text).toMatch(new RegExp(`^Échec de l’enregistrement : Modifié par ${AUTHOR} ${WHEN} depuis que vous l’avez ouvert : rechargez pour voir ses changements ; votre texte reste dans le formulaire\\.$`));
    if (SHOTS) {
      await b.waitForTimeout(800); // the toast's slide-in
      await b.screenshot({ path: `${SHOTS}/conflit-1280.png` });
      await b.setViewportSize({ width: 390, height: 844 });
      await b.screenshot({ path: `${SHOTS}/conflit-390.png` });
      await b.setViewportSize({ width: 1280, height: 900 });
    }

    // Nothing overwritten: A's text in the draft, B's nowhere; B's form still holds B's text.
    expect(file(DRAFT)).toContain('title: Titre changé par A');
    expect(file(DRAFT)).toContain('author: Camille Démo');
    expect(file(DRAFT)).not.toContain('Auteur changé par B');
    expect(file('main')).not.toContain('Titre changé par A');
    expect(await b.locator('input[id^="author-field"]').inputValue()).toBe('Auteur changé par B');

    // After a reload (leaving the unsaved form, then declining Decap's local backup of it), B
    // sees A's change and saves.
    b.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
    await b.reload();
    await b.locator('input[id^="title-field"]').waitFor();
    await expect.poll(() => b.locator('input[id^="title-field"]').inputValue()).toBe('Titre changé par A');
    await b.locator('input[id^="author-field"]').fill('Auteur changé par B');
    await b.getByRole('button', { name: 'Enregistrer' }).click();
    await toast(b, 'Brouillon enregistré').waitFor();
    await expect.poll(() => file(DRAFT)).toContain('author: Auteur changé par B');
    expect(file(DRAFT)).toContain('title: Titre changé par A');
    // Both commits name the machine's git identity (or « Éditeur local »), not « Back-office EIG ».
    expect(git(t.stack.repoDir, ['log', '-2', '--format=%an', DRAFT, '--', PATH]).split('\n')).toEqual([AUTHOR_NAME, AUTHOR_NAME]);
  }, 180_000);

  it('refuses a status change of a draft changed since it was opened, in the UI', async () => {
    // A's form still holds A's version; B saved since. A moves it to review: refused.
    const status = () => git(t.stack.repoDir, ['config', `branch.${DRAFT}.description`]);
    const before = status();
    await a.getByText('Statut : Brouillon').click();
    await a.getByRole('menuitem', { name: 'En cours de révision' }).click();
    const refused = toast(a, 'depuis que vous l’avez ouvert');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(new RegExp(`Modifié par ${AUTHOR} ${WHEN} depuis`));
    expect(await refused.innerText()).toContain('avant de changer son statut ; le statut n’a pas changé.');
    expect(status()).toBe(before);
    await a.waitForTimeout(800);
    if (SHOTS) await a.screenshot({ path: `${SHOTS}/statut-refuse-1280.png` });
  }, 120_000);

  it('refuses, in the media library, an upload over a file another session sent since', async () => {
    for (const page of [a, b]) {
      page.removeAllListeners('dialog');
      page.on('dialog', (d) => void d.accept());
      await page.goto(`${t.stack.url}/admin/#/collections/articles`);
      await page.getByText('Collections').first().waitFor();
    }
    const upload = async (page: Page, who: string, size: number) => {
      const dir = join(t.project.root, who);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'photo-partagee.png'), png(size, size));
      await page.getByRole('button', { name: 'Médias' }).first().click();
      await page.locator('input[type=file]').first().setInputFiles(join(dir, 'photo-partagee.png'));
    };
    await upload(a, 'a', 12);
    await a.getByText('photo-partagee.png').first().waitFor();
    await expect.poll(() => git(t.stack.repoDir, ['ls-tree', '--name-only', 'main', 'media/photo-partagee.png'])).toBe('media/photo-partagee.png');
    await upload(b, 'b', 14);
    const refused = toast(b, 'existe déjà');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(new RegExp(`^Échec de l’enregistrement du média : Le fichier « photo-partagee\\.png » existe déjà : envoyé par ${AUTHOR} ${WHEN}\\. Donnez un autre nom au vôtre, ou ouvrez la médiathèque pour voir celui-ci ; votre fichier n’a pas été envoyé\\.$`));
    if (SHOTS) {
      await b.waitForTimeout(800);
      await b.screenshot({ path: `${SHOTS}/media-1280.png` });
      await b.setViewportSize({ width: 390, height: 844 });
      await b.screenshot({ path: `${SHOTS}/media-390.png` });
      await b.setViewportSize({ width: 1280, height: 900 });
    }
    expect(git(t.stack.repoDir, ['rev-parse', 'main:media/photo-partagee.png'])).toBe(blobId(png(12, 12)));
  }, 120_000);

  it('refuses a stale publication and a stale deletion (two API sessions), and a new entry over an existing one', async () => {
    const one = apiSession();
    const two = apiSession();
    // Both open the draft as Decap does (its data file, on the draft's branch).
    const read = { collection: 'articles', slug: SLUG, path: PATH, id: PATH };
    expect((await one('unpublishedEntryDataFile', read)).status).toBe(200);
    expect((await two('unpublishedEntryDataFile', read)).status).toBe(200);
    const current = file(DRAFT);
    expect((await one('persistEntry', save(current.replace('title: Titre changé par A', 'title: Titre de la session un')))).status).toBe(200);
    const head = git(t.stack.repoDir, ['rev-parse', 'main']);
    for (const action of ['publishUnpublishedEntry', 'deleteUnpublishedEntry'] as const) {
      const r = await two(action, { collection: 'articles', slug: SLUG });
      expect(r.status).toBe(409);
      expect(String(r.json['error'])).toMatch(new RegExp(`^Modifié par ${AUTHOR} (à|le) .* depuis que vous l’avez ouvert : rechargez pour voir ses changements avant de (publier ; rien n’a été publié|supprimer ce brouillon ; rien n’a été supprimé)\\.$`));
    }
    expect(git(t.stack.repoDir, ['rev-parse', 'main'])).toBe(head);
    expect(file(DRAFT)).toContain('title: Titre de la session un');
    // Opened again, the same session publishes.
    expect((await two('unpublishedEntryDataFile', read)).status).toBe(200);
    expect((await two('publishUnpublishedEntry', { collection: 'articles', slug: SLUG })).status).toBe(200);
    expect(file('main')).toContain('title: Titre de la session un');

    // A published entry deleted since opened, in another session's hands.
    expect((await one('getEntry', { path: PATH })).status).toBe(200);
    expect((await two('getEntry', { path: PATH })).status).toBe(200);
    expect((await one('persistEntry', save(file('main').replace('Titre de la session un', 'Titre encore changé')))).status).toBe(200);
    expect((await one('publishUnpublishedEntry', { collection: 'articles', slug: SLUG })).status).toBe(200);
    const gone = await two('deleteFiles', { paths: [PATH], options: { commitMessage: 'Suppression' } });
    expect(gone.status).toBe(409);
    expect(String(gone.json['error'])).toContain('avant de supprimer ; rien n’a été supprimé.');
    expect(file('main')).toContain('Titre encore changé');

    // A new entry (Decap's `newEntry`) never overwrites an existing file.
    const fresh = apiSession();
    const taken = await fresh('persistEntry', save('---\ntitle: Autre\n---\n', true));
    expect(taken.status).toBe(409);
    expect(String(taken.json['error'])).toMatch(/^Une entrée existe déjà à cette adresse \(« bilan-de-mi-parcours-demo\.md »\) : créée par /);
  }, 120_000);

  it('refuses an upload over a file another session sent after this one looked, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const one = apiSession();
    const two = apiSession();
    const first = await one('getMedia', { mediaFolder: 'media' });
    expect(first.set).toMatch(new RegExp(`^eig_edition_${t.stack.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect((await two('getMedia', { mediaFolder: 'media' })).status).toBe(200);
    const upload = (bytes: Buffer) => ({ asset: { path: 'media/photo-commune.png', content: bytes.toString('base64'), encoding: 'base64' }, options: { commitMessage: 'Envoi' } });
    expect((await one('persistMedia', upload(png(8, 8)))).status).toBe(200);
    const refused = await two('persistMedia', upload(png(9, 9)));
    expect(refused.status).toBe(409);
    expect(String(refused.json['error'])).toMatch(new RegExp(`^Le fichier « photo-commune\\.png » existe déjà : envoyé par ${AUTHOR} (à|le) `));
    // The first session's file is the one stored.
    expect(git(t.stack.repoDir, ['rev-parse', 'main:media/photo-commune.png'])).toBe(blobId(png(8, 8)));
    // The session that sent it may send it again; the other one once it has seen it.
    expect((await one('persistMedia', upload(png(10, 10)))).status).toBe(200);
    expect((await two('getMedia', { mediaFolder: 'media' })).status).toBe(200);
    expect((await two('persistMedia', upload(png(9, 9)))).status).toBe(200);
  }, 120_000);
});
