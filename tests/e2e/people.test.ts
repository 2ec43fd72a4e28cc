import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { entriesOf, pageData, peopleWithRole, slugs } from '../helpers/demo-content.ts';

const base = inject('baseUrl');
type P = ReturnType<typeof peopleWithRole>[number];
const talents = peopleWithRole('participant');
const agents = peopleWithRole('agent-public');
const has = (field: string, slug: string) => (p: P) => slugs(p.data[field]).includes(slug);

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function visibleNames(page: Page, scope = '[data-filter-item]'): Promise<string[]> {
  const cards = page.locator(scope);
  const out: string[] = [];
  for (let i = 0; i < (await cards.count()); i++) if (await cards.nth(i).isVisible()) out.push(await cards.nth(i).locator('.fr-card__title').innerText());
  return out;
}

describe('/talents/', () => {
  const expertise = slugs(talents[0]!.data['expertises'])[0]!;
  const promo = slugs(talents.find((t) => slugs(t.data['promos']).length > 0)!.data['promos'])[0]!;

  it('lists every talent and only talents, with the page intro', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/talents/`);
    expect(await page.locator('h1').innerText()).toBe(pageData('talents')['title']);
    expect((await visibleNames(page)).sort()).toEqual(talents.map((t) => t.title).sort());
    await page.close();
  });

  it('filters by expertise and promotion without JavaScript', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/talents/`);
    await page.locator(`label[for="talents-expertise-${expertise}"]`).click();
    expect((await visibleNames(page)).sort()).toEqual(talents.filter(has('expertises', expertise)).map((t) => t.title).sort());
    await page.locator(`label[for="talents-promo-${promo}"]`).click();
    expect((await visibleNames(page)).sort()).toEqual(talents.filter((t) => has('expertises', expertise)(t) && has('promos', promo)(t)).map((t) => t.title).sort());
    await ctx.close();
  });

  it('with JavaScript, keeps the filters in the URL, reads them back and announces the count', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/talents/`);
    await page.locator(`label[for="talents-expertise-${expertise}"]`).click();
    expect(new URL(page.url()).searchParams.get('expertise')).toBe(expertise);
    const n = talents.filter(has('expertises', expertise)).length;
    expect(await page.getByRole('status').innerText()).toBe(`${n} ${n > 1 ? 'talents affichés' : 'talent affiché'}`);
    await page.goto(`${base}/talents/?promo=${promo}`);
    expect(await page.locator(`input[name="promo"][value="${promo}"]`).isChecked()).toBe(true);
    expect((await visibleNames(page)).length).toBe(talents.filter(has('promos', promo)).length);
    await page.close();
  });
});

describe('/agents/', () => {
  it('lists the public agents, filtered by promotion', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/agents/`);
    expect((await visibleNames(page)).sort()).toEqual(agents.map((a) => a.title).sort());
    expect(await page.locator('input[name="expertise"]').count()).toBe(0);
    const promo = slugs(agents[0]!.data['promos'])[0]!;
    await page.locator(`label[for="agents-promo-${promo}"]`).click();
    expect((await visibleNames(page)).sort()).toEqual(agents.filter(has('promos', promo)).map((a) => a.title).sort());
    await ctx.close();
  });
});

describe('/equipe/', () => {
  it('shows the programme team and the ecosystem in two sections, ordered by weight, and the join block', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/equipe/`);
    const byWeight = (role: string) => peopleWithRole(role).sort((a, b) => Number(a.data['weight'] ?? Infinity) - Number(b.data['weight'] ?? Infinity)).map((p) => p.title);
    expect(await visibleNames(page, '#programme .fr-card')).toEqual(byWeight('agent-programme'));
    expect(await visibleNames(page, '#ecosysteme .fr-card')).toEqual(byWeight('agent-ecosysteme'));
    const join = pageData('team')['join'] as { title: string; link: string };
    expect(await page.locator('.eig-join h2').innerText()).toBe(join.title);
    expect(await page.locator('.eig-join a.fr-btn').getAttribute('href')).toBe(join.link);
    await page.close();
  });
});

describe('/personnes/<slug>/', () => {
  const lists: Record<string, string> = { participant: '/talents/', 'agent-public': '/agents/', 'agent-programme': '/equipe/', 'agent-ecosysteme': '/equipe/' };
  const everyone = entriesOf('personnes');
  const withBoth = everyone.find((p) => p.data['linkedin'] && p.data['github'])!;
  const withNone = everyone.find((p) => !p.data['linkedin'] && !p.data['github'] && p.data['role'] === 'participant')!;

  it.each(Object.keys(lists))('breadcrumb of a %s leads to its list', async (role) => {
    const person = everyone.find((p) => p.data['role'] === role)!;
    const page = await browser.newPage();
    await page.goto(`${base}/personnes/${person.id}/`);
    expect(await page.locator(`.fr-breadcrumb a[href="${lists[role]}"]`).count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe(person.title);
    expect(await page.locator('main').innerText()).toContain(String(person.data['job']));
    expect(await page.getByRole('img', { name: person.title }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows promotions, défis and LinkedIn/GitHub buttons with accessible names', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/personnes/${withBoth.id}/`);
    const linkedin = page.getByRole('link', { name: `LinkedIn de ${withBoth.title} (nouvelle fenêtre)` });
    const github = page.getByRole('link', { name: `GitHub de ${withBoth.title} (nouvelle fenêtre)` });
    expect(await linkedin.getAttribute('href')).toBe(withBoth.data['linkedin']);
    expect(await github.getAttribute('href')).toBe(withBoth.data['github']);
    const promoLinks = await page.locator('main a.fr-tag').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(promoLinks).toEqual(slugs(withBoth.data['promos']).map((s) => `/promos/${s}/`));
    const defiLinks = await page.locator('main .fr-card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const visible = new Set(entriesOf('defis').filter((d) => d.data['visible'] !== false).map((d) => d.id));
    expect(defiLinks.sort()).toEqual(slugs(withBoth.data['defis']).filter((s) => visible.has(s)).map((s) => `/defis/${s}/`).sort());
    for (const href of [...promoLinks, ...defiLinks]) expect((await fetch(`${base}${href}`)).status, String(href)).toBe(200);
    await page.close();
  });

  it('shows no profile button when the person gave none', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/personnes/${withNone.id}/`);
    expect(await page.locator('main a[href*="linkedin"], main a[href*="github"]').count()).toBe(0);
    await page.close();
  });
});
