import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';

const base = inject('baseUrl');

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/**
 * A context whose pages record the theme when <body> is inserted, i.e. once <head> (and its
 * blocking scripts) is done and before anything of the page can be painted, and whether the
 * DSFR had run by then. With `withoutBundles`, the site's bundled scripts (the DSFR module among
 * them) are not loaded, so only the blocking script in <head> can set the theme.
 */
async function context(colorScheme: 'light' | 'dark', { withoutBundles = false } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ colorScheme });
  await ctx.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (!document.body) return;
      window.atBody = { theme: document.documentElement.getAttribute('data-fr-theme'), dsfr: 'dsfr' in window };
      obs.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  if (withoutBundles) await ctx.route(/\/_astro\/.*\.js$/, (r) => (r.request().url().includes('scheme-init') ? r.continue() : r.abort()));
  return ctx;
}

/** The theme when <body> appeared (and checks the DSFR module had not run yet). */
async function firstFrameTheme(page: Page): Promise<string | null> {
  await page.waitForFunction(() => window.atBody !== undefined);
  const at = await page.evaluate(() => window.atBody);
  if (!at) throw new Error('atBody absent');
  expect(at.dsfr).toBe(false);
  return at.theme;
}
const theme = (page: Page) => page.getAttribute('html', 'data-fr-theme');

async function choose(page: Page, value: 'light' | 'dark' | 'system') {
  await page.waitForFunction(() => 'dsfr' in window);
  await page.click('footer button[aria-controls="fr-theme-modal"]');
  await page.locator('#fr-theme-modal').waitFor({ state: 'visible' });
  await page.click(`label[for="fr-radios-theme-${value}"]`);
  await page.waitForFunction((v) => localStorage.getItem('scheme') === v, value);
  await page.click('#fr-theme-modal .fr-btn--close');
}

describe('display settings', () => {
  it('choosing dark applies at once, persists across pages and reloads, before the first paint', async () => {
    const ctx = await context('light');
    const page = await ctx.newPage();
    await page.goto(`${base}/programme/`);
    expect(await theme(page)).toBe('light');
    await choose(page, 'dark');
    expect(await theme(page)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');

    await page.reload();
    expect(await firstFrameTheme(page)).toBe('dark');
    await page.goto(`${base}/defis/`);
    expect(await firstFrameTheme(page)).toBe('dark');
    expect(await page.getAttribute('html', 'data-fr-scheme')).toBe('dark');
    // The radio of the modal reflects the saved choice.
    await page.waitForFunction(() => 'dsfr' in window);
    expect(await page.isChecked('#fr-radios-theme-dark')).toBe(true);
    await ctx.close();
  });

  it('the blocking <head> script alone applies the saved choice (DSFR module not loaded)', async () => {
    const ctx = await context('light', { withoutBundles: true });
    const page = await ctx.newPage();
    await page.goto(`${base}/programme/`);
    expect(await firstFrameTheme(page)).toBe('light');
    await page.evaluate(() => localStorage.setItem('scheme', 'dark'));
    await page.reload();
    expect(await firstFrameTheme(page)).toBe('dark');
    expect(await theme(page)).toBe('dark');
    await ctx.close();
  });

  it('the script is external (no inline script for a strict CSP) and in <head>', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/programme/`);
    const scripts = await page.evaluate(() => [...document.querySelectorAll('head script')].map((s) => ({ src: s.getAttribute('src'), inline: (s.textContent ?? '').trim().length > 0, type: s.getAttribute('type') })));
    const init = scripts.find((s) => s.src && !s.type);
    expect(init).toBeDefined();
    expect(scripts.filter((s) => s.inline)).toEqual([]);
    await ctx.close();
  });

  it('"system" follows prefers-color-scheme, and light wins over a dark system once chosen', async () => {
    for (const scheme of ['dark', 'light'] as const) {
      const ctx = await context(scheme, { withoutBundles: true });
      const page = await ctx.newPage();
      await page.goto(`${base}/programme/`);
      expect(await firstFrameTheme(page), `system ${scheme}`).toBe(scheme);
      await ctx.close();
    }
    const ctx = await context('dark');
    const page = await ctx.newPage();
    await page.goto(`${base}/programme/`);
    expect(await theme(page)).toBe('dark');
    await choose(page, 'light');
    expect(await theme(page)).toBe('light');
    await page.reload();
    expect(await firstFrameTheme(page)).toBe('light');
    await choose(page, 'system');
    expect(await theme(page)).toBe('dark');
    await ctx.close();
  });
});
