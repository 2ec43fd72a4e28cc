import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pageData } from '../helpers/demo-content.ts';
import { internalLinks, unresolved } from '../helpers/fetch-links.ts';
import { opensWithHeading } from '../../src/components/participer/own-heading.ts';

const base = inject('baseUrl');
type Obj = Record<string, unknown>;
const o = (v: unknown) => v as Obj;
const candidates = pageData('candidates');
const admins = pageData('admins');
const postuler = pageData('postuler');
const proposer = pageData('proposer');

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

const h1 = async () => (await page.locator('h1').textContent())?.trim();
const checkLinks = async () => expect(await unresolved(await internalLinks(page, base))).toEqual([]);
/**
 * Headings of the same level one right after the other, with no text between them (« Questions »
 * over « Des questions ? »), and lists without items: what a page must never show.
 */
const doubledHeadingsAndEmptyLists = () => page.evaluate(() => {
  const found: string[] = [];
  const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
  for (let i = 1; i < hs.length; i++) {
    const [a, b] = [hs[i - 1]!, hs[i]!];
    const between = document.createRange();
    between.setStartAfter(a);
    between.setEndBefore(b);
    if (a.tagName === b.tagName && between.toString().trim() === '') found.push(`${a.tagName} « ${a.textContent?.trim()} » puis « ${b.textContent?.trim()} »`);
  }
  for (const list of document.querySelectorAll('main ol, main ul')) if (!list.querySelector('li')) found.push(`liste vide : ${list.outerHTML.slice(0, 80)}`);
  return found;
});
/** Whether the ordered lists of dated steps show no number marker (their circles carry it). */
const stepMarkers = () => page.locator('.eig-steps > li').evaluateAll((lis) => lis.map((li) => getComputedStyle(li, '::marker').content));

describe('/participer/', () => {
  it('leads to the candidates’ and administrations’ pages', async () => {
    await page.goto(`${base}/participer/`);
    expect(await h1()).toBe(pageData('participate')['title']);
    expect(await page.locator('main a[href="/participer/candidats/"]').count()).toBe(1);
    expect(await page.locator('main a[href="/participer/administrations/"]').count()).toBe(1);
    await checkLinks();
  });
});

describe('/participer/candidats/', () => {
  it('shows the sections of the page', async () => {
    await page.goto(`${base}/participer/candidats/`);
    expect(await h1()).toBe(candidates['title']);
    const text = (await page.locator('main').textContent())!;
    for (const q of o(candidates['head'])['questions'] as { question: string }[]) expect(text).toContain(q.question);
    for (const key of ['def', 'what', 'profiles', 'conditions', 'how']) {
      expect(await page.locator('main h2').allTextContents()).toContain(o(candidates[key])['title']);
    }
    expect(await page.locator('section[aria-labelledby="profils"] .fr-card').count()).toBe((o(candidates['profiles'])['list'] as string[]).length);
    expect(await doubledHeadingsAndEmptyLists()).toEqual([]);
  });

  it('shows the step diagram of "how", from content, with its text alternative, across the column', async () => {
    const diagram = page.locator('#devenir ~ .eig-markdown img').first();
    await diagram.scrollIntoViewIfNeeded();
    const d = await diagram.evaluate(async (img: HTMLImageElement) => {
      await img.decode().catch(() => undefined);
      const column = img.closest('section')!.getBoundingClientRect().width;
      const next = img.closest('p')?.nextElementSibling;
      return { loaded: img.complete && img.naturalWidth > 0, alt: img.alt, width: img.getBoundingClientRect().width, column, listAfter: next?.tagName === 'OL' ? next.querySelectorAll('li').length : 0 };
    });
    expect(d.loaded).toBe(true);
    expect(String(o(candidates['how'])['desc'])).toContain(d.alt);
    expect(d.alt.length).toBeGreaterThan(10);
    expect(d.listAfter).toBe(4);
    expect(d.width).toBeCloseTo(d.column, 0);
  });

  it('while closed, shows the "next promotion" block instead of the apply button', async () => {
    expect(candidates['open']).toBe(false);
    const apply = o(o(candidates['head'])['apply']);
    const call = page.locator('.eig-call').first();
    expect(await call.getAttribute('data-call-state')).toBe('wait');
    expect((await call.locator('.fr-callout__title').textContent())?.trim()).toBe(String(o(candidates['wait'])['title']).trim());
    expect(await page.locator(`main a[href="${String(apply['url'])}"].fr-btn`).count()).toBe(0);
  });

  it('links the call document, which downloads', async () => {
    const doc = page.locator('.eig-call a.fr-link--download');
    expect((await doc.textContent())).toContain(String(o(o(candidates['head'])['call'])['title']));
    await checkLinks();
  });
});

