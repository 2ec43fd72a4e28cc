/**
 * Decap's screens on a phone-width screen (390 px, #22), in the real Decap UI: the editor's
 * toolbar and form fit the screen (backoffice/admin/narrow.ts; Decap draws its editor at least
 * 800 px wide: before that CSS the page scrolled sideways and « Enregistrer » was cut); the status
 * bar's sentence is whole, on as many lines as it needs, and covers neither « Se connecter » nor
 * the editor's bottom (backoffice/admin/status-banner.ts); the workflow board stacks its columns
 * so that cards are readable (narrow.ts); « Statut : Brouillon » is readable (contrast.ts); axe
 * finds nothing on these screens at this width either.
 * NARROW_SHOTS=<dir>: screenshots of each screen at 390 and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import { axeSource, axeViolations } from '../helpers/page-checks.ts';

let session: DecapSession;
const SHOTS = process.env['NARROW_SHOTS'];

/** A status long enough for three lines at 390 px: who published what, then the next scheduled publication. */
const published = () => ({
  state: 'ready', served: 'a'.repeat(40), servedAt: new Date().toISOString(),
  publication: { commit: 'a'.repeat(40), author: { name: 'Camille Martin' }, at: new Date().toISOString(), entries: [{ kind: 'Défi', title: 'Cantine locale', change: 'modified' }], more: 2 },
  schedule: { checkedAt: new Date().toISOString(), items: [{ collection: 'defis', slug: 'eau-claire', title: 'Eau claire', publishAt: '2027-01-15T08:00:00Z', state: 'waiting' }] },
});
/** A failure of the server (two lines or more at 390 px). */
const failed = () => ({ state: 'failed', servedAt: new Date().toISOString(), error: { at: new Date().toISOString(), kind: 'environment', cause: 'Le serveur n’a pas pu construire le site : plus de place sur son disque' } });
let status: () => object = failed;

beforeAll(async () => {
  session = await decapSession(inject('distDir'), axeSource);
  await session.page.route('**/_status.json', (route) => route.fulfill({ json: status() }));
  await session.page.setViewportSize({ width: 390, height: 844 });
}, 600_000);
afterAll(async () => {
  await session?.close();
});

/** NARROW_SHOTS: this screen at 390 px, then reloaded at 1280 px, then back to 390 px. */
async function shot(page: Page, name: string, ready: () => Promise<unknown>) {
  if (!SHOTS) return;
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  for (const [width, height, suffix] of [[1280, 900, '1280'], [390, 844, '']] as const) {
    await page.setViewportSize({ width, height });
    await page.reload();
    await ready();
    await page.waitForTimeout(800);
    if (suffix) await page.screenshot({ path: `${SHOTS}/${name}-${suffix}.png` });
  }
}

/** The bar's sentence, its boxes and whether anything of it is cut. */
const readBar = (page: Page) => page.evaluate(() => {
  const bar = document.getElementById('eig-status')!;
  const text = bar.querySelector('span')!;
  const box = (e: Element) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  return {
    text: text.textContent ?? '', visible: !bar.hidden, bar: box(bar), span: box(text),
    cut: { x: text.scrollWidth - text.clientWidth, y: text.scrollHeight - text.clientHeight },
    lines: Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight)),
    links: [...bar.querySelectorAll('a')].map((a) => ({ name: a.textContent, ...box(a) })),
  };
});

const documentWidth = (page: Page) => page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));

/** WCAG contrast ratio of an element's text on its own (opaque) background. */
const contrast = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => {
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const lum = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const style = getComputedStyle(e);
  const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
  return { ratio: (a! + 0.05) / (b! + 0.05), color: style.color, background: style.backgroundColor };
});

describe('Decap at 390 px, logged out', () => {
  it('login screen: a two-line error in the bar covers no part of « Se connecter »', async () => {
    const { page, t } = session;
    await page.goto(`${t.stack.url}/admin/`);
    const login = page.getByRole('button', { name: 'Se connecter' });
    await login.waitFor();
    await expect.poll(async () => (await readBar(page)).text).toMatch(/^Le serveur n’a pas pu construire le site/);
    await shot(page, 'connexion', () => login.waitFor());
    const bar = await readBar(page);
    expect(bar.lines).toBeGreaterThanOrEqual(2);
    expect(bar.cut).toEqual({ x: 0, y: 0 });
    await login.scrollIntoViewIfNeeded();
    const box = (await login.boundingBox())!;
    expect(box.y + box.height, '« Se connecter » au-dessus de la barre').toBeLessThanOrEqual((await readBar(page)).bar.top);
    expect((await documentWidth(page)).doc).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, [], false)).toEqual([]);
  });
});

