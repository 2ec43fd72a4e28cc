/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practices) on every URL of the demo build's
 * sitemap (every built page when there is no sitemap), in the light and the dark scheme: 0
 * violations. One browser; one page per scheme reused from URL to URL; axe injected by an init
 * script, so once per navigation.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pagesToCheck } from '../helpers/built.ts';
import { axeSource, axeViolations } from '../helpers/page-checks.ts';

const base = inject('baseUrl');
const { source, paths: built } = pagesToCheck(inject('distDir'));
/**
 * States a URL of the sitemap does not show: /defis/ filtered by outcome status (read from the URL
 * by the filters' script), with results and with none (the « no result » message).
 */
const STATES = ['/defis/?statut=perennise', '/defis/?statut=en-cours&promo=promotion-1'];
const paths = built.includes('/defis/') ? [...built, ...STATES] : built;

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Runs axe on a page and returns one readable line per violation (rule, impact, elements). */
async function violations(page: Page, path: string, scheme: 'light' | 'dark'): Promise<string[]> {
  const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  if (!response || response.status() >= 400) return [`HTTP ${response?.status() ?? 'sans réponse'}`];
  // The DSFR script sets data-fr-theme from the scheme; check the dark run is really dark.
  await page.waitForFunction((s) => document.documentElement.getAttribute('data-fr-theme') === s, scheme, { timeout: 2_000 })
    .catch(() => undefined);
  const theme = await page.evaluate(() => document.documentElement.getAttribute('data-fr-theme'));
  const lines = await axeViolations(page);
  if (theme !== scheme) lines.unshift(`le thème ${scheme} n’est pas appliqué (data-fr-theme="${theme}")`);
  return lines;
}

describe(`axe-core on every page (${source})`, () => {
  it('finds pages to check', () => { expect(paths.length).toBeGreaterThan(0); });

  // One page per scheme, reused from URL to URL; both schemes of a URL are checked at the same
  // time (two renderers, two cores).
  const pages: Partial<Record<'light' | 'dark', Page>> = {};
  beforeAll(async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, reducedMotion: 'reduce' });
      await context.addInitScript({ content: axeSource });
      pages[scheme] = await context.newPage();
    }
  });
  afterAll(async () => { for (const p of Object.values(pages)) await p.context().close(); });

  it.each(paths)('%s (clair et sombre) : 0 violation', async (path) => {
    const [light, dark] = await Promise.all([violations(pages.light!, path, 'light'), violations(pages.dark!, path, 'dark')]);
    expect({ light, dark }).toEqual({ light: [], dark: [] });
  });

  it('the check can fail: an image without alt is reported', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: axeSource });
    const page = await context.newPage();
    await page.route(`${base}/__probe__/`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="fr" data-fr-theme="light"><head><title>t</title></head><body><main><h1>t</h1><img src="/x.png"></main></body></html>' }));
    const lines = await violations(page, '/__probe__/', 'light');
    await context.close();
    expect(lines.some((l) => l.startsWith('image-alt'))).toBe(true);
  });
});
