/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practices) on every URL of the demo build's
 * sitemap (every built page when there is no sitemap), in the light and the dark scheme: 0
 * violations. axe is injected by an init script, so once per navigation.
 *
 * Each URL is loaded once, checked in the light scheme, then switched to the dark one (the
 * DSFR script follows `prefers-color-scheme` as it changes) and checked again. What changes
 * with the scheme is colour only, so the dark run checks the colour rules (COLOUR_RULES); every
 * other rule gives the same answer in both. The header and the footer are the same components
 * on every page (only the current menu item changes with the section): checked whole on the
 * first page of each type ({@link pageType}), left out on the others. Two halves of the URLs at
 * once, each in its own context (its own renderer process: one per core).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pagesToCheck } from '../helpers/built.ts';
import { axeSource, axeViolations, COLOUR_RULES, pageType } from '../helpers/page-checks.ts';

const base = inject('baseUrl');
const { source, paths: built } = pagesToCheck(inject('distDir'));
/**
 * States a URL of the sitemap does not show: /defis/ filtered by outcome status (read from the URL
 * by the filters' script), with results and with none (the « no result » message).
 */
const STATES = ['/defis/?statut=perennise', '/defis/?statut=en-cours&promo=promotion-1'];
const paths = built.includes('/defis/') ? [...built, ...STATES] : built;
const SHARED = ['header.fr-header', 'footer.fr-footer'];

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** The page's scheme switched to `scheme`; a line when the DSFR script did not follow. */
async function scheme(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.getAttribute('data-fr-theme') === s, scheme, { timeout: 2_000 })
    .catch(() => undefined);
  const theme = await page.evaluate(() => document.documentElement.getAttribute('data-fr-theme'));
  return theme === scheme ? [] : [`le thème ${scheme} n’est pas appliqué (data-fr-theme="${theme}")`];
}

/** One URL in both schemes: one readable line per violation, prefixed by the scheme. */
async function check(page: Page, path: string, whole: boolean): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'light' });
  const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  if (!response || response.status() >= 400) return [`HTTP ${response?.status() ?? 'sans réponse'}`];
  const exclude = whole ? [] : SHARED;
  const light = [...await scheme(page, 'light'), ...await axeViolations(page, exclude)];
  const dark = [...await scheme(page, 'dark'), ...await axeViolations(page, exclude, true, COLOUR_RULES)];
  return [...light.map((l) => `clair : ${l}`), ...dark.map((l) => `sombre : ${l}`)];
}

describe(`axe-core on every page (${source})`, () => {
  it('finds pages to check', () => { expect(paths.length).toBeGreaterThan(0); });

  const pages: Page[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      await context.addInitScript({ content: axeSource });
      pages.push(await context.newPage());
    }
  });
  afterAll(async () => { for (const p of pages) await p.context().close(); });

  // The first URL of each type is checked whole (header and footer included).
  const firsts = new Set<string>();
  const seen = new Set<string>();
  for (const p of paths) if (!seen.has(pageType(p))) { seen.add(pageType(p)); firsts.add(p); }
  // URLs by pairs: the two of a pair at once, one per context.
  const pairs: [string, string][] = [];
  for (let i = 0; i < paths.length; i += 2) pairs.push([paths[i]!, paths[i + 1] ?? '']);

  it.each(pairs)('%s %s (clair et sombre) : 0 violation', async (a, b) => {
    const [one, two] = await Promise.all([
      check(pages[0]!, a, firsts.has(a)),
      b ? check(pages[1]!, b, firsts.has(b)) : Promise.resolve([]),
    ]);
    expect({ [a]: one, ...(b ? { [b]: two } : {}) }).toEqual({ [a]: [], ...(b ? { [b]: [] } : {}) });
  });

  it('the check can fail: an image without alt, and a low contrast in the dark scheme only, are reported', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: axeSource });
    const page = await context.newPage();
    // A page that follows the scheme as the DSFR script does, grey on black in the dark one only.
    const body = '<!doctype html><html lang="fr" data-fr-theme="light"><head><title>t</title><style>[data-fr-theme=dark] body{background:#000;color:#333}</style>'
      + '<script>const m=matchMedia("(prefers-color-scheme: dark)");const f=()=>document.documentElement.setAttribute("data-fr-theme",m.matches?"dark":"light");m.addEventListener("change",f);f();</script>'
      + '</head><body><main><h1>t</h1><p>Texte</p><img src="/x.png"></main></body></html>';
    await page.route(`${base}/__probe__/`, (route) => route.fulfill({ contentType: 'text/html', body }));
    const lines = await check(page, '/__probe__/', true);
    await context.close();
    expect(lines.some((l) => l.startsWith('clair : image-alt'))).toBe(true);
    expect(lines.some((l) => l.startsWith('clair : color-contrast'))).toBe(false);
    expect(lines.some((l) => l.startsWith('sombre : color-contrast'))).toBe(true);
  });
});
