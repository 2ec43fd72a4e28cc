/**
 * The content remote's git side (backoffice/git/remote.ts, sync.ts) on real repositories, without
 * a server: the first start on an empty remote (the branch created by the first push), a later
 * start reusing the clone (drafts and unsent publications kept, a new address taken), an
 * unreachable remote at first start (one French line), and credentials never shown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { brief, contentRemote, prepareRemoteRepo, shownUrl } from '../../backoffice/git/remote.ts';
import { remoteSync } from '../../backoffice/git/sync.ts';
import { serial } from '../../backoffice/api/serial.ts';

const tmp = mkdtempSync(join(tmpdir(), 'eig-remote-git-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const source = { contentDir: join(tmp, 'project', 'content'), mediaDir: join(tmp, 'project', 'media') };
cpSync(resolve('content'), source.contentDir, { recursive: true });
cpSync(resolve('media'), source.mediaDir, { recursive: true });

describe('dépôt distant du contenu : clone, reprise, envoi (git seul)', () => {
  it('starts on an empty remote from the project’s content and creates its branch at the first push; a later start reuses the clone', async () => {
    const bare = join(tmp, 'vide.git');
    git(tmp, ['init', '--quiet', '--bare', '--initial-branch', 'main', bare]);
    const repoDir = join(tmp, 'data', 'cms-repo');
    const remote = { url: bare, branch: 'production' };
    const said = await prepareRemoteRepo(repoDir, remote, source);
    expect(said).toEqual([expect.stringContaining('la branche « production » n’existe pas encore')]);
    expect(existsSync(join(repoDir, 'content', 'program.md'))).toBe(true);
    const logs: string[] = [];
    const published: string[] = [];
    const sync = remoteSync({ repoDir, remote, log: (l) => logs.push(l), queue: serial(), check: async () => undefined, published: () => published.push('x'), fetchMs: 3600_000 });
    const s = await sync.syncNow();
    expect(s.state).toBe('synced');
    expect(git(bare, ['rev-parse', 'refs/heads/production'])).toBe(publishedHead(repoDir));
    expect(published).toEqual([]); // nothing came from the remote
    await sync.stop();

    // A later start: the repository as it was (a draft, a publication not sent), a new address.
    git(repoDir, ['branch', 'cms/pages/program']);
    git(repoDir, ['-c', 'user.name=Camille', '-c', 'user.email=c@exemple.fr', 'commit', '--quiet', '--allow-empty', '-m', 'Publication non envoyée']);
    const unsent = publishedHead(repoDir);
    const moved = join(tmp, 'deplace.git');
    cpSync(bare, moved, { recursive: true });
    const again = await prepareRemoteRepo(repoDir, { url: moved, branch: 'production' }, source);
    expect(again).toEqual([`Dépôt distant changé : ${bare} → ${moved}`]);
    expect(publishedHead(repoDir)).toBe(unsent);
    expect(git(repoDir, ['branch', '--list', 'cms/pages/program'])).toContain('cms/pages/program');
    const sync2 = remoteSync({ repoDir, remote: { url: moved, branch: 'production' }, log: () => {}, queue: serial(), check: async () => undefined, published: () => {}, fetchMs: 3600_000 });
    expect((await sync2.syncNow()).state).toBe('synced');
    expect(git(moved, ['rev-parse', 'refs/heads/production'])).toBe(unsent);
    await sync2.stop();
  });

  it('refuses to start on an unreachable remote with one French line, and never shows a token', async () => {
    const repoDir = join(tmp, 'data2', 'cms-repo');
    const missing = join(tmp, 'absent.git');
    await expect(prepareRemoteRepo(repoDir, { url: missing, branch: 'main' }, source)).rejects.toThrow(/^Back-office non démarré : dépôt distant .*absent\.git, branche « main » injoignable \(CONTENT_REMOTE\) : /);
    expect(existsSync(repoDir)).toBe(false);
    expect(shownUrl('https://jeton:glpat-secret@forge.exemple.gouv.fr/eig/site.git')).toBe('https://***@forge.exemple.gouv.fr/eig/site.git');
    expect(brief('fatal: unable to access \'https://x:glpat-secret@forge.exemple.gouv.fr/eig/site.git/\': Could not resolve host')).not.toContain('glpat-secret');
    // A local path is made absolute (git reads it from the repository); addresses are kept as given.
    expect(contentRemote({ remote: 'depot/contenu.git', branch: 'main' })?.url).toBe(resolve('depot/contenu.git'));
    for (const url of ['git@forge.exemple.gouv.fr:eig/site.git', 'ssh://git@forge.exemple.gouv.fr/eig/site.git', 'https://forge.exemple.gouv.fr/eig/site.git']) {
      expect(contentRemote({ remote: url, branch: 'main' })?.url).toBe(url);
    }
    expect(contentRemote({ remote: '', branch: 'main' })).toBeUndefined();
  });
});
