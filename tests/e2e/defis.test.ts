import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { entriesOf, slugs, teamOf, visibleDefis } from '../helpers/demo-content.ts';

const base = inject('baseUrl');
const defis = visibleDefis();
const hidden = entriesOf('defis').filter((d) => d.data['visible'] === false);
const count = (where: (d: (typeof defis)[number]) => boolean) => defis.filter(where).length;
const has = (field: string, slug: string) => (d: (typeof defis)[number]) => slugs(d.data[field]).includes(slug);
// A promo and a theme that share défis, and a pair that shares none (from the demo content).
const promo = 'promotion-4';
const theme = slugs(defis.find(has('promos', promo))!.data['themes'])[0]!;
const emptyPair = entriesOf('themes').map((t) => t.id).find((t) => count((d) => has('promos', promo)(d) && has('themes', t)(d)) === 0 && count(has('themes', t)) > 0)!;

async function visibleTitles(page: Page): Promise<string[]> {
  const cards = page.locator('[data-filter-item]');
  const out: string[] = [];
  for (let i = 0; i < (await cards.count()); i++) if (await cards.nth(i).isVisible()) out.push(await cards.nth(i).locator('.fr-card__title').innerText());
  return out;
}
const radio = (page: Page, name: string, value: string): Locator => page.locator(`input[name="${name}"][value="${value}"]`);
const pick = (page: Page, name: string, value: string) => page.locator(`label[for="${`defis-${name}-${value || 'tous'}`}"]`).click();

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('/defis/ without JavaScript', () => {
  let page: Page;
  beforeAll(async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    page = await ctx.newPage();
    await page.goto(`${base}/defis/`);
  });

  it('lists every visible défi, none of the hidden ones', async () => {
    expect((await visibleTitles(page)).sort()).toEqual(defis.map((d) => d.title).sort());
    for (const h of hidden) expect(await page.getByText(h.title).count()).toBe(0);
  });

  it('filters by promotion, then by promotion and theme combined', async () => {
    await pick(page, 'promo', promo);
    expect((await visibleTitles(page)).length).toBe(count(has('promos', promo)));
    await pick(page, 'theme', theme);
    const shown = await visibleTitles(page);
    expect(shown.length).toBe(count((d) => has('promos', promo)(d) && has('themes', theme)(d)));
    expect(shown.length).toBeGreaterThan(0);
    expect(await page.locator('[data-filter-empty]').isVisible()).toBe(false);
  });

  it('shows a message and a way back when nothing matches, and the reset button restores all', async () => {
    await pick(page, 'theme', emptyPair);
    expect(await visibleTitles(page)).toEqual([]);
    const empty = page.locator('[data-filter-empty]');
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.locator('a').getAttribute('href')).toBe('/defis/');
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    expect((await visibleTitles(page)).length).toBe(defis.length);
  });

  it('filters by expertise with the keyboard (arrow keys move within a radio group)', async () => {
    await radio(page, 'expertise', '').focus();
    await page.keyboard.press('ArrowRight');
    const chosen = await page.locator('input[name="expertise"]:checked').getAttribute('value');
    expect(chosen).not.toBe('');
    expect((await visibleTitles(page)).length).toBe(count(has('expertises', chosen!)));
  });
});

