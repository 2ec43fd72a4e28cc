import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';

/**
 * Marianne as pages load it: the subset woff2 files of the build (src/lib/dsfr/fonts.ts), preloaded
 * for the first paint, every request answered, and the text really drawn with them.
 */
const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe.each(['/', '/programme/', '/blog/', '/participer/candidats/'])('fonts of %s', (path) => {
  it('are the subset woff2 files, all served, preloaded, and used', async () => {
    const page = await browser.newPage();
    const fonts: { url: string; status: number; bytes: number }[] = [];
    const failed: string[] = [];
    page.on('requestfailed', (r) => { if (r.resourceType() === 'font') failed.push(r.url()); });
    page.on('response', async (r) => {
      if (r.request().resourceType() !== 'font') return;
      fonts.push({ url: r.url(), status: r.status(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    });
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(300);
    expect(failed).toEqual([]);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f.status, f.url).toBe(200);
      expect(f.url, 'woff2 seulement').toMatch(/\/_astro\/Marianne-[A-Za-z_]+\.[\w-]+\.woff2$/);
      // The package's faces weigh 57–60 Ko; the subsets about half.
      expect(f.bytes, f.url).toBeLessThan(40_000);
      expect(f.bytes, f.url).toBeGreaterThan(10_000);
    }
    const preloads = await page.locator('link[rel="preload"][as="font"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
    expect(preloads.length).toBe(2);
    for (const p of preloads) expect(fonts.map((f) => f.url)).toContain(p);
    const used = await page.evaluate(() => ({
      family: getComputedStyle(document.body).fontFamily,
      regular: document.fonts.check('400 1rem Marianne', 'Entreprendre é'),
      bold: document.fonts.check('700 1rem Marianne', 'Entreprendre é'),
      loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Marianne' && f.status === 'loaded').map((f) => f.weight),
    }));
    expect(used.family).toMatch(/^Marianne/);
    expect(used.regular && used.bold).toBe(true);
    expect(used.loaded).toEqual(expect.arrayContaining(['400', '700']));
    await page.close();
  });
});
