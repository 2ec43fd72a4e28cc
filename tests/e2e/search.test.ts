import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { launchBrowser } from '../helpers/browser.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const base = inject('baseUrl');
const content = loadContent('content', 'media');

// A visible défi with at least one talent: its title's longest word finds the défi and the talents.
const talents = content.entries.filter((e) => e.collection === 'personnes' && e.data['role'] === 'participant');
const defi = content.entries.find((e) => e.collection === 'defis' && e.data['visible'] !== false
  && talents.some((t) => (t.data['defis'] as string[]).includes(e.id)))!;
const word = defi.title.split(/[\s’'-]+/).sort((a, b) => b.length - a.length)[0]!.toLocaleLowerCase('fr');

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function search(page: Page, q: string, type = '') {
  await page.goto(`${base}/recherche/?q=${encodeURIComponent(q)}${type ? `&type=${encodeURIComponent(type)}` : ''}`);
  await page.waitForFunction(() => /résultat/.test(document.getElementById('search-status')?.textContent ?? ''));
}

describe('search results page', () => {
  it('finds a défi and its talents by a word of its title, with excerpts', async () => {
    const page = await browser.newPage();
    await search(page, word);
    const links = await page.locator('#search-results h3 a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toContain(defi.url);
    expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
    const marked = (await page.locator('#search-results mark').first().textContent())!.toLocaleLowerCase('fr');
    expect(marked.normalize('NFD').replace(/\p{Diacritic}/gu, '')).toContain(word.normalize('NFD').replace(/\p{Diacritic}/gu, '').slice(0, 4));
    const badges = await page.locator('#search-results .fr-badge').allTextContents();
    expect(badges).toContain('Défi');
    expect(badges).toContain('Talent');
    const status = page.locator('#search-status');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toMatch(new RegExp(`^${links.length} résultats? pour « ${word} »`));
    expect(await page.title()).toMatch(/^« .+ » : \d+ résultats?/);
    await page.close();
  });

  it('« Afficher plus de résultats » shows only when there are more results than shown', async () => {
    const page = await browser.newPage();
    const more = page.locator('#search-more');
    await search(page, 'défi');
    const total = Number(/^(\d+)/.exec((await page.locator('#search-status').textContent()) ?? '')?.[1]);
    const shown = await page.locator('#search-results > li').count();
    expect(total).toBeGreaterThan(shown);
    expect(await more.isVisible()).toBe(true);
    for (let i = 0; i < 10 && await more.isVisible(); i++) {
      const before = await page.locator('#search-results > li').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n || (document.getElementById('search-more')?.hidden ?? true), before);
      await page.waitForTimeout(200);
    }
    expect(await page.locator('#search-results > li').count()).toBeGreaterThan(shown);
    expect(await more.isVisible(), 'tous les résultats sont montrés').toBe(false);
    await search(page, word);
    expect(Number(/^(\d+)/.exec((await page.locator('#search-status').textContent()) ?? '')?.[1])).toBe(await page.locator('#search-results > li').count());
    expect(await more.isVisible(), 'rien de plus à montrer').toBe(false);
    await page.close();
  });

  it('uses French stemming (singular finds plural)', async () => {
    const page = await browser.newPage();
    await search(page, 'donnée');
    const n = await page.locator('#search-results > li').count();
    expect(n).toBeGreaterThan(0);
    expect((await page.locator('#search-results mark').allTextContents()).some((m) => /données/i.test(m))).toBe(true);
    await page.close();
  });

  it('filters by type, with counts beside each type', async () => {
    const page = await browser.newPage();
    await search(page, word);
    const all = await page.locator('#search-results > li').count();
    // DSFR radios are drawn by their label: click the label, as a mouse user does.
    await page.locator('#search-types label', { hasText: /^Talent/ }).click();
    await page.waitForFunction(() => /de type « Talent »/.test(document.getElementById('search-status')?.textContent ?? ''));
    const badges = await page.locator('#search-results .fr-badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.length).toBeLessThan(all);
    expect(new Set(badges)).toEqual(new Set(['Talent']));
    expect(new URL(page.url()).searchParams.get('type')).toBe('Talent');
    const count = await page.locator('label[for] .eig-search__count[data-type="Talent"]').textContent();
    expect(count).toBe(`(${badges.length})`);
    await page.close();
  });

  it('indexes only the main content of défis, people and articles (not header, menu, footer, breadcrumb)', () => {
    // Pagefind's fragments are gzipped JSON ("pagefind_dcd" + {url, content, filters…}), one per page.
    const dir = join(inject('distDir'), 'pagefind', 'fragment');
    const pages = readdirSync(dir).map((f) => JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; content: string; filters: Record<string, string[]> });
    const expected = content.entries.filter((e) => ['defis', 'personnes', 'articles'].includes(e.collection) && e.data['visible'] !== false).map((e) => e.url);
    expect(pages.map((p) => p.url).sort()).toEqual(expect.arrayContaining(expected));
    for (const p of pages) {
      expect(p.url).toMatch(/^\/(defis|personnes|blog)\//);
      expect(p.content, p.url).not.toMatch(/legifrance|Paramètres d’affichage|Accessibilité : non conforme|Voir le fil d’Ariane/);
      expect(p.filters['type'], p.url).toHaveLength(1);
    }
    const page = pages.find((p) => p.url === defi.url)!;
    expect(page.content).toContain(defi.title);
    expect(page.filters['type']).toEqual(['Défi']);
  });

  it('works by keyboard: type, Enter, arrows on the filters, Tab to a result', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/recherche/`);
    await page.locator('#search-q').focus();
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /résultats? pour/.test(document.getElementById('search-status')?.textContent ?? ''));
    // Tab to the submit button, then to the first filter (radios: arrows move the choice).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('type');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /de type « Défi »/.test(document.getElementById('search-status')?.textContent ?? ''));
    // Tab leaves the radio group and reaches the first result link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null && document.activeElement?.tagName === 'A')).toBe(true);
    await page.close();
  });

  it('is reached from the header search bar of any page (GET form)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/programme/`);
    await page.fill('#header-search-input', word);
    await page.press('#header-search-input', 'Enter');
    await page.waitForURL(/\/recherche\/\?q=/);
    await page.waitForFunction(() => /résultats? pour/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.inputValue('#search-q')).toBe(word);
    await page.close();
  });

  it('loads Pagefind on the search page only', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${base}/programme/`, { waitUntil: 'networkidle' });
    expect(requests.filter((p) => p.startsWith('/pagefind/'))).toEqual([]);
    await search(page, word);
    expect(requests).toContain('/pagefind/pagefind.js');
    await page.close();
  });

  it('results, filters and excerpts pass axe in light and dark (the page is out of the sitemap, so of the axe gate)', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      await context.addInitScript({ content: axeSource });
      const page = await context.newPage();
      await search(page, word);
      await page.waitForFunction((s) => document.documentElement.getAttribute('data-fr-theme') === s, colorScheme);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      });
      expect(violations, colorScheme).toEqual([]);
      await context.close();
    }
  });

  it('without JavaScript, says so and links to the lists', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/recherche/?q=${encodeURIComponent(word)}`);
    expect(await page.locator('#search-nojs').isVisible()).toBe(true);
    expect(await page.locator('#search-nojs').textContent()).toMatch(/JavaScript/);
    for (const href of ['/defis/', '/talents/', '/blog/']) expect(await page.locator(`#search-nojs a[href="${href}"]`).count()).toBe(1);
    expect(await page.locator('#search-app').isVisible()).toBe(false);
    expect(await page.getAttribute('#search-form', 'method')).toBe('get');
    await context.close();
  });
});
