/**
 * Scheduled publication (issue #21 item 3) in the embedded back-office, for real: the stack with
 * the publication guard, decap-server's editorial workflow on git, the site rebuilt in-process,
 * and a clock the test moves in-process (StackOptions.now; never a real wait):
 * - a défi « Prêt » with a « Publier le » is not published a minute before its time (« Publier
 *   maintenant » refused too), and is published by the scheduler at its time, then served;
 * - an entry on the published branch whose time has not come has no page and is in no list,
 *   search index, feed, sitemap or data set; at its time the site is rebuilt and it is in all;
 * - one the guard refuses at its time stays « Prêt », with its reason in /_status.json.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { api, saveDraft, setStatus } from '../../backoffice/api/client.ts';
import type { StackStatus } from '../../backoffice/types.ts';
import { localAuthor } from '../../backoffice/git/local-author.ts';

const BUILD_TIMEOUT = 600_000;
const MINUTE = 60_000;
let t: TestStack;
/** The site's clock: real time at the start, then moved by the tests only. */
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE;
let clock = T0;
const brigade = readFileSync('content/defis/brigade-numérique.md', 'utf8');

/** An instant as ISO 8601 with an offset (UTC's: the checks accept any offset). */
const instantText = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
/** A défi of the demo's shape, titled `title`, with a « Publier le » `at`. */
const defi = (title: string, at: Date, date = '2026-12-01') => brigade
  .replace(/^title: .*$/m, `title: ${title}\npublishAt: '${instantText(at)}'`)
  .replace(/^date: .*$/m, `date: ${date}`);

beforeAll(async () => {
  // scheduleMs: an hour, so that only the test's own ticks (stack.scheduleTick) run the scheduler.
  t = await startTestStack(inject('distDir'), { now: () => new Date(clock), scheduleMs: 3_600_000 });
}, BUILD_TIMEOUT);

afterAll(async () => {
  if (process.env['SCHEDULE_LOGS']) writeFileSync(process.env['SCHEDULE_LOGS'], t?.logs.join('\n') ?? '');
  await t?.close();
});

const apiUrl = () => `${t.stack.url}/api/v1`;
const status = async () => (await (await fetch(`${t.stack.url}/_status.json`)).json()) as StackStatus;
const text = async (path: string) => { const r = await fetch(`${t.stack.url}${path}`); return { status: r.status, body: await r.text() }; };

/** Where a défi shows on the served site: its page, the list, search, feed, sitemap, open data. */
async function whereShown(slug: string, title: string) {
  const dir = (await status()).servedDir!;
  const fragments = readdirSync(join(dir, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(dir, 'pagefind', 'fragment', f))).toString('utf8'));
  const sitemaps = readdirSync(dir).filter((f) => /^sitemap.*\.xml$/.test(f)).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  return {
    page: (await text(`/defis/${encodeURI(slug)}/`)).status,
    list: (await text('/defis/')).body.includes(title),
    home: (await text('/')).body.includes(title),
    search: fragments.some((f) => f.includes(title)),
    feed: (await text('/flux/defis.xml')).body.includes(title),
    sitemap: sitemaps.includes(`/defis/${encodeURI(slug)}/`),
    opendata: (await text('/donnees/defis.json')).body.includes(title) || (await text('/donnees/defis.csv')).body.includes(title),
  };
}
const nowhere = { page: 404, list: false, home: false, search: false, feed: false, sitemap: false, opendata: false };
const everywhere = { page: 200, list: true, home: true, search: true, feed: true, sitemap: true, opendata: true };

/** Waits until the site serves the published head (the build of a publication). */
async function served() {
  const head = publishedHead(t.stack.repoDir);
  await t.stack.waitForServed(head, BUILD_TIMEOUT);
  return head;
}

