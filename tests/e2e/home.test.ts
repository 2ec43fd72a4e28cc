import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { entriesOf, pageData, visibleDefis } from '../helpers/demo-content.ts';

const base = inject('baseUrl');
const home = pageData('home') as {
  hero: { title: string; btn?: { title?: string; url?: string } };
  intro: { title: string };
  talents: { sub: string; list: string[] }; agents: { sub: string; list: string[] };
  join: { title?: string; btn?: { title?: string; url?: string } };
  medias: { tiles: { title: string; link?: string }[] };
};
const titleOf = (slug: string) => entriesOf('personnes').find((p) => p.id === slug)!.title;

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${base}/`);
});
afterAll(async () => { await browser?.close(); });

describe('home page /', () => {
  it('shows the hero title (line breaks kept) as the only h1, and its button', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect((await page.locator('h1').innerText()).trim()).toBe(home.hero.title.trim());
    if (home.hero.btn?.title) expect(await page.locator('.eig-hero a.fr-btn').innerText()).toBe(home.hero.btn.title);
    await expect(page.locator('#intro-titre').innerText()).resolves.toBe(home.intro.title);
  });

  it('shows the 3 most recent visible défis and a link to all', async () => {
    const expected = visibleDefis().sort((a, b) => (b.data['date'] as Date).getTime() - (a.data['date'] as Date).getTime()).slice(0, 3).map((d) => d.title);
    const titles = await page.locator('#derniers-defis .fr-card__title').allInnerTexts();
    expect(titles).toEqual(expected);
    expect(await page.locator('#derniers-defis a[href="/defis/"]').count()).toBe(1);
  });

  it('shows the chosen talents and agents, in the order of the home page file', async () => {
    expect(await page.locator('#talents .fr-card__title').allInnerTexts()).toEqual(home.talents.list.map(titleOf));
    expect(await page.locator('#agents .fr-card__title').allInnerTexts()).toEqual(home.agents.list.map(titleOf));
    expect(await page.locator('#talents img').first().getAttribute('alt')).toBe(titleOf(home.talents.list[0]!));
  });

  it('opens the video of the join block in a new window, saying so', async () => {
    const btn = page.locator('.eig-join a.fr-btn');
    expect(await btn.getAttribute('href')).toBe(home.join.btn!.url);
    expect(await btn.getAttribute('target')).toBe('_blank');
    expect(await btn.getAttribute('title')).toMatch(/nouvelle fenêtre$/);
    expect(await page.locator('.eig-join h2').innerText()).toBe(home.join.title);
  });

  it('shows one tile per media, linked when the tile has a link', async () => {
    const tiles = page.locator('#medias .fr-tile');
    expect(await tiles.count()).toBe(home.medias.tiles.length);
    expect(await page.locator('#medias .fr-tile a').count()).toBe(home.medias.tiles.filter((t) => t.link).length);
  });

  it('has internal links that all resolve', async () => {
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
    expect(hrefs.length).toBeGreaterThan(8);
    for (const href of hrefs) {
      const r = await fetch(`${base}${href}`);
      expect(r.status, href).toBe(200);
    }
  });
});