describe('/participer/candidats/postuler/', () => {
  it('shows callout, how, dated steps, questions and the join block', async () => {
    await page.goto(`${base}/participer/candidats/postuler/`);
    expect(await h1()).toBe(postuler['title']);
    expect((await page.locator('.fr-callout__title').textContent())?.trim()).toBe(o(postuler['callout'])['title']);
    expect(await page.locator('#comment').textContent()).toBe(o(postuler['how'])['title']);
    const dates = o(postuler['steps'])['dates'] as { date: string }[];
    expect((await page.locator('.eig-steps__date').allTextContents()).map((t) => t.trim())).toEqual(dates.map((d) => d.date));
    // The questions keep the content's own heading when it has one, else get the default one.
    const own = opensWithHeading(String(postuler['questions']));
    expect(own).toBe(true);
    expect(await page.locator('#questions').count()).toBe(0);
    expect(await page.locator('main h2', { hasText: 'Des questions ?' }).count()).toBe(1);
    expect((await page.locator('#rejoindre').textContent())?.trim()).toBe(o(postuler['join'])['title']);
    expect(await doubledHeadingsAndEmptyLists()).toEqual([]);
    const markers = await stepMarkers();
    expect(markers.length).toBe(dates.length);
    expect(markers.every((m) => m === 'none')).toBe(true);
    await checkLinks();
  });
});

describe.each([
  ['/participer/candidats/faq/', 'candidats-faq'],
  ['/participer/administrations/faq/', 'admins-faq'],
])('%s', (url, name) => {
  const faq = pageData(name);
  const questions = faq['questions'] as { title: string; desc: string }[];

  it('shows one DSFR accordion per question', async () => {
    await page.goto(`${base}${url}`);
    expect(await h1()).toBe(faq['title']);
    expect((await page.locator('.fr-accordion__btn').allTextContents()).map((t) => t.trim())).toEqual(questions.map((q) => q.title));
  });

  it('opens and closes the accordions with the keyboard', async () => {
    const buttons = page.locator('.fr-accordion__btn');
    const first = buttons.nth(0);
    const panel = page.locator(`#${(await first.getAttribute('aria-controls'))!}`);
    expect(await panel.isVisible()).toBe(false);
    // Reach the first question with Tab from the last link before it (the breadcrumb), then Enter.
    await page.locator('.fr-breadcrumb a[href]').last().focus();
    await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => panel.isVisible()).toBe(true);
    // Space on the next question opens it; Enter again closes it.
    const second = buttons.nth(1);
    await second.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => second.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => second.getAttribute('aria-expanded')).toBe('false');
  });

  it('has only links that resolve', checkLinks);
});

describe('/participer/administrations/', () => {
  it('shows the criteria, the steps and, while closed, the wait block', async () => {
    await page.goto(`${base}/participer/administrations/`);
    expect(await h1()).toBe(o(admins['head'])['title']);
    const criteria = o(admins['criteria'])['list'] as { name: string }[];
    expect((await page.locator('.eig-criteria h3').allTextContents()).map((t) => t.replace(/^Critère \S+ : /, '').trim())).toEqual(criteria.map((c) => c.name));
    expect(await page.locator('#etapes').count()).toBe(1);
    expect(await doubledHeadingsAndEmptyLists()).toEqual([]);
    expect(admins['open']).toBe(false);
    expect(await page.locator('.eig-call').first().getAttribute('data-call-state')).toBe('wait');
    expect((await page.locator('.eig-call .fr-callout__title').textContent())?.trim()).toBe(String(o(admins['wait'])['title']).trim());
    await checkLinks();
  });
});

describe('/participer/administrations/proposer/', () => {
  it('shows callout, how, dated steps, questions and communication', async () => {
    await page.goto(`${base}/participer/administrations/proposer/`);
    expect(await h1()).toBe(proposer['title']);
    expect((await page.locator('.fr-callout__title').textContent())?.trim()).toBe(o(proposer['callout'])['title']);
    expect(await page.locator('.eig-steps__item').count()).toBe((o(proposer['steps'])['dates'] as unknown[]).length);
    expect(opensWithHeading(String(proposer['com']))).toBe(false);
    expect(await page.locator('#communication').count()).toBe(1);
    expect(await doubledHeadingsAndEmptyLists()).toEqual([]);
    expect(await stepMarkers()).toEqual((o(proposer['steps'])['dates'] as unknown[]).map(() => 'none'));
    await checkLinks();
  });
});
