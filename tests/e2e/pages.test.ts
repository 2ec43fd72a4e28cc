import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { demo, entriesOf } from '../helpers/demo-content.ts';
import { internalLinks, unresolved } from '../helpers/fetch-links.ts';

const base = inject('baseUrl');
const TEXT_PAGES = ['contact', 'accessibility', 'cgu', 'personal-data', 'cookies', 'press', 'sitemap'];
const textPages = demo.entries.filter((e) => e.collection === 'pages' && TEXT_PAGES.includes(e.id));

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

describe('text pages at the URL their file declares', () => {
  it('covers every text page of the demo content', () => { expect(textPages.map((e) => e.id).sort()).toEqual([...TEXT_PAGES].sort()); });

  it.each(textPages.map((e) => [e.url, e] as const))('%s', async (url, entry) => {
    const declared = entry.data['url'];
    if (typeof declared === 'string') expect(url).toBe(`${declared.replace(/\/$/, '')}/`);
    const r = await page.goto(`${base}${url}`);
    expect(r?.status()).toBe(200);
    expect(await page.locator('h1').count()).toBe(1);
    expect((await page.locator('h1').textContent())?.trim()).toBe(entry.title);
    expect(await unresolved(await internalLinks(page, base))).toEqual([]);
  });

  it('the accessibility statement gives the same compliance level as the footer', async () => {
    await page.goto(`${base}/accessibilite/`);
    const footer = (await page.locator('footer a[href="/accessibilite/"]').textContent())!.trim();
    const level = /Accessibilité : (.+)$/.exec(footer)?.[1];
    expect(level).toBe('non conforme');
    expect((await page.locator('main').textContent())!).toContain(`est ${level}`);
  });
});

describe('/plan-du-site/', () => {
  const listed = async () => [...new Set(await page.locator('.eig-sitemap a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!)))];

  it('lists every published page of the content, from the content tree', async () => {
    await page.goto(`${base}/plan-du-site/`);
    const hrefs = await listed();
    // `visible: false` hides a collection entry from lists; on a single page the key means nothing to visitors.
    const expected = demo.entries.filter((e) => e.collection === 'pages' || e.data['visible'] !== false).map((e) => e.url);
    expect(expected.filter((u) => !hrefs.includes(u))).toEqual([]);
    expect(hrefs.length).toBe(new Set(expected).size);
  });

  it('nests pages under their parent page', async () => {
    const candidats = page.locator('.eig-sitemap li:has(> a[href="/participer/"]) li:has(> a[href="/participer/candidats/"])');
    expect(await candidats.locator('a[href="/participer/candidats/faq/"]').count()).toBe(1);
    const article = entriesOf('articles')[0]!;
    expect(await page.locator(`.eig-sitemap li:has(> a[href="/blog/"]) a[href="${article.url}"]`).count()).toBe(1);
  });

  it('has only links that resolve', async () => {
    expect(await unresolved((await listed()).map((h) => `${base}${h}`))).toEqual([]);
  });
});

describe('404', () => {
  it('answers 404 with the custom page, a title and a way back', async () => {
    const r = await page.goto(`${base}/cette-page-n-existe-pas/`);
    expect(r?.status()).toBe(404);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Page non trouvée');
    expect(await page.title()).toContain('Page non trouvée');
    expect(await page.locator('main a[href="/"]').count()).toBe(1);
    expect(await page.locator('main a[href="/plan-du-site/"]').count()).toBe(1);
  });
});
