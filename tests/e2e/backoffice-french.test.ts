/**
 * The back-office speaks French only (#22 item 3), in the real Decap UI: a walk of its screens
 * (login, a collection list, the editor of each kind of collection, the media library, the
 * workflow board with a draft on it, the status page) reads what an editor sees and hears (text,
 * aria-label, title, placeholder, alt) and fails on words of Decap's English, on an unfilled
 * `%{…}` and on a host:port. The French dictionary (backoffice/admin/locale-fr.json) has every key
 * of Decap's English, with the same placeholders.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import type { TestStack } from '../helpers/stack.ts';

/** Words of Decap's English interface seen on its screens (whole words, case kept). */
const ENGLISH = [
  'Strikethrough', 'Set date to now', 'Expand', 'Collapse', 'Code Block', 'Rich Text', 'Toggle', 'Remove', 'Add Note',
  'Choose', 'Upload', 'Loading', 'Close', 'Oops', 'Untitled', 'Quick add', 'Publish', 'Draft', 'In Review', 'field',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
const TYPOS = ['mofications', 'modications', 'ressource sélectionné'];
const ENGLISH_RE = new RegExp(`\\b(${ENGLISH.join('|')})\\b`, 'g');
/** What react-select says in English (its live region): « 5 results available. », « option Santé, selected. », « Use Up and Down… ». */
const LIVE_ENGLISH = /\b(results?|available|selected|deselected|focused|press|Use|Select|search term|of)\b/;

let session: DecapSession;
let t: TestStack;
let page: Page;

beforeAll(async () => {
  session = await decapSession(inject('distDir'));
  ({ t, page } = session);
}, 600_000);
afterAll(async () => {
  await session?.close();
});

/** Everything an editor can read or hear on the page now. */
const shown = (p: Page) => p.evaluate(() => [
  document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((e) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '')),
].join('\n'));

/** What is wrong with a screen's words: English, typos, %{…}, an address with a port. */
function problems(text: string): string[] {
  const out = [...new Set(text.match(ENGLISH_RE) ?? [])].map((w) => `anglais : « ${w} »`);
  for (const typo of TYPOS) if (text.includes(typo)) out.push(`coquille : « ${typo} »`);
  if (text.includes('%{')) out.push(`texte à trous : ${text.slice(text.indexOf('%{') - 20, text.indexOf('%{') + 30)}`);
  const host = /\b(127\.0\.0\.1|localhost)(:\d+)?|:\d{4,5}\b/.exec(text);
  if (host) out.push(`adresse technique : ${host[0]}`);
  return out;
}

async function screen(hash: string, ready: () => Promise<unknown>): Promise<string[]> {
  await page.goto(`${t.stack.url}/admin/${hash}`);
  await ready();
  await page.waitForTimeout(1_000);
  return problems(await shown(page));
}

