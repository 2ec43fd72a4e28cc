import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { entriesOf, slugs, visibleDefis } from '../helpers/demo-content.ts';
import { internalLinks, unresolved } from '../helpers/fetch-links.ts';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

const titles = async (section: string) => (await page.locator(`section[aria-labelledby="${section}"] .fr-card__title`).allTextContents()).map((t) => t.trim()).sort();
const sorted = (list: { title: string }[]) => list.map((e) => e.title).sort();

/** What must carry a term, computed from the content files. */
function carriers(collection: 'themes' | 'promos' | 'expertises' | 'categories', slug: string) {
  const has = (v: unknown) => slugs(v).includes(slug);
  return {
    defis: collection === 'categories' ? [] : visibleDefis().filter((d) => has(d.data[collection])),
    people: collection === 'promos' || collection === 'expertises' ? entriesOf('personnes').filter((p) => has(p.data[collection])) : [],
    articles: collection === 'categories' ? entriesOf('articles').filter((a) => a.data['visible'] !== false && has(a.data['categories'])) : [],
  };
}

describe.each(['themes', 'promos', 'expertises', 'categories'] as const)('/%s/<slug>/', (collection) => {
  const terms = entriesOf(collection);
  // The term carried by the most entries, so the check has something to compare.
  const term = [...terms].sort((a, b) => {
    const n = (t: typeof a) => Object.values(carriers(collection, t.id)).reduce((s, l) => s + l.length, 0);
    return n(b) - n(a);
  })[0]!;
  const expected = carriers(collection, term.id);

  it('exists for every term', async () => {
    expect(terms.length).toBeGreaterThan(0);
    const bad = await unresolved(terms.map((t) => `${base}/${collection}/${t.id}/`));
    expect(bad).toEqual([]);
  });

  it('lists exactly what carries the term, by kind', async () => {
    await page.goto(`${base}/${collection}/${term.id}/`);
    expect((await page.locator('h1').textContent())?.trim()).toBe(term.title);
    expect(await titles('term-defis')).toEqual(sorted(expected.defis));
    expect(await titles('term-people')).toEqual(sorted(expected.people));
    expect(await titles('term-articles')).toEqual(sorted(expected.articles));
    expect(expected.defis.length + expected.people.length + expected.articles.length).toBeGreaterThan(0);
  });

  it('uses its own template, not the article list', async () => {
    expect(await page.locator('.eig-term').count()).toBe(1);
    expect(await page.locator('nav.fr-pagination').count()).toBe(0);
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('has only links that resolve', async () => {
    expect(await unresolved(await internalLinks(page, base))).toEqual([]);
  });
});

describe('term pages of people', () => {
  it('show portraits named after the person', async () => {
    const promo = entriesOf('promos').find((p) => carriers('promos', p.id).people.length > 0)!;
    await page.goto(`${base}/promos/${promo.id}/`);
    const first = page.locator('section[aria-labelledby="term-people"] .fr-card').first();
    const name = (await first.locator('.fr-card__title').textContent())!.trim();
    const img = first.locator('img, svg[role="img"]').first();
    expect((await img.getAttribute('alt')) ?? (await img.getAttribute('aria-label'))).toBe(name);
  });
});
