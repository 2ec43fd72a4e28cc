import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { launchBrowser } from '../helpers/browser.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { resolveKeyNumber } from '../../src/lib/figures/metrics.ts';

const base = inject('baseUrl');
const seed = parse(readFileSync('content/program.md', 'utf8').split(/^---$/m)[1] ?? '') as {
  numbers: { num: string; title: string; btnUrl?: string }[];
  steps: { list: { title: string; step: string }[] };
  quote: { quote: string; name: string };
  title: string;
};

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('/programme/', () => {
  beforeAll(async () => {
    page = await browser.newPage();
    await page.goto(`${base}/programme/`);
  });

  it('has one h1, the page title and a French <html>', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect((await page.locator('h1').textContent())?.trim()).toBe(seed.title.trim());
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe(`${seed.title.trim()} — Entrepreneurs d’intérêt général`);
  });

  it('shows the three key numbers with their titles', async () => {
    const items = page.locator('.eig-numbers > li');
    expect(await items.count()).toBe(3);
    for (const [i, n] of seed.numbers.entries()) {
      // `auto:` numbers are computed from the content (tests/unit/metrics.test.ts checks the metrics).
      await expect(items.nth(i).locator('.eig-number').textContent()).resolves.toBe(resolveKeyNumber(n.num, loadContent('content', 'media').entries));
      await expect(items.nth(i).textContent()).resolves.toContain(n.title);
    }
  });

  it('marks a button to another host as external', async () => {
    const external = page.locator('.eig-numbers a[target="_blank"]');
    expect(await external.count()).toBe(seed.numbers.filter((n) => n.btnUrl?.startsWith('http')).length);
    expect(await external.first().getAttribute('title')).toMatch(/nouvelle fenêtre$/);
    expect(await page.locator('.eig-numbers a[href="/talents/"]').count()).toBe(1);
  });

  it('shows the cover photo as an eager, sized hero band with the title outside it', async () => {
    const img = page.locator('.eig-hero img');
    expect(await img.getAttribute('loading')).toBe('eager');
    expect(await img.getAttribute('fetchpriority')).toBe('high');
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    const [title, photo] = await Promise.all([page.locator('h1').boundingBox(), img.boundingBox()]);
    expect(title!.y).toBeGreaterThanOrEqual(photo!.y + photo!.height);
  });

  it('boxes the key numbers', async () => {
    const border = await page.locator('.eig-number-box').first().evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth));
    expect(border).toBeGreaterThanOrEqual(3);
  });

  it('lists the phases in order', async () => {
    const titles = (await page.locator('.eig-phases h3').allTextContents()).map((t) => t.trim());
    expect(titles).toEqual(seed.steps.list.map((s) => s.title));
  });

  it('shows the quote and its author', async () => {
    await expect(page.locator('.fr-quote blockquote').textContent()).resolves.toContain(seed.quote.quote);
    await expect(page.locator('.fr-quote__author').textContent()).resolves.toBe(seed.quote.name);
  });

  it('marks the current section in the main menu', async () => {
    expect(await page.locator('#navigation a[aria-current]').allTextContents()).toEqual(['Programme']);
  });
});

describe('navigation', () => {
  it('reaches the main content and the menu by keyboard', async () => {
    const p = await browser.newPage();
    await p.goto(`${base}/programme/`);
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Contenu');
    await p.keyboard.press('Enter');
    expect(new URL(p.url()).hash).toBe('#contenu');
    // Tab through the header until the "Défis" menu link, then follow it.
    await p.goto(`${base}/programme/`);
    let label = '';
    for (let i = 0; i < 30 && label !== 'Défis'; i++) {
      await p.keyboard.press('Tab');
      label = await p.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(label).toBe('Défis');
    const focusVisible = await p.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle !== 'none');
    expect(focusVisible).toBe(true);
    await p.close();
  });

  it('opens the mobile menu and its sub-menu', async () => {
    const p = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await p.goto(`${base}/programme/`);
    await p.waitForFunction(() => 'dsfr' in window);
    expect(await p.locator('#navigation').isVisible()).toBe(false);
    await p.click('#button-menu');
    await p.locator('#navigation').waitFor({ state: 'visible' });
    await p.click('button[aria-controls="menu-participants"]');
    await p.locator('#menu-participants a[href="/talents/"]').waitFor({ state: 'visible' });
    await p.close();
  });
});
