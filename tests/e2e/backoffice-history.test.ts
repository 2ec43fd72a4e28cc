/**
 * History and restore (#21 item 2) in the embedded back-office, in Chromium, the repository
 * checked with git:
 * - from Decap's editor, the status bar's « Historique » link opens the entry's history; its
 *   older version « Restaurer cette version » ends as the entry's draft (Decap's branch and
 *   status) with that version's bytes, which Decap's editor then shows as « Brouillon »;
 * - « Annuler la dernière publication », confirmed, with the keyboard: a draft of the version
 *   published before, not of an intermediate save that went online with it;
 * - undoing a new entry's first publication removes it (the guard's deletion); then it is listed
 *   in the deleted entries and restored as a draft;
 * - a foreign origin, an unknown entry and a path in the slug are refused, nothing written;
 * - axe: 0 violations on the history pages (front page, entry page, comparison, confirmation).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { decapSession, type DecapSession } from '../helpers/decap-ui.ts';
import { axeSource, axeViolations } from '../helpers/page-checks.ts';
import type { TestStack } from '../helpers/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { api, saveAndPublish, saveDraft } from '../../backoffice/api/client.ts';
import { fileAt } from '../../backoffice/history/log.ts';

let session: DecapSession;
let t: TestStack;
let page: Page;
const apiUrl = () => `${t.stack.url}/api/v1`;
const repo = () => t.stack.repoDir;
const branchFile = (branch: string, path: string) => fileAt(repo(), `refs/heads/${branch}`, path);
const description = (branch: string) => git(repo(), ['config', `branch.${branch}.description`]);

const CANTINE = { collection: 'defis', slug: 'cantine-locale', path: 'content/defis/cantine-locale.md' };
const cantine = readFileSync('content/defis/cantine-locale.md', 'utf8');
const ARTICLE = { collection: 'articles', slug: 'article-historique-demo', path: 'content/blog/article-historique-demo.md' };
const article = `---
title: "Article pour l’historique (démo)"
author: Camille Démo
date: 2025-11-05
description: "Un article fictif, publié puis retiré."
image: img/demo-articles-illustration-3.svg
categories:
  - actualites
visible: true
---
Un article **fictif**.
`;

beforeAll(async () => {
  session = await decapSession(inject('distDir'), axeSource);
  ({ t, page } = session);
}, 600_000);
afterAll(async () => {
  await session?.close();
});

describe('history and restore', () => {
  it('restores an older version from the history the status bar links to: a draft with its bytes', async () => {
    const edited = cantine.replace(/^description: .*$/m, 'description: "Une version plus récente, à défaire."');
    expect(edited).not.toBe(cantine);
    await saveAndPublish(apiUrl(), { ...CANTINE, raw: edited });
    expect(fileAt(repo(), 'main', CANTINE.path)).toBe(edited);

    await page.goto(`${t.stack.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    const link = page.locator('#eig-status').getByRole('link', { name: 'Historique' });
    await link.waitFor();
    await link.focus(); // with the keyboard, as from the editor
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/historique\/\?collection=defis&slug=cantine-locale/);
    await page.getByRole('heading', { level: 1, name: /Historique : défi « Cantine locale/ }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Champs modifiés : Description');

    // The initial version (the last item): restore it.
    await page.locator('.eig-versions > li').last().getByRole('button', { name: 'Restaurer cette version' }).click();
    await page.getByRole('status').filter({ hasText: 'Version restaurée' }).waitFor();
    const branch = 'cms/defis/cantine-locale';
    expect(branchFile(branch, CANTINE.path)).toBe(cantine);
    expect(description(branch)).toBe('decap-cms/draft');
    expect(fileAt(repo(), 'main', CANTINE.path)).toBe(edited); // nothing published

    // Decap shows it as the entry's draft, with the old text.
    await page.goto(`${t.stack.url}/admin/#/collections/defis/entries/cantine-locale`);
    await page.getByText('Statut : Brouillon').waitFor({ timeout: 30_000 });
    expect(await page.locator('textarea[id^="description-field"]').inputValue()).toBe(/^description: "?(.*?)"?$/m.exec(cantine)![1]);

    // A restore over a draft marked « Prêt » puts it back to « Brouillon »: it is read again.
    await api(apiUrl(), 'updateUnpublishedEntryStatus', { collection: 'defis', slug: 'cantine-locale', newStatus: 'pending_publish' });
    await page.goto(`${t.stack.url}/admin/historique/?collection=defis&slug=cantine-locale`);
    await page.locator('.eig-versions > li').filter({ hasText: 'en ligne' }).getByRole('button', { name: 'Restaurer cette version' }).click();
    await page.getByRole('status').filter({ hasText: 'Version restaurée' }).waitFor();
    expect(branchFile(branch, CANTINE.path)).toBe(edited);
    expect(description(branch)).toBe('decap-cms/draft');
  }, 180_000);

  it('undoes a publication in two clicks (keyboard): a draft of the version before, not of a save in between', async () => {
    const v1 = cantine.replace(/^title: .*$/m, 'title: "Cantine locale, version 1"');
    const v2a = cantine.replace(/^title: .*$/m, 'title: "Cantine locale, version 2 en cours"');
    const v2b = cantine.replace(/^title: .*$/m, 'title: "Cantine locale, version 2"');
    await saveAndPublish(apiUrl(), { ...CANTINE, raw: v1 }); // over the restored draft of the test before
    await saveDraft(apiUrl(), { ...CANTINE, raw: v2a });
    await saveAndPublish(apiUrl(), { ...CANTINE, raw: v2b }); // two saves online at once
    expect(fileAt(repo(), 'main', CANTINE.path)).toBe(v2b);

    await page.goto(`${t.stack.url}/admin/historique/?collection=defis&slug=cantine-locale`);
    // The save in between is listed, and said never to have been online by itself.
    expect(await page.locator('.eig-versions > li').nth(1).innerText()).toContain('il n’a jamais été en ligne seul');
    expect(await page.locator('.eig-versions > li').nth(0).innerText()).not.toContain('jamais été en ligne');
    const undo = page.getByRole('link', { name: 'Annuler la dernière publication' });
    await undo.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: 'Confirmer : créer le brouillon' });
    await confirm.waitFor();
    // What will change: the title back from « version 2 » to « version 1 » (word by word).
    const title = page.locator('.eig-field').filter({ has: page.getByRole('heading', { name: 'Titre' }) });
    expect(await title.locator('del').allTextContents()).toEqual(['[supprimé : 2]']);
    expect(await title.locator('ins').allTextContents()).toEqual(['[ajouté : 1]']);
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Publication annulée' }).waitFor();
    expect(branchFile('cms/defis/cantine-locale', CANTINE.path)).toBe(v1);
    expect(fileAt(repo(), 'main', CANTINE.path)).toBe(v2b);
    // It goes online as any draft does: review, ready, the guard, published.
    await api(apiUrl(), 'updateUnpublishedEntryStatus', { collection: 'defis', slug: 'cantine-locale', newStatus: 'pending_review' });
    await api(apiUrl(), 'updateUnpublishedEntryStatus', { collection: 'defis', slug: 'cantine-locale', newStatus: 'pending_publish' });
    await api(apiUrl(), 'publishUnpublishedEntry', { collection: 'defis', slug: 'cantine-locale' });
    expect(fileAt(repo(), 'main', CANTINE.path)).toBe(v1);
  });

  it('undoing a new entry’s publication removes it; the deleted entry is listed and restored as a draft', async () => {
    await saveAndPublish(apiUrl(), { ...ARTICLE, raw: article });
    await page.goto(`${t.stack.url}/admin/historique/?collection=articles&slug=article-historique-demo&annuler=1`);
    await page.getByRole('button', { name: 'Confirmer : retirer l’entrée du site' }).click();
    await page.getByRole('status').filter({ hasText: 'Entrée retirée du site' }).waitFor();
    expect(fileAt(repo(), 'main', ARTICLE.path)).toBeUndefined();

    await page.goto(`${t.stack.url}/admin/historique/`);
    const item = page.locator('.eig-versions > li').filter({ hasText: 'Article pour l’historique (démo)' }).first();
    await item.getByRole('button', { name: 'Restaurer en brouillon' }).click();
    await page.getByRole('status').filter({ hasText: 'Version restaurée' }).waitFor();
    expect(branchFile('cms/articles/article-historique-demo', ARTICLE.path)).toBe(article);
    expect(description('cms/articles/article-historique-demo')).toBe('decap-cms/draft');
    expect(fileAt(repo(), 'main', ARTICLE.path)).toBeUndefined();
    // Decap's workflow lists it among the drafts.
    expect(await api(apiUrl(), 'unpublishedEntries')).toContain('articles/article-historique-demo');
  });

  it('refuses a foreign origin, an unknown entry and a path in the slug; nothing written', async () => {
    const head = publishedHead(repo());
    const branches = git(repo(), ['branch', '--list', 'cms/*']);
    const post = (body: string, origin = t.stack.url) => fetch(`${t.stack.url}/admin/historique/restaurer`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin }, body,
    });
    const commit = git(repo(), ['rev-list', '--max-parents=0', 'main']);
    expect((await post(`collection=defis&slug=carto-sols&commit=${commit}`, 'http://evil.test')).status).toBe(403);
    expect((await post(`collection=defis&slug=..%2Fpersonnes%2Fx&commit=${commit}`)).status).toBe(404);
    expect((await post(`collection=secrets&slug=x&commit=${commit}`)).status).toBe(404);
    expect((await post(`collection=defis&slug=carto-sols&commit=HEAD`)).status).toBe(404);
    expect((await fetch(`${t.stack.url}/admin/historique/?collection=defis&slug=..%2F..%2Fetc`)).status).toBe(404);
    expect(publishedHead(repo())).toBe(head);
    expect(git(repo(), ['branch', '--list', 'cms/*'])).toBe(branches);
  });
});

describe('axe on the history pages: 0 violations', () => {
  it.each([
    ['front page', '/admin/historique/'],
    ['an entry', '/admin/historique/?collection=defis&slug=cantine-locale'],
    ['the undo’s confirmation', '/admin/historique/?collection=defis&slug=cantine-locale&annuler=1'],
    ['a deleted entry', '/admin/historique/?collection=articles&slug=article-historique-demo'],
    ['an entry with an accented name', '/admin/historique/?collection=defis&slug=brigade-num%C3%A9rique'],
  ])('%s', async (_what, path) => {
    const res = await page.goto(`${t.stack.url}${path}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toMatch(/^Historique/);
    expect(await axeViolations(page)).toEqual([]);
  });
  it('a comparison', async () => {
    await page.goto(`${t.stack.url}/admin/historique/?collection=defis&slug=cantine-locale`);
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.waitForURL(/de=/);
    await page.locator('.eig-field').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // On a phone's width, nothing wider than the screen (the lists of versions shrink).
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally { await page.setViewportSize({ width: 1280, height: 900 }); }
  });
});
