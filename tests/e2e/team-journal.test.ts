/**
 * Who did what, everywhere, in the team back-office (issues #20 item 4, #21 item 4), for real:
 * the team gate with a real oidc-provider, decap-server, the guard, the scheduler on a clock the
 * test moves in-process (never a real wait), a bare repository as CONTENT_REMOTE.
 * - a défi drafted by Camille (redaction), marked « Prêt » by Dominique (publication) with a
 *   « Publier le », is published at its time by a merge authored by Dominique, whose message says
 *   « Publication programmée »; the journal has the line, the status says « Publié par Dominique »;
 * - a scheduled publication the guard refuses is a « refus » line in the journal;
 * - a commit pushed to the remote by a developer, published: a journal line naming her; a broken
 *   one, refused by the guard: a « refus » line;
 * - an editor's publication: one journal line, not two.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import type { Stack, StackStatus } from '../../backoffice/types.ts';
import { statusLine, type StatusView } from '../../backoffice/admin/status-text.ts';
import { Jar } from '../helpers/oidc-provider.ts';
import { PEOPLE, startTeamStack, type TeamStack } from '../helpers/team-stack.ts';
import { contentRemoteFixture, type ContentRemoteFixture } from '../helpers/content-remote.ts';

const BUILD_TIMEOUT = 600_000;
const HOUR = 3600_000;
let t: TeamStack;
let stack: Stack;
let url = '';
let r: ContentRemoteFixture;
/** The site's clock: real time at the start, then moved by the tests only. */
let clock = Math.floor(Date.now() / 60_000) * 60_000;
const jars: Record<string, Jar> = {};

const brigade = readFileSync(resolve('content/defis/brigade-numérique.md'), 'utf8');
const instantText = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const defi = (title: string, at: Date, date = '2026-12-01') => brigade
  .replace(/^title: .*$/m, `title: ${title}\npublishAt: '${instantText(at)}'`)
  .replace(/^date: .*$/m, `date: ${date}`);

const call = (login: string, action: string, params: Record<string, unknown> = {}) => jars[login]!.fetch(`${url}/api/v1`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
});
const ok = async (res: Response) => { expect([res.status, res.status < 400 ? '' : await res.text()]).toEqual([200, '']); };
const lines = () => t.access.last(200);