describe('Decap at 390 px, logged in, with a draft', () => {
  beforeAll(async () => {
    const { page, t } = session;
    status = published;
    await page.goto(`${t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const home = page.getByRole('heading', { level: 1, name: 'Par où commencer' });
    await home.waitFor();
    await shot(page, 'premier-ecran', () => home.waitFor());
    // A draft, for the board.
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    const description = page.locator('textarea[id^="description-field"]');
    await description.fill(`${await description.inputValue()} Relu.`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
  }, 180_000);

  it('the editor fits the screen: no sideways scrolling, every toolbar control whole and on screen', async () => {
    const { page, t } = session;
    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    await page.locator('input[id^="title-field"]').fill('Eau claire');
    await page.waitForTimeout(1_000);
    const width = await documentWidth(page);
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

  it('the status bar: its whole sentence on three lines or so, the links below it, the editor ending above it', async () => {
    const { page, t } = session;
    await page.goto('about:blank'); // a real navigation: Decap's router asks before leaving the unsaved new entry
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    const description = page.locator('textarea[id^="description-field"]');
    await description.waitFor();
    await expect.poll(async () => (await readBar(page)).text).toMatch(/^Publié par Camille Martin .* · Publication programmée le 15 janvier 2027/);
    await shot(page, 'editeur', () => description.waitFor());
    const bar = await readBar(page);
    expect(bar.cut, 'rien de coupé').toEqual({ x: 0, y: 0 });
    expect(bar.lines).toBeGreaterThanOrEqual(2);
    expect(bar.bar.bottom).toBeLessThanOrEqual(844);
    expect(bar.bar.top, 'la barre laisse l’essentiel de l’écran').toBeGreaterThan(844 * 0.75);
    // « 14 h 32 : » never split: non-breaking spaces (french-spaces.ts).
    expect(bar.text).not.toMatch(/\d h|h \d| :| »|« /);
    for (const link of bar.links) {
      expect(link.left, link.name ?? '').toBeGreaterThanOrEqual(0);
      expect(link.right, link.name ?? '').toBeLessThanOrEqual(390);
      expect(link.top, `${link.name} sous la phrase`).toBeGreaterThanOrEqual(bar.span.bottom - 1);
    }
    // Decap's editor (its form and preview scroll inside it) ends where the bar begins.
    const editor = await page.locator('[class*="-EditorContainer"]').boundingBox();
    expect(editor!.y + editor!.height).toBeLessThanOrEqual(bar.bar.top + 1);
    expect(await axeViolations(page, [], false)).toEqual([]);
  });

  it('« Statut : Brouillon » in the editor\'s toolbar: its text readable on its background (4.5:1)', async () => {
    const { page } = session;
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    const ratio = await contrast(page, '[class*="-StatusButton"]');
    expect(ratio.ratio, `« Statut : Brouillon » ${ratio.color} sur ${ratio.background}`).toBeGreaterThanOrEqual(4.5);
  });

  it('the workflow board: its columns stacked, cards as wide as the screen, nothing wider than it', async () => {
    const { page, t } = session;
    await page.goto('about:blank');
    await page.goto(`${t.stack.url}/admin/#/workflow`);
    const card = page.locator('[class*="-WorkflowCardContainer"]').first();
    await card.waitFor({ state: 'attached' });
    await shot(page, 'tableau', () => card.waitFor({ state: 'attached' }));
    await page.waitForTimeout(500);
    const width = await documentWidth(page);
    expect(width.doc).toBeLessThanOrEqual(390);
    expect(width.body).toBeLessThanOrEqual(390);
    const box = (await card.boundingBox())!;
    expect(box.width, 'une carte lisible').toBeGreaterThanOrEqual(300);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Every card text is whole: nothing cut sideways or at the bottom (Decap's 140 px high link).
    const cut = await card.evaluate((c) => [...c.querySelectorAll('*')].filter((e) => {
      const style = getComputedStyle(e);
      return (e.scrollWidth > e.clientWidth + 1 && style.overflowX !== 'visible') || (e.scrollHeight > e.clientHeight + 1 && style.overflowY !== 'visible');
    }).map((e) => e.textContent));
    expect(cut).toEqual([]);
    // Its « Supprimer » and « Publier » buttons are there (Decap hid them under 500 px), on screen.
    for (const name of [/^Supprimer /, /^Publier /]) {
      const button = card.getByRole('button', { name });
      expect(await button.isVisible(), String(name)).toBe(true);
      expect(await button.evaluate((e) => { for (let x: Element | null = e; x; x = x.parentElement) if (getComputedStyle(x).opacity === '0') return false; return true; }), `${name} non transparent`).toBe(true);
      const b = (await button.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    // Three columns, one under the other, each heading on screen.
    const headings = page.locator('[class*="-ColumnHeader"]');
    expect(await headings.count()).toBe(3);
    let previous = -1;
    for (const heading of await headings.all()) {
      const b = (await heading.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
      expect(b.y).toBeGreaterThan(previous);
      previous = b.y;
    }
    // The card's « Déplacer vers » buttons are reached by keyboard and on screen.
    const move = card.getByRole('button', { name: /^Déplacer « .* » vers « En cours de révision »$/ });
    await move.focus();
    const m = (await move.boundingBox())!;
    expect(m.x + m.width).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, [], false)).toEqual([]);
  });
});
