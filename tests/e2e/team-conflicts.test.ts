/**
 * No lost update in the team back-office (issue #21 item 1), through its API as Decap calls it:
 * two people signed in through a real oidc-provider, each in their own session. The second
 * save of an entry both opened is refused (409) naming the first person (their commit's
 * author) and the time; a stale publication and a stale deletion are refused; the same person
 * in two browsers is two sessions.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { git } from '../../backoffice/git/repo.ts';
import { Jar } from '../helpers/oidc-provider.ts';
import { startTeamStack, type TeamStack } from '../helpers/team-stack.ts';

let t: TeamStack;
beforeAll(async () => { t = await startTeamStack(inject('distDir')); }, 600_000);
afterAll(async () => { await t?.close(); });

const PATH = 'content/blog/demo-day-de-fin-de-promotion.md';
const SLUG = 'demo-day-de-fin-de-promotion';
const DRAFT = `cms/articles/${SLUG}`;
const original = readFileSync(resolve(PATH), 'utf8');

async function person(login: string) {
  const jar = new Jar();
  await jar.walk(`${t.url}/auth/login?next=/admin/`, login);
  return async (action: string, params: Record<string, unknown> = {}) => {
    const res = await jar.fetch(`${t.url}/api/v1`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: t.url },
      body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
    });
    return { status: res.status, error: String(((await res.json()) as { error?: string }).error ?? '') };
  };
}
const save = (raw: string) => ({
  dataFiles: [{ slug: SLUG, path: PATH, raw }], assets: [],
  options: { collectionName: 'articles', commitMessage: 'Mise à jour', useWorkflow: true, status: 'draft', newEntry: false },
});
const draftFile = () => git(t.stack.repoDir, ['show', `${DRAFT}:${PATH}`]);
const openDraft = { collection: 'articles', slug: SLUG, path: PATH, id: PATH };

describe('no lost update in the team back-office', () => {
  it('refuses the second save, names who made the first; the same person in two browsers too', async () => {
    const camille = await person('camille');
    const dominique = await person('dominique');
    expect((await camille('getEntry', { path: PATH })).status).toBe(200);
    expect((await dominique('getEntry', { path: PATH })).status).toBe(200);
    expect((await camille('persistEntry', save(`${original}\nParagraphe de Camille.\n`))).status).toBe(200);

    const refused = await dominique('persistEntry', save(`${original}\nParagraphe de Dominique.\n`));
    expect(refused.status).toBe(409);
    expect(refused.error).toMatch(/^Modifié par Camille Rédaction (à|le) .*\d{1,2} h \d{2} depuis que vous l’avez ouvert : rechargez pour voir ses changements ; votre texte reste dans le formulaire\.$/);
    expect(draftFile()).toContain('Paragraphe de Camille');
    expect(draftFile()).not.toContain('Paragraphe de Dominique');

    // Dominique opens the draft again (as a reload does) and saves on top of Camille's text.
    expect((await dominique('unpublishedEntryDataFile', openDraft)).status).toBe(200);
    expect((await dominique('persistEntry', save(`${draftFile()}\nAjout de Dominique.\n`))).status).toBe(200);
    expect(draftFile()).toContain('Paragraphe de Camille');
    expect(draftFile()).toContain('Ajout de Dominique');
    expect(git(t.stack.repoDir, ['log', '-1', '--format=%an', DRAFT])).toBe('Dominique Publication');

    // Camille in a second browser (another session) opened it before Dominique's save: refused.
    const camilleElsewhere = await person('camille');
    expect((await camilleElsewhere('unpublishedEntryDataFile', openDraft)).status).toBe(200);
    expect((await camille('persistEntry', save(draftFile()))).status).toBe(409);
    expect((await camilleElsewhere('persistEntry', save(draftFile().replace('Ajout de Dominique', 'Ajout revu par Camille')))).status).toBe(200);
  }, 120_000);

  it('refuses a stale publication and a stale deletion of a draft', async () => {
    const alex = await person('alex');
    const dominique = await person('dominique');
    expect((await alex('unpublishedEntryDataFile', openDraft)).status).toBe(200);
    expect((await dominique('unpublishedEntryDataFile', openDraft)).status).toBe(200);
    expect((await dominique('persistEntry', save(draftFile().replace('Ajout revu par Camille', 'Dernière main de Dominique')))).status).toBe(200);
    const head = git(t.stack.repoDir, ['rev-parse', 'main']);
    for (const action of ['publishUnpublishedEntry', 'deleteUnpublishedEntry', 'updateUnpublishedEntryStatus'] as const) {
      const r = await alex(action, { collection: 'articles', slug: SLUG, newStatus: 'pending_publish' });
      expect([action, r.status]).toEqual([action, 409]);
      expect(r.error).toMatch(/^Modifié par Dominique Publication (à|le) .* depuis que vous l’avez ouvert : rechargez pour voir ses changements avant de /);
    }
    expect(git(t.stack.repoDir, ['rev-parse', 'main'])).toBe(head);
    expect(draftFile()).toContain('Dernière main de Dominique');
    expect((await alex('unpublishedEntryDataFile', openDraft)).status).toBe(200);
    expect((await alex('publishUnpublishedEntry', { collection: 'articles', slug: SLUG })).status).toBe(200);
    expect(git(t.stack.repoDir, ['show', `main:${PATH}`])).toContain('Dernière main de Dominique');
  }, 120_000);
});