/** Camille drafts and asks for review, Dominique marks it « Prêt ». */
async function scheduleDefi(slug: string, title: string, at: Date, date?: string) {
  const path = `content/defis/${slug}.md`;
  await ok(await call('camille', 'persistEntry', { entry: { slug, path, raw: defi(title, at, date) }, assets: [], options: { collectionName: 'defis', commitMessage: `Création de ${slug}`, useWorkflow: true, status: 'draft' } }));
  await ok(await call('camille', 'updateUnpublishedEntryStatus', { collection: 'defis', slug, newStatus: 'pending_review' }));
  await ok(await call('dominique', 'updateUnpublishedEntryStatus', { collection: 'defis', slug, newStatus: 'pending_publish' }));
  return path;
}
/** Waits (bounded) until the remote holds the published branch: a developer then commits on top of it. */
async function settled() {
  const end = Date.now() + 60_000;
  while (!(stack.status().remote?.state === 'synced' && r.head() === publishedHead(stack.repoDir))) {
    if (Date.now() > end) throw new Error(`dépôt distant non synchronisé : ${JSON.stringify(stack.status().remote)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}
async function syncNow() {
  const res = await jars['dominique']!.fetch(`${url}/admin/statut/synchroniser`, { method: 'POST', headers: { origin: url, accept: 'application/json' } });
  expect(res.status).toBe(200);
  return (await res.json()) as { state: string };
}

beforeAll(async () => {
  r = contentRemoteFixture();
  // scheduleMs: an hour, so that only the test's own ticks (stack.scheduleTick) run the scheduler.
  t = await startTeamStack(inject('distDir'), { remote: r.bare, now: () => new Date(clock), scheduleMs: HOUR });
  ({ stack, url } = t);
  for (const p of PEOPLE) {
    jars[p.login] = new Jar();
    expect((await jars[p.login]!.walk(`${url}/auth/login?next=/admin/`, p.login)).res.status).toBe(200);
  }
}, BUILD_TIMEOUT);

afterAll(async () => {
  await t?.close();
  r?.remove();
});

describe('qui a fait quoi (back-office en équipe)', () => {
  it('publishes a scheduled défi in the name of who marked it « Prêt », says « Publication programmée », and journals it', async () => {
    const at = new Date(clock + 2 * HOUR);
    const slug = 'defi-programme-journal';
    const path = await scheduleDefi(slug, 'Défi programmé Journal', at);
    const before = publishedHead(stack.repoDir);
    clock = at.getTime();
    await stack.scheduleTick();
    const head = publishedHead(stack.repoDir);
    expect(head).not.toBe(before);
    expect(git(stack.repoDir, ['show', `${head}:${path}`])).toContain('Défi programmé Journal');
    // The merge: authored by Dominique (who marked it « Prêt »), the draft's commit by Camille.
    expect(git(stack.repoDir, ['log', '-1', '--format=%an <%ae>%n%cn%n%s', head]).split('\n')).toEqual([`Dominique Publication <${PEOPLE[1].email}>`, 'Back-office EIG', 'Publication programmée : « Défi programmé Journal » (defis/defi-programme-journal)']);
    expect(git(stack.repoDir, ['log', '-1', '--format=%(trailers:key=Publication-programmee-par,valueonly)', head])).toBe(`Dominique Publication <${PEOPLE[1].email}>`);
    expect(git(stack.repoDir, ['rev-list', '--parents', '-n', '1', head]).split(' ')).toHaveLength(3);
    expect(git(stack.repoDir, ['log', '-1', '--format=%an', `${head}^2`])).toBe('Camille Rédaction');
    // The journal: one line, in Dominique's name, saying it was scheduled.
    const mine = lines().filter((e) => e.detail.includes(`defis/${slug}`));
    expect(mine).toEqual([expect.objectContaining({ kind: 'publication', name: 'Dominique Publication', email: PEOPLE[1].email, detail: expect.stringMatching(/^publication programmée defis\/defi-programme-journal « Défi programmé Journal », prévue le .+, au nom de la personne qui l’a marquée « Prêt » \(commit \w{8}\)$/) })]);
    const page = await (await jars['alex']!.fetch(`${url}/admin/journal/`)).text();
    expect(page).toContain('publication programmée defis/defi-programme-journal');
    // The history: the published version by Dominique, scheduled.
    expect(await (await jars['camille']!.fetch(`${url}/admin/historique/?collection=defis&slug=${slug}`)).text()).toContain('Par Dominique Publication (publication programmée) — ');
    // The status: « Publié par Dominique Publication ».
    await stack.waitForServed(head, BUILD_TIMEOUT);
    const st = await (await jars['camille']!.fetch(`${url}/_status.json`)).json() as StatusView & StackStatus;
    expect(st.publication?.author.name).toBe('Dominique Publication');
    expect(statusLine(st, new Date(clock)).text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^Publié par Dominique Publication (à|le) .*Défi « Défi programmé Journal »/);
  }, BUILD_TIMEOUT);

  it('journals a scheduled publication the guard refuses, in the name of who scheduled it', async () => {
    const at = new Date(clock + HOUR);
    const slug = 'defi-programme-refuse';
    await scheduleDefi(slug, 'Défi programmé refusé', at, '1907-10-01');
    const before = publishedHead(stack.repoDir);
    clock = at.getTime() + 60_000;
    await stack.scheduleTick();
    expect(publishedHead(stack.repoDir)).toBe(before);
    expect(lines().filter((e) => e.detail.includes(`defis/${slug}`))).toEqual([expect.objectContaining({ kind: 'refus', name: 'Dominique Publication', detail: expect.stringContaining('publication programmée refusée defis/defi-programme-refuse « Défi programmé refusé »') })]);
  }, 120_000);

  it('does not publish a draft nobody of the publication role marked « Prêt » (saved « Prêt » at once by redaction), until someone does', async () => {
    const at = new Date(clock + HOUR);
    const slug = 'defi-pret-sans-publication';
    const path = `content/defis/${slug}.md`;
    // A new draft saved with the status « Prêt » straight away: decap-server takes the status of a new draft from the call.
    await ok(await call('camille', 'persistEntry', { entry: { slug, path, raw: defi('Défi prêt sans publication', at) }, assets: [], options: { collectionName: 'defis', commitMessage: `Création de ${slug}`, useWorkflow: true, status: 'pending_publish' } }));
    expect(git(stack.repoDir, ['config', `branch.cms/defis/${slug}.description`])).toBe('decap-cms/pending_publish');
    const before = publishedHead(stack.repoDir);
    clock = at.getTime();
    await stack.scheduleTick();
    expect(publishedHead(stack.repoDir)).toBe(before);
    expect(stack.status().schedule?.items.find((i) => i.slug === slug)).toMatchObject({ state: 'refused', error: expect.stringMatching(/^Publication programmée refusée : ce brouillon n’a pas été marqué « Prêt » dans le back-office par une personne du rôle publication/) });
    expect(lines().filter((e) => e.detail.includes(`defis/${slug}`))).toEqual([expect.objectContaining({ kind: 'refus', name: 'Camille Rédaction' })]);
    // Dominique marks it « Prêt »: published at the next tick, in Dominique's name.
    await ok(await call('dominique', 'updateUnpublishedEntryStatus', { collection: 'defis', slug, newStatus: 'pending_publish' }));
    await stack.scheduleTick();
    const head = publishedHead(stack.repoDir);
    expect(head).not.toBe(before);
    expect(git(stack.repoDir, ['log', '-1', '--format=%an%n%s', head]).split('\n')).toEqual(['Dominique Publication', 'Publication programmée : « Défi prêt sans publication » (defis/defi-pret-sans-publication)']);
  }, 120_000);

  it('journals a commit of the remote published, and one the guard refuses', async () => {
    await syncNow();
    await settled();
    const pushed = r.commit('content/program.md', (text) => text.replace(/num: "\d+"/, 'num: "5151"'), 'Chiffre mis à jour par l’équipe technique');
    expect((await syncNow()).state).toBe('synced');
    expect(publishedHead(stack.repoDir)).toBe(pushed);
    expect(lines().find((e) => e.detail.includes(pushed.slice(0, 8)))).toMatchObject({ kind: 'publication', name: 'Développeuse Externe', email: 'dev@exemple.fr', detail: `commit du dépôt distant publié : 1 commit jusqu’à ${pushed.slice(0, 8)}` });
    const broken = r.commit('content/defis/brigade-numérique.md', (text) => text.replace('date: 2025-10-01', 'date: 1907-10-01'), 'Date erronée');
    expect((await syncNow()).state).toBe('refused');
    expect(lines().find((e) => e.detail.includes(broken.slice(0, 8)))).toMatchObject({ kind: 'refus', name: 'Développeuse Externe', detail: expect.stringMatching(new RegExp(`^commit du dépôt distant refusé par les vérifications \\(${broken.slice(0, 8)}\\), non publié : `)) });
    expect(await (await jars['alex']!.fetch(`${url}/admin/journal/`)).text()).toContain(`commit du dépôt distant refusé par les vérifications (${broken.slice(0, 8)})`);
    r.commit('content/defis/brigade-numérique.md', (text) => text.replace('date: 1907-10-01', 'date: 2025-10-01'), 'Date corrigée');
    expect((await syncNow()).state).toBe('synced');
  }, BUILD_TIMEOUT);

  it('journals an editor’s publication once', async () => {
    const path = 'content/program.md';
    await ok(await call('dominique', 'getEntry', { path }));
    const raw = git(stack.repoDir, ['show', `main:${path}`]).replace(/num: "\d+"/, 'num: "6161"') + '\n';
    const count = () => lines().filter((e) => e.detail === 'publication pages/program').length;
    const n = count();
    await ok(await call('dominique', 'persistEntry', { entry: { slug: 'program', path, raw }, assets: [], options: { collectionName: 'pages', commitMessage: 'Mise à jour', useWorkflow: true, status: 'draft' } }));
    await ok(await call('dominique', 'updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_publish' }));
    await ok(await call('dominique', 'publishUnpublishedEntry', { collection: 'pages', slug: 'program' }));
    expect(count()).toBe(n + 1);
    expect(lines().find((e) => e.detail === 'publication pages/program')).toMatchObject({ kind: 'publication', name: 'Dominique Publication' });
  }, 120_000);
});
