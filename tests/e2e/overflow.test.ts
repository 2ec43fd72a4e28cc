/**
 * On a phone (390 px wide), no page of the demo build's sitemap is wider than the screen: no
 * sideways scrolling, whatever its images, tables or long words.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pagesToCheck } from '../helpers/built.ts';
import { pageWidth, widestElements } from '../helpers/page-checks.ts';

const base = inject('baseUrl');
const { source, paths } = pagesToCheck(inject('distDir'));
const WIDTH = 390;

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: WIDTH, height: 844 }, reducedMotion: 'reduce' })).newPage();
});
afterAll(async () => { await browser?.close(); });

describe(`no page wider than a ${WIDTH} px phone (${source})`, () => {
  it('finds pages to check', () => { expect(paths.length).toBeGreaterThan(10); });

  it('every page fits', async () => {
    const wide: string[] = [];
    for (const path of paths) {
      const w = await pageWidth(page, `${base}${path}`);
      if (w > WIDTH) wide.push(`${path} : ${w} px — ${(await widestElements(page)).join(', ')}`);
    }
    expect(wide).toEqual([]);
  }, 600_000);

  it('the check can fail: a 800 px wide image is caught', async () => {
    await page.route(`${base}/__large__/`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="fr"><head><meta name="viewport" content="width=device-width"><title>t</title></head><body><div style="width:800px">x</div></body></html>' }));
    expect(await pageWidth(page, `${base}/__large__/`)).toBeGreaterThan(WIDTH);
  });
});