describe('every screen of the back-office is in French', () => {
  it('the login screen', async () => {
    expect(await screen('', () => page.getByRole('button', { name: 'Se connecter' }).waitFor())).toEqual([]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  });

  it('the first screen after login, « Par où commencer »', async () => {
    expect(await screen('#/', () => page.getByRole('heading', { level: 1, name: 'Par où commencer' }).waitFor())).toEqual([]);
  });

  it('a collection list, with its « Nouveau défi » button', async () => {
    expect(await screen('#/collections/defis', () => page.getByText('Cantine locale').first().waitFor())).toEqual([]);
    await page.getByRole('link', { name: 'Nouveau défi' }).waitFor();
  });

  for (const [kind, hash] of [
    ['défi', '#/collections/defis/entries/cantine-locale'], ['article', '#/collections/articles/new'],
    ['personne', '#/collections/personnes/new'], ['thématique', '#/collections/themes/new'], ['page', '#/collections/pages/entries/accueil'],
  ] as const) {
    it(`the editor of a ${kind}`, async () => {
      expect(await screen(hash, () => page.getByRole('button', { name: 'Enregistrer' }).waitFor())).toEqual([]);
    });
  }

  it('what a screen reader hears in a relation list (react-select’s live region), opened and used with the keyboard', async () => {
    // Signed in by the first test of the walk; alone (`-t`), it signs in itself.
    await page.goto(`${t.stack.url}/admin/`);
    const login = page.getByRole('button', { name: 'Se connecter' });
    await Promise.race([login.waitFor(), page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor()]);
    if (await login.isVisible()) await login.click();
    await page.goto(`${t.stack.url}/admin/#/collections/defis/new`);
    const input = page.locator('input[id^="themes-field"]');
    await input.focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('[id*="-option-"]').first().waitFor();
    // The live region of the select that has the focus (react-select fills it only then): in the
    // nearest ancestor of the input that holds one.
    const heard = () => input.evaluate((el) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const regions = e.querySelectorAll('[aria-live]');
        if (regions.length) return [...regions].map((r) => r.textContent ?? '').join(' ');
      }
      return '';
    });
    await expect.poll(heard, { timeout: 10_000 }).toMatch(/résultats? disponibles?|Aucun résultat/);
    const opened = await heard();
    await page.keyboard.type('Sant');
    await expect.poll(heard, { timeout: 10_000 }).toMatch(/pour la recherche « Sant »/);
    await page.keyboard.press('Enter');
    await expect.poll(heard, { timeout: 10_000 }).toMatch(/Option Santé choisie/);
    const all = `${opened}\n${await heard()}`;
    expect(problems(all)).toEqual([]);
    expect(all).not.toMatch(LIVE_ENGLISH);
    // Leaves the unsaved entry (Decap asks to confirm) for the next screens of the walk.
    const leave = (d: Dialog) => void d.accept();
    page.on('dialog', leave);
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByText('Cantine locale').first().waitFor();
    page.off('dialog', leave);
  });

  it('the media library', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis`);
    await page.getByRole('button', { name: 'Médias' }).click();
    await page.getByRole('button', { name: 'Supprimer les éléments sélectionnés' }).waitFor();
    await page.waitForTimeout(1_000);
    expect(problems(await shown(page))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('the workflow board with a draft on it: French date, the body as text', async () => {
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await page.locator('textarea[id^="description-field"]').fill('Une autre phrase pour la démonstration.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Brouillon enregistré').first().waitFor({ timeout: 30_000 });
    expect(await screen('#/workflow', () => page.getByText('Cantine locale').first().waitFor())).toEqual([]);
    const card = await page.locator('a[href*="cantine-locale"]').first().innerText();
    expect(card).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(card).toMatch(/Le problème/);
    expect(card).not.toMatch(/##|\]\(|\*Contenu/);
  });

  it('the status page', async () => {
    expect(await screen('statut/', () => page.locator('h1').first().waitFor())).toEqual([]);
  });

  it('the French dictionary has every key of Decap’s English, with the same %{placeholders}', async () => {
    await page.goto(`${t.stack.url}/admin/`);
    await page.waitForFunction(() => 'CMS' in window);
    const gaps = await page.evaluate(() => {
      type P = Record<string, unknown>;
      const isGroup = (x: unknown): x is P => typeof x === 'object' && x !== null;
      const cms = window.CMS;
      if (!cms) throw new Error('Decap (window.CMS) absent');
      const out: string[] = [];
      const walk = (en: P, fr: P | undefined, path: string) => {
        for (const [k, v] of Object.entries(en)) {
          const f = fr?.[k];
          if (typeof v !== 'string') { if (isGroup(v)) walk(v, isGroup(f) ? f : undefined, `${path}${k}.`); continue; }
          const holes = (s: string) => (s.match(/%\{\w+\}/g) ?? []).sort().join(' ');
          if (typeof f !== 'string') out.push(`${path}${k} absent`);
          else if (holes(f.replace(/%\{(smart_count|details)\}/g, '')) !== holes(v.replace(/%\{(smart_count|details)\}/g, ''))) out.push(`${path}${k} : ${holes(f)} ≠ ${holes(v)}`);
        }
      };
      const en = cms.getLocale('en');
      if (!en) throw new Error('dictionnaire anglais de Decap absent');
      walk(en, cms.getLocale('fr'), '');
      return out;
    });
    expect(gaps).toEqual([]);
  });
});