describe('publication programmée', () => {
  it('publishes a défi « Prêt » at its time, not a minute before, and « Publier maintenant » does not either', async () => {
    const at = new Date(T0 + 3 * 3600_000);
    const entry = { collection: 'defis', slug: 'defi-programme-zephyr', path: 'content/defis/defi-programme-zephyr.md', raw: defi('Défi programmé Zéphyr', at) };
    const head = publishedHead(t.stack.repoDir);
    await saveDraft(apiUrl(), entry);
    await setStatus(apiUrl(), entry, 'pending_publish');

    const now = await api(apiUrl(), 'publishUnpublishedEntry', { collection: entry.collection, slug: entry.slug }).then(() => 'accepté', (e: Error) => e.message);
    expect(now).toMatch(/HTTP 422 .*Publication refusée : publication programmée le .* à \d+ h.*Pour la publier maintenant, videz le champ « Publier le »/);

    clock = at.getTime() - MINUTE;
    await t.stack.scheduleTick();
    expect(publishedHead(t.stack.repoDir)).toBe(head);
    expect(git(t.stack.repoDir, ['config', 'branch.cms/defis/defi-programme-zephyr.description'])).toBe('decap-cms/pending_publish');
    const s = await status();
    expect(s.schedule?.items).toEqual([expect.objectContaining({ slug: entry.slug, state: 'waiting', publishAt: at.toISOString() })]);
    expect((await text(`/defis/${entry.slug}/`)).status).toBe(404);

    clock = at.getTime();
    await t.stack.scheduleTick();
    expect(publishedHead(t.stack.repoDir)).not.toBe(head);
    expect(git(t.stack.repoDir, ['branch', '--list', 'cms/defis/defi-programme-zephyr'])).toBe('');
    expect(git(t.stack.repoDir, ['show', `main:${entry.path}`])).toContain('Défi programmé Zéphyr');
    // A merge in the name of who marked it « Prêt » (npm start: the machine's git identity, or « Éditeur local »), saying so.
    expect(git(t.stack.repoDir, ['log', '-1', '--format=%an%n%s', 'main']).split('\n')).toEqual([localAuthor(process.cwd()).name, 'Publication programmée : « Défi programmé Zéphyr » (defis/defi-programme-zephyr)']);
    await served();
    expect(await whereShown(entry.slug, 'Défi programmé Zéphyr')).toEqual(everywhere);
    expect((await status()).schedule?.items).toEqual([]);
  }, BUILD_TIMEOUT);

  it('leaves an entry of the published branch whose time has not come out of every page, the search, feeds, sitemap and open data, then shows it at its time', async () => {
    const at = new Date(clock + 2 * 3600_000);
    const slug = 'defi-sous-embargo';
    const title = 'Défi sous embargo Aurore';
    // As a commit made outside the back-office would bring it (the project's content, a push).
    writeFileSync(join(t.stack.repoDir, 'content/defis', `${slug}.md`), defi(title, at));
    git(t.stack.repoDir, ['add', 'content/defis']);
    git(t.stack.repoDir, ['commit', '--quiet', '-m', 'Défi sous embargo']);
    const head = await served();
    expect(await whereShown(slug, title)).toEqual(nowhere);

    clock = at.getTime() - MINUTE;
    await new Promise((ok) => setTimeout(ok, 1500)); // the loop polls every 500 ms: nothing to build
    expect((await status()).served).toBe(head);
    expect(await whereShown(slug, title)).toEqual(nowhere);

    const before = (await status()).builds;
    clock = at.getTime();
    await expect.poll(async () => (await status()).builds, { timeout: BUILD_TIMEOUT, interval: 250 }).toBeGreaterThan(before);
    await expect.poll(async () => (await status()).state, { timeout: BUILD_TIMEOUT, interval: 250 }).toBe('ready');
    expect(await whereShown(slug, title)).toEqual(everywhere);
  }, BUILD_TIMEOUT);

  it('keeps « Prêt » an entry the guard refuses at its time, with the reason in the status', async () => {
    const at = new Date(clock + 3600_000);
    const entry = { collection: 'defis', slug: 'defi-programme-errone', path: 'content/defis/defi-programme-errone.md', raw: defi('Défi programmé erroné', at, '1907-10-01') };
    await saveDraft(apiUrl(), entry);
    await setStatus(apiUrl(), entry, 'pending_publish');
    const head = publishedHead(t.stack.repoDir);
    clock = at.getTime() + 5 * MINUTE;
    await t.stack.scheduleTick();
    expect(publishedHead(t.stack.repoDir)).toBe(head);
    expect(git(t.stack.repoDir, ['config', `branch.cms/defis/${entry.slug}.description`])).toBe('decap-cms/pending_publish');
    const s = await status();
    const item = s.schedule?.items.find((i) => i.slug === entry.slug);
    expect(item).toMatchObject({ state: 'refused', title: 'Défi programmé erroné' });
    expect(item?.error).toMatch(/^Publication refusée : Défi « Défi programmé erroné », champ « Date de publication » : date hors de la période admise/);
    expect(item?.problems?.[0]).toMatchObject({ field: { path: 'date', label: 'Date de publication' } });
    expect((await text('/admin/statut/')).body).toMatch(/Publications programmées[\s\S]*Défi « Défi programmé erroné »[\s\S]*refusée/);
    // Tried once per version of the draft: the next tick does not ask the guard again.
    const logs = t.logs.length;
    await t.stack.scheduleTick();
    expect(t.logs.slice(logs).filter((l) => l.includes('refusée'))).toEqual([]);
    expect((await text(`/defis/${entry.slug}/`)).status).toBe(404);
  }, 180_000);

  it('keeps the schedule across a restart: read from the drafts in git, not from memory', async () => {
    const at = new Date(clock + 3600_000);
    const entry = { collection: 'defis', slug: 'defi-apres-redemarrage', path: 'content/defis/defi-apres-redemarrage.md', raw: defi('Défi après redémarrage', at) };
    await saveDraft(apiUrl(), entry);
    await setStatus(apiUrl(), entry, 'pending_publish');
    await t.stack.stop();
    const head = publishedHead(t.stack.repoDir);
    // A new server on the same data folder, started once the time has passed (it was down at 9 h).
    clock = at.getTime() + 10 * MINUTE;
    const again = await startStack({ dataDir: join(dirname(t.project.root), 'data'), source: t.project, port: 0, now: () => new Date(clock), scheduleMs: 3_600_000, log: (l) => t.logs.push(l) });
    try {
      await again.scheduleTick();
      expect(publishedHead(again.repoDir)).not.toBe(head);
      expect(git(again.repoDir, ['show', `main:${entry.path}`])).toContain('Défi après redémarrage');
    } finally {
      await again.stop();
    }
  }, BUILD_TIMEOUT);
});
