/**
 * One huge front matter must not stop the back-office server (issue #17): on the real stack
 * (guard, gate, decap-server, publisher in this process),
 * - saving a 40,000-key entry is refused before decap-server writes it, with the French message
 *   naming the file, and no draft branch is made;
 * - the same entry pushed as is on a draft branch (by git, as a remote's user could): while its
 *   publication is checked, GET / is answered; the publication is refused with the size message.
 * No speed is asserted: a GET / gets a generous deadline only so that a stopped server fails the
 * test instead of hanging it (before the fix the check held the event loop for minutes).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { treeWith } from '../../backoffice/git/tree.ts';
import { api, saveDraft } from '../../backoffice/api/client.ts';

const BUILD_TIMEOUT = 600_000;
let t: TestStack;
beforeAll(async () => { t = await startTestStack(inject('distDir')); }, BUILD_TIMEOUT);
afterAll(async () => { await t?.close(); });

const apiUrl = () => `${t.stack.url}/api/v1`;
const outcome = (p: Promise<unknown>) => p.then(() => 'accepté', (e: Error) => e.message);
const brigade = readFileSync('content/defis/brigade-numérique.md', 'utf8');
const huge = {
  collection: 'defis', slug: 'brigade-numérique', path: 'content/defis/brigade-numérique.md',
  raw: brigade.replace(/^---\n/, `---\n${Array.from({ length: 40_000 }, (_, i) => `cle${i}: v`).join('\n')}\n`),
};

describe('entrée démesurée dans le back-office', () => {
  it('refuses to save a 40,000-key front matter, naming the file, before anything is written', async () => {
    const refused = await outcome(saveDraft(apiUrl(), huge));
    expect(refused).toMatch(/HTTP 413 .*Enregistrement refusé : « defis\/brigade-numérique\.md » : en-tête YAML \(front matter\) trop grand : \d+ Ko \(200 Ko au plus\)/);
    expect(git(t.stack.repoDir, ['branch', '--list', 'cms/defis/brigade-numérique'])).toBe('');
  });

  it('answers GET / while the publication of a 40,000-key draft pushed by git is checked, then refuses it', async () => {
    const head = publishedHead(t.stack.repoDir);
    const tree = treeWith(t.stack.repoDir, 'main', { write: new Map([[huge.path, huge.raw]]) }, join(t.project.root, 'index'));
    const commit = git(t.stack.repoDir, ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit-tree', tree, '-p', 'main', '-m', 'brouillon poussé tel quel']);
    git(t.stack.repoDir, ['update-ref', 'refs/heads/cms/defis/brigade-numérique', commit]);

    let settled = false;
    const publishing = outcome(api(apiUrl(), 'publishUnpublishedEntry', { collection: huge.collection, slug: huge.slug })).finally(() => { settled = true; });
    // GET / one after another, one always in flight, for as long as the publication is in
    // progress: each must be answered. The deadline only turns a stopped server into a failure.
    const answers: (number | string)[] = [];
    do {
      answers.push(await fetch(`${t.stack.url}/`, { signal: AbortSignal.timeout(10_000) }).then(async (r) => { await r.arrayBuffer(); return r.status; }, (e: Error) => `sans réponse (${e.name})`));
    } while (!settled);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== 200)).toEqual([]);
    expect(await publishing).toMatch(/HTTP 422 .*Publication refusée : .*en-tête YAML \(front matter\) trop grand : \d+ Ko \(200 Ko au plus\)/);
    expect(publishedHead(t.stack.repoDir)).toBe(head);
  }, BUILD_TIMEOUT);
});
