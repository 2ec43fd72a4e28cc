import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { entriesOf, pageData, slugs } from '../helpers/demo-content.ts';
import { internalLinks, unresolved } from '../helpers/fetch-links.ts';
import { markdownToText } from '../../src/lib/markdown/render.ts';

const base = inject('baseUrl');
const fr = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
// The demo articles, newest first, as the list must show them.
const articles = entriesOf('articles')
  .filter((a) => a.data['visible'] !== false)
  .sort((a, b) => (b.data['date'] as Date).getTime() - (a.data['date'] as Date).getTime() || a.title.localeCompare(b.title, 'fr'));
const categories = entriesOf('categories');
const titleOf = (slug: string) => articles.find((a) => a.id === slug)?.title;

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

const cardTitles = async () => (await page.locator('main .fr-card__title').allTextContents()).map((t) => t.trim());

describe('/blog/', () => {
  it('has enough demo articles to paginate', () => { expect(articles.length).toBeGreaterThan(8); });

  it('shows the title from blog/_index.md and the 8 newest articles, newest first', async () => {
    await page.goto(`${base}/blog/`);
    expect((await page.locator('h1').textContent())?.trim()).toBe(pageData('blog')['title']);
    expect(await cardTitles()).toEqual(articles.slice(0, 8).map((a) => a.title));
  });

  it('shows each card’s French date and author', async () => {
    const first = articles[0]!;
    const card = page.locator('main .fr-card').first();
    await expect(card.textContent()).resolves.toContain(fr.format(first.data['date'] as Date));
    await expect(card.textContent()).resolves.toContain(String(first.data['author']));
  });

  it('paginates with DSFR pagination: page 2 holds the rest, in order', async () => {
    const nav = page.locator('nav.fr-pagination');
    expect(await nav.locator('[aria-current="page"]').textContent()).toBe('1');
    await nav.getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(`${base}/blog/page/2/`);
    expect(await cardTitles()).toEqual(articles.slice(8, 16).map((a) => a.title));
    expect(await page.locator('nav.fr-pagination [aria-current="page"]').textContent()).toBe('2');
    expect(await page.locator('h1').count()).toBe(1);
    await page.locator('nav.fr-pagination').getByRole('link', { name: 'Première page' }).click();
    await page.waitForURL(`${base}/blog/`);
  });

  it('answers 404 past the last page', async () => {
    const last = Math.ceil(articles.length / 8);
    expect((await fetch(`${base}/blog/page/${last}/`)).status).toBe(last > 1 ? 200 : 404);
    expect((await fetch(`${base}/blog/page/${last + 1}/`)).status).toBe(404);
  });

  it('filters by category through links to the category pages (no JavaScript needed)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${base}/blog/`);
    const used = categories.filter((c) => articles.some((a) => slugs(a.data['categories']).includes(c.id)));
    expect(used.length).toBeGreaterThanOrEqual(3);
    const cat = used[1]!;
    const expected = articles.filter((a) => slugs(a.data['categories']).includes(cat.id)).map((a) => a.title);
    await p.locator('.eig-category-filter').getByRole('link', { name: new RegExp(`^${cat.title}`) }).click();
    await p.waitForURL(`${base}/categories/${cat.id}/`);
    expect((await p.locator('main .fr-card__title').allTextContents()).map((t) => t.trim())).toEqual(expected);
    expect((await p.locator('.eig-category-filter [aria-current="page"]').textContent())?.trim()).toBe(`${cat.title} (${expected.length})`);
    await p.locator('.eig-category-filter').getByRole('link', { name: 'Tous les articles' }).click();
    await p.waitForURL(`${base}/blog/`);
    await context.close();
  });

  it('has only links that resolve', async () => {
    await page.goto(`${base}/blog/`);
    expect(await unresolved(await internalLinks(page, base))).toEqual([]);
  });
});

