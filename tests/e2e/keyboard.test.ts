/**
 * Keyboard journeys in Chromium: the main menu (desktop sub-menu and mobile dialog), the défis
 * filters, an accordion (FAQ) and the search. After every key press the focused element must show
 * a visible focus ring (computed outline, or the ring the DSFR draws on a hidden input's label),
 * and Tab must always lead out of each widget (no keyboard trap).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';

const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

interface Focus { desc: string; visible: boolean; inside: boolean; tag: string; text: string }

/** The focused element, whether its focus ring shows, and whether it is inside `within` (a selector). */
async function focus(page: Page, within?: string): Promise<Focus> {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { desc: 'body', visible: false, inside: false, tag: 'body', text: '' };
    const ring = (e: Element, pseudo?: string) => {
      const s = getComputedStyle(e, pseudo);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    // The ring may be drawn by the element, its ::before/::after (DSFR cards, tiles) or, with
    // :focus-within, by the enlarged-link container around it (DSFR header brand, cards).
    let visible = ring(el) || ring(el, '::before') || ring(el, '::after');
    for (let p = el.parentElement, i = 0; !visible && p && i < 4; p = p.parentElement, i++) visible = ring(p);
    // DSFR radios and checkboxes hide the input (opacity 0) and draw the ring on its label.
    if (!visible && el instanceof HTMLInputElement && el.labels?.[0]) {
      const label = el.labels[0];
      visible = ring(label) || ring(label, '::before');
    }
    const text = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return {
      desc: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} « ${text} »`,
      visible,
      inside: sel ? Boolean(el.closest(sel)) : false,
      tag: el.tagName.toLowerCase(),
      text,
    };
  }, within);
}

/**
 * Presses Tab until `done` holds (or `max` presses), checking the focus ring at every step.
 * Returns the last focus and the steps without a visible ring.
 */
async function tabUntil(page: Page, done: (f: Focus) => boolean, { within, max = 60, shift = false } = {} as { within?: string; max?: number; shift?: boolean }) {
  const invisible: string[] = [];
  let f = await focus(page, within);
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    f = await focus(page, within);
    if (!f.visible && f.tag !== 'body') invisible.push(f.desc);
    if (done(f)) return { found: true, focus: f, invisible };
  }
  return { found: false, focus: f, invisible };
}

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), `${path} doit exister`).toBe(200);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true');
  return page;
}

describe('main menu by keyboard', () => {
  it('desktop: opens a sub-menu, Tab enters it, then leaves the menu', async () => {
    const page = await open('/programme/');
    const toButton = await tabUntil(page, (f) => f.tag === 'button' && f.text.startsWith('Participant'));
    expect(toButton.found, 'le bouton du sous-menu est atteint par Tab').toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('button[aria-controls="menu-participants"]', 'aria-expanded')).toBe('true');
    const toLink = await tabUntil(page, (f) => f.inside, { within: '#menu-participants', max: 3 });
    expect(toLink.found, 'Tab entre dans le sous-menu ouvert').toBe(true);
    expect(toLink.focus.text).toBe('Talents EIG');
    // Never trapped: Tab goes on past the whole navigation, into the page.
    const out = await tabUntil(page, (f) => !f.inside && f.tag !== 'body', { within: '#navigation', max: 20 });
    expect(out.found, 'Tab sort du menu').toBe(true);
    expect([...toButton.invisible, ...toLink.invisible, ...out.invisible]).toEqual([]);
    await page.close();
  });

  it('desktop: Enter on a link of the sub-menu follows it', async () => {
    const page = await open('/programme/');
    expect((await tabUntil(page, (f) => f.tag === 'button' && f.text.startsWith('Participant'))).found).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#menu-participants a[href="/talents/"]').waitFor({ state: 'visible' });
    const toLink = await tabUntil(page, (f) => f.inside, { within: '#menu-participants', max: 3 });
    expect(toLink.focus.text).toBe('Talents EIG');
    await Promise.all([page.waitForURL(`${base}/talents/`), page.keyboard.press('Enter')]);
    await page.close();
  });

  it('mobile: the menu button opens the dialog, Escape closes it and gives focus back', async () => {
    const page = await open('/programme/', { width: 375, height: 740 });
    const toMenu = await tabUntil(page, (f) => f.tag === 'button' && f.desc.includes('#button-menu'));
    expect(toMenu.found).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#modal-menu').waitFor({ state: 'visible' });
    const inDialog = await tabUntil(page, (f) => f.text.startsWith('Programme'), { within: '#modal-menu', max: 10 });
    expect(inDialog.found, 'Tab atteint les liens du menu ouvert').toBe(true);
    expect(inDialog.focus.inside).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('#modal-menu').waitFor({ state: 'hidden' });
    expect((await focus(page)).desc).toContain('#button-menu');
    expect([...toMenu.invisible, ...inDialog.invisible]).toEqual([]);
    await page.close();
  });

  it('mobile: the search button opens a dialog named « Rechercher » (named by the page, not guessed by DSFR); wide: a plain search bar', async () => {
    const named = (p: Page) => p.evaluate(() => {
      const m = document.getElementById('modal-search')!;
      return { role: m.getAttribute('role'), name: document.getElementById(m.getAttribute('aria-labelledby') ?? '')?.textContent ?? null };
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const warnings: string[] = [];
    page.on('console', (m) => { if (/accessible name/.test(m.text())) warnings.push(m.text()); });
    await page.goto(`${base}/programme/`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true');
    await page.locator('#button-search').click();
    await page.locator('#header-search-input').waitFor({ state: 'visible' });
    expect(await named(page)).toEqual({ role: 'dialog', name: 'Rechercher' });
    expect(warnings, 'DSFR : « missing accessible name »').toEqual([]);
    await page.close();
    const wide = await open('/programme/');
    expect(await named(wide)).toEqual({ role: null, name: null });
    await wide.close();
  });
});

describe('défis filters by keyboard', () => {
  it('choose a filter with the arrow keys, the list and the URL follow, Tab leaves the filters', async () => {
    const page = await open('/defis/');
    const toFilter = await tabUntil(page, (f) => f.tag === 'input' && f.inside, { within: '.eig-filters__form' });
    expect(toFilter.found, 'Tab atteint le premier filtre').toBe(true);
    const before = await page.locator('[data-filter-item]:visible').count();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.search.length > 1);
    const after = await page.locator('[data-filter-item]:visible').count();
    expect(after).toBeLessThan(before);
    expect(await page.locator('[data-filter-count]').textContent()).toMatch(/\d/);
    const out = await tabUntil(page, (f) => !f.inside && f.tag !== 'body', { within: '.eig-filters__form', max: 30 });
    expect(out.found, 'Tab sort des filtres').toBe(true);
    expect([...toFilter.invisible, ...out.invisible]).toEqual([]);
    await page.close();
  });
});

describe('FAQ accordion by keyboard', () => {
  it('opens an accordion with Enter, Tab goes on and leaves the group', async () => {
    const page = await open('/participer/candidats/faq/');
    const toBtn = await tabUntil(page, (f) => f.inside, { within: '.fr-accordion__btn' });
    expect(toBtn.found, 'Tab atteint un accordéon').toBe(true);
    const id = await page.evaluate(() => document.activeElement!.getAttribute('aria-controls'));
    await page.keyboard.press('Enter');
    await page.locator(`[id="${id}"]`).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-expanded'))).toBe('true');
    const out = await tabUntil(page, (f) => !f.inside && f.tag !== 'body', { within: '.fr-accordions-group', max: 80 });
    expect(out.found, 'Tab sort du groupe d’accordéons').toBe(true);
    expect([...toBtn.invisible, ...out.invisible]).toEqual([]);
    await page.close();
  });
});

describe('search by keyboard', () => {
  it('types a query in the header search, submits with Enter and reaches a result', async () => {
    const page = await open('/programme/');
    const toInput = await tabUntil(page, (f) => f.desc.startsWith('input#header-search-input'));
    expect(toInput.found, 'Tab atteint le champ de recherche').toBe(true);
    await page.keyboard.type('données');
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(response?.status(), 'la page de résultats existe').toBe(200);
    expect(new URL(page.url()).pathname).toBe('/recherche/');
    expect(new URL(page.url()).searchParams.get('q')).toBe('données');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-js') === 'true');
    const toResult = await tabUntil(page, (f) => f.tag === 'a' && f.inside, { within: '#search-results, .pagefind-ui__results' });
    expect(toResult.found, 'Tab atteint un résultat').toBe(true);
    expect([...toInput.invisible, ...toResult.invisible]).toEqual([]);
    await page.close();
  });
});
