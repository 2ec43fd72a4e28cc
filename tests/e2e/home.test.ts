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
    expect(await page.locator('#agents h3').allInnerTexts()).toEqual(home.agents.list.map(titleOf));
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

  it('shows the hero photo from content as the one eager image, sized before it loads', async () => {
    const img = page.locator('.eig-hero img');
    expect(await img.count()).toBe(1);
    expect(await img.getAttribute('loading')).toBe('eager');
    expect(await img.getAttribute('fetchpriority')).toBe('high');
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    expect(await img.getAttribute('alt')).toBe('');
    // Responsive modern formats from the image pipeline.
    expect(await page.locator('.eig-hero picture source[type="image/avif"]').count()).toBe(1);
    expect(await page.locator('.eig-hero picture source[type="image/webp"]').count()).toBe(1);
    expect(await page.locator('main img[fetchpriority="high"]').count()).toBe(1);
    // The title stands outside the photo (on the plain band), so its contrast does not depend on it.
    const [title, photo] = await Promise.all([page.locator('.eig-hero h1').boundingBox(), img.boundingBox()]);
    expect(title!.x + title!.width <= photo!.x || title!.y + title!.height <= photo!.y).toBe(true);
  });

  it('puts kickers over the centred section titles', async () => {
    for (const [id, kicker] of [['defis-titre', 'La mission'], ['talents-titre', 'Qui'], ['agents-titre', 'Et aussi']] as const) {
      const block = page.locator(`.eig-section-title:has(#${id})`);
      expect((await block.locator('.eig-section-title__kicker').innerText()).trim()).toBe(kicker);
      expect(await page.locator(`#${id}`).evaluate((h) => getComputedStyle(h).textAlign)).toBe('center');
    }
  });

  it('shows the agents with round portraits', async () => {
    const photos = page.locator('#agents .eig-round__photo');
    expect(await photos.count()).toBe(home.agents.list.length);
    const box = await photos.first().evaluate((el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height, radius: getComputedStyle(el).borderRadius }; });
    expect(box.w).toBe(box.h);
    expect(box.radius).toBe('50%');
  });

  it('shows each press logo whole, in its natural aspect ratio', async () => {
    const logos = await page.locator('#medias .fr-tile__pictogram img').evaluateAll(async (imgs) => Promise.all((imgs as HTMLImageElement[]).map(async (img) => {
      img.scrollIntoView();
      await img.decode().catch(() => undefined);
      const box = img.closest('.fr-tile__pictogram')!.getBoundingClientRect();
      const r = img.getBoundingClientRect();
      const fit = getComputedStyle(img).objectFit;
      // The drawn image: object-fit contain shows it whole inside the element's box.
      const scale = fit === 'contain' ? Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight) : 1;
      const drawnW = fit === 'contain' ? img.naturalWidth * scale : r.width;
      const drawnH = fit === 'contain' ? img.naturalHeight * scale : r.height;
      return { src: img.currentSrc, natural: img.naturalWidth / img.naturalHeight, fit, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5, drawn: drawnW / drawnH, drawnW };
    })));
    expect(logos.length).toBe(home.medias.tiles.length);
    for (const l of logos) {
      expect(l.inside, `${l.src} dépasse de sa case`).toBe(true);
      expect(l.drawn, `${l.src} déformé`).toBeCloseTo(l.natural, 1);
      expect(l.drawnW, `${l.src} trop petit`).toBeGreaterThan(60);
    }
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