describe('/defis/ with JavaScript', () => {
  it('combines filters instantly, writes them in the URL and announces the count', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/defis/`);
    const status = page.getByRole('status');
    await expect(status.innerText()).resolves.toBe(`${defis.length} défis affichés`);
    await pick(page, 'promo', promo);
    await pick(page, 'theme', theme);
    const n = count((d) => has('promos', promo)(d) && has('themes', theme)(d));
    expect(new URL(page.url()).search).toBe(`?promo=${promo}&theme=${theme}`);
    expect(await status.innerText()).toBe(`${n} ${n > 1 ? 'défis affichés' : 'défi affiché'}`);
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect((await visibleTitles(page)).length).toBe(n);
    await pick(page, 'theme', '');
    expect(new URL(page.url()).search).toBe(`?promo=${promo}`);
    await page.close();
  });

  it('reads the filters back from the URL on load', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/defis/?promo=${promo}&theme=${theme}`);
    expect(await radio(page, 'promo', promo).isChecked()).toBe(true);
    expect(await radio(page, 'theme', theme).isChecked()).toBe(true);
    expect((await visibleTitles(page)).length).toBe(count((d) => has('promos', promo)(d) && has('themes', theme)(d)));
    await page.close();
  });

  it('announces an empty result, shows the message, and ignores unknown values in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/defis/?promo=${promo}&theme=${emptyPair}`);
    expect(await page.getByRole('status').innerText()).toBe('Aucun défi affiché');
    expect(await page.locator('[data-filter-empty]').isVisible()).toBe(true);
    await page.locator('[data-filter-empty] a').click();
    await page.waitForURL(`${base}/defis/`);
    expect((await visibleTitles(page)).length).toBe(defis.length);
    await page.goto(`${base}/defis/?promo=inconnue`);
    expect((await visibleTitles(page)).length).toBe(defis.length);
    await page.close();
  });

  it('links every card to a défi page that exists', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/defis/`);
    const hrefs = await page.locator('[data-filter-item] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toHaveLength(defis.length);
    for (const href of hrefs) expect((await fetch(`${base}${href}`)).status, href).toBe(200);
    await page.close();
  });
});

describe('/defis/<slug>/', () => {
  // The demo défi with the biggest team, so "Afficher plus" shows; its file name has an accent.
  const big = [...defis].sort((a, b) => teamOf(b.id).length - teamOf(a.id).length)[0]!;
  const team = teamOf(big.id);
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage();
    await page.goto(`${base}/defis/${big.id}/`);
  });

  it('shows breadcrumb, title, description, administration, place and town', async () => {
    expect(await page.locator('.fr-breadcrumb a[href="/defis/"]').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe(big.title);
    const text = await page.locator('main').innerText();
    for (const v of [big.data['description'], big.data['who'], big.data['town']]) expect(text).toContain(String(v));
    if (big.data['place']) expect(text).toContain(`${big.data['place']} | ${big.data['town']}`);
    expect(await page.locator('main img').first().getAttribute('alt')).toBe('');
  });

  it('links its themes, promotions and expertises to their pages, which exist', async () => {
    const expected = [...slugs(big.data['themes']).map((s) => `/themes/${s}/`), ...slugs(big.data['promos']).map((s) => `/promos/${s}/`), ...slugs(big.data['expertises']).map((s) => `/expertises/${s}/`)];
    const hrefs = await page.locator('main .fr-tag').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(expected.sort());
    for (const href of expected) expect((await fetch(`${base}${href}`)).status, href).toBe(200);
  });

  it('shows 3 team members, the others behind "Afficher plus", which toggles with the keyboard', async () => {
    expect(team.length).toBeGreaterThan(3);
    const visibleNames = async () => {
      const cards = page.locator('section[aria-labelledby="equipe-titre"] .fr-card');
      const out: string[] = [];
      for (let i = 0; i < (await cards.count()); i++) if (await cards.nth(i).isVisible()) out.push(await cards.nth(i).locator('.fr-card__title').innerText());
      return out;
    };
    expect(await visibleNames()).toHaveLength(3);
    const more = page.locator('summary', { hasText: 'Afficher plus' });
    expect(await more.innerText()).toBe(`Afficher plus (${team.length - 3})`);
    await more.focus();
    await page.keyboard.press('Enter');
    expect((await visibleNames()).sort()).toEqual(team.map((p) => p.title).sort());
    expect(await page.locator('summary').innerText()).toBe('Afficher moins');
    await page.keyboard.press('Enter');
    expect(await visibleNames()).toHaveLength(3);
  });

  it('renders the Markdown body', async () => {
    expect(await page.locator('main .eig-markdown h2').count()).toBeGreaterThan(0);
  });

  it('still builds the page of a hidden défi, not listed and not indexed', async () => {
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) {
      const r = await fetch(`${base}/defis/${h.id}/`);
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/<meta name="robots" content="noindex"/);
    }
    expect(await page.locator('meta[name="robots"]').count()).toBe(0);
  });
});

describe('outcome of the défis (status filter, card badge, défi page block)', () => {
  const statusOf = (d: (typeof defis)[number]) => String((d.data['outcome'] as Record<string, unknown> | undefined)?.['status'] ?? 'non-renseigne');
  const withStatus = (s: string) => defis.filter((d) => statusOf(d) === s);
  const LABEL: Record<string, string> = { 'en-cours': 'En cours', perennise: 'Pérennisé', repris: 'Repris par une autre équipe', arrete: 'Arrêté', 'non-renseigne': 'Non renseigné' };

  it('has défis of every status in the demo content', () => {
    for (const s of Object.keys(LABEL)) expect(withStatus(s).length, s).toBeGreaterThan(0);
  });

  it('filters by status without JavaScript, and the cards carry the status badge', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/defis/`);
    for (const s of ['perennise', 'arrete', 'non-renseigne']) {
      await pick(page, 'statut', s);
      expect((await visibleTitles(page)).sort(), s).toEqual(withStatus(s).map((d) => d.title).sort());
      const badges = await page.locator('[data-filter-item]:visible .fr-card__start .fr-badge').allInnerTexts();
      const shown = badges.filter((b) => b.toLowerCase() === LABEL[s]!.toLowerCase()).length;
      // « Non renseigné » is not repeated on every card: only known statuses get a badge.
      expect(shown, s).toBe(s === 'non-renseigne' ? 0 : withStatus(s).length);
    }
    await ctx.close();
  });

  it('filters by status with JavaScript: read from and written to the URL, combined with the promotion', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/defis/?statut=repris`);
    expect(await radio(page, 'statut', 'repris').isChecked()).toBe(true);
    expect((await visibleTitles(page)).sort()).toEqual(withStatus('repris').map((d) => d.title).sort());
    await pick(page, 'statut', 'perennise');
    await pick(page, 'promo', promo);
    const params = new URL(page.url()).searchParams;
    expect([...params.entries()].sort()).toEqual([['promo', promo], ['statut', 'perennise']]);
    const n = withStatus('perennise').filter(has('promos', promo)).length;
    expect(n).toBeGreaterThan(0);
    expect(await page.getByRole('status').innerText()).toBe(`${n} ${n > 1 ? 'défis affichés' : 'défi affiché'}`);
    await page.close();
  });

  it('shows the outcome block on a défi page: badge with its date, note, service and source code links', async () => {
    const full = defis.find((d) => { const o = d.data['outcome'] as Record<string, unknown> | undefined; return o?.['since'] && o['product'] && o['code'] && o['note']; })!;
    const o = full.data['outcome'] as { status: string; since: Date; product: string; code: string; note: string };
    const page = await browser.newPage();
    await page.goto(`${base}${full.url}`);
    const block = page.locator('[data-outcome-block]');
    await expect(block.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('Ce que le défi est devenu');
    expect((await block.locator('.fr-badge').innerText()).toLowerCase()).toBe(LABEL[o.status]!.toLowerCase());
    expect(await block.locator('time').getAttribute('datetime')).toBe(o.since.toISOString().slice(0, 10));
    expect(await block.locator('time').innerText()).toBe(new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(o.since));
    expect(await block.innerText()).toContain(o.note);
    expect(await block.getByRole('link', { name: /Voir le service/ }).getAttribute('href')).toBe(o.product);
    expect(await block.getByRole('link', { name: /Code source/ }).getAttribute('href')).toBe(o.code);
    await page.close();
  });

  it('says plainly when the outcome is not known, without links', async () => {
    const unknown = withStatus('non-renseigne')[0]!;
    const page = await browser.newPage();
    await page.goto(`${base}${unknown.url}`);
    const block = page.locator('[data-outcome-block]');
    expect((await block.locator('.fr-badge').innerText()).toLowerCase()).toBe('non renseigné');
    expect(await block.innerText()).toContain('n’a pas encore été renseigné');
    expect(await block.getByRole('link').count()).toBe(0);
    await page.close();
  });
});