describe('/blog/<slug>/', () => {
  const withRelated = articles.find((a) => slugs(a.data['related']).length === 2)!;

  it('shows title, author, French date, categories and body', async () => {
    await page.goto(`${base}/blog/${withRelated.id}/`);
    expect((await page.locator('h1').textContent())?.trim()).toBe(withRelated.title);
    const meta = (await page.locator('.eig-article__meta').textContent())!.replace(/\s+/g, ' ');
    const date = withRelated.data['date'] as Date;
    expect(meta).toContain(`Publié le ${fr.format(date)} par ${String(withRelated.data['author'])}`);
    expect(await page.locator('.eig-article__meta time').getAttribute('datetime')).toBe(date.toISOString().slice(0, 10));
    const cats = slugs(withRelated.data['categories']).map((s) => categories.find((c) => c.id === s)!.title);
    expect((await page.locator('main ul[aria-label="Catégories"] a').allTextContents()).map((t) => t.trim())).toEqual(cats);
    const opening = markdownToText(withRelated.body).split(' ').slice(0, 4).join(' ');
    expect((await page.locator('main .eig-markdown').first().textContent())!.replace(/\s+/g, ' ')).toContain(opening);
  });

  it('has share links with accessible names and no third-party script', async () => {
    const links = page.locator('.fr-share a');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    for (const name of await links.allTextContents()) expect(name.trim()).toMatch(/^Partager (sur|par) /);
    const shareUrl = encodeURIComponent(`${new URL(`/blog/${withRelated.id}/`, 'http://127.0.0.1:4321')}`);
    expect(await links.first().getAttribute('href')).toContain(shareUrl);
    const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
    expect(scripts.filter((s) => !s.startsWith(base))).toEqual([]);
  });

  it('offers "Lire aussi" with its related articles (2 at most)', async () => {
    const section = page.locator('section[aria-labelledby="lire-aussi"]');
    const titles = (await section.locator('.fr-card__title').allTextContents()).map((t) => t.trim());
    expect(titles).toEqual(slugs(withRelated.data['related']).map(titleOf));
  });

  it('has only links that resolve', async () => {
    expect(await unresolved(await internalLinks(page, base))).toEqual([]);
  });

  it('an article without related articles has no "Lire aussi"', async () => {
    const alone = articles.find((a) => slugs(a.data['related']).length === 0);
    if (!alone) return;
    await page.goto(`${base}/blog/${alone.id}/`);
    expect(await page.locator('#lire-aussi').count()).toBe(0);
  });
});

describe('video embeds', () => {
  const withVideo = articles.find((a) => a.body.includes('{{< dailymotion'))!;

  it('make no request to the video host until the visitor clicks', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const thirdParty: string[] = [];
    p.on('request', (r) => { if (!r.url().startsWith(base)) thirdParty.push(r.url()); });
    await context.route(/dailymotion\.com/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>lecteur</p>' }));
    await p.goto(`${base}/blog/${withVideo.id}/`);
    await p.waitForLoadState('networkidle');
    expect(thirdParty).toEqual([]);
    expect(await p.locator('main iframe').count()).toBe(0);
    const card = p.locator('.eig-embed').first();
    expect(await card.getByRole('link', { name: /Voir la vidéo sur Dailymotion/ }).getAttribute('href')).toMatch(/^https:\/\/www\.dailymotion\.com\/video\/\w+$/);
    const play = card.getByRole('button', { name: /Lire la vidéo ici/ });
    await play.focus();
    await p.keyboard.press('Enter');
    await p.locator('main iframe').waitFor();
    expect(await p.locator('main iframe').getAttribute('src')).toMatch(/^https:\/\/www\.dailymotion\.com\/embed\/video\/\w+$/);
    expect(thirdParty.some((u) => u.includes('dailymotion.com/embed/video/'))).toBe(true);
    await context.close();
  });

  it('without JavaScript, keep the link to the video and hide the button', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${base}/blog/${withVideo.id}/`);
    expect(await p.locator('.eig-embed').first().getByRole('link', { name: /Voir la vidéo sur Dailymotion/ }).isVisible()).toBe(true);
    expect(await p.locator('.eig-embed__play').first().isVisible()).toBe(false);
    await context.close();
  });
});
