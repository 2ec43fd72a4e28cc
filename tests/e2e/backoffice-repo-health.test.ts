/**
 * The embedded back-office on a real repository and a real stack (issue #17, items 4, 5, 6):
 * - the repository copy (ensureCmsRepo) commits no symbolic link, relative or absolute;
 * - a corrupted index is seen at start and after a failed call: writes answer a French 503
 *   naming the cause and the repair (reads too: decap-server's run `git checkout`), the terminal
 *   says it, `/_status.json` carries it, no working file is deleted by the clean-up, no lock is
 *   left; once repaired, writes resume (no restart);
 * - a build that fails on the environment (the builds folder not writable: EPERM) says so, not
 *   « Corrigez ce contenu », and is built again once the cause is gone;
 * - a symbolic link pushed into the published branch stops its build with the checks' French
 *   error; one pushed into a draft is refused at publication by the guard.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startStack } from '../../backoffice/server/stack.ts';
import type { Stack, StackStatus } from '../../backoffice/types.ts';
import { ensureCmsRepo, git, publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish, saveDraft, setStatus } from '../../backoffice/api/client.ts';

const REFUSED = 'lien symbolique refusé : les entrées et les médias doivent être des fichiers ordinaires';
const DAMAGED = /^Dépôt du back-office endommagé \(index illisible\) : écritures suspendues\. Pour réparer : dans .+, lancez « rm \.git\/index && git reset --quiet »/;
const root = mkdtempSync(join(tmpdir(), 'eig-health-'));
const project = { contentDir: join(root, 'project', 'content'), mediaDir: join(root, 'project', 'media') };
const dataDir = join(root, 'data');
const repoDir = join(dataDir, 'cms-repo');
const logs: string[] = [];
let stack: Stack;
const isRoot = process.getuid?.() === 0;
/** The builds folder made unwritable: root ignores modes, the immutable flag stops it too. */
const lockDir = (dir: string, locked: boolean) => {
  if (isRoot) spawnSync('chattr', [locked ? '+i' : '-i', dir]);
  else chmodSync(dir, locked ? 0o555 : 0o755);
};

const brigade = (title: string) => ({
  collection: 'defis', slug: 'brigade-numérique', path: 'content/defis/brigade-numérique.md',
  raw: git(repoDir, ['show', 'main:content/defis/brigade-numérique.md']).replace(/^title: .*$/m, `title: ${title}`) + '\n',
});
const draft = (slug: string) => ({ entry: { slug, path: `content/blog/${slug}.md`, raw: `---\ntitle: ${slug}\ndate: 2025-01-01\n---\nTexte.\n` }, assets: [], options: { collectionName: 'articles', commitMessage: 'Brouillon', useWorkflow: true, status: 'draft' } });

async function call(action: string, params: Record<string, unknown>): Promise<{ status: number; error?: string; body: unknown }> {
  const res = await fetch(`${stack.url}/api/v1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) });
  const body = await res.json().catch(() => null) as { error?: string } | null;
  return { status: res.status, ...(body?.error ? { error: body.error } : {}), body };
}
const statusJson = async () => (await (await fetch(`${stack.url}/_status.json`)).json()) as StackStatus & { repository?: { ok: boolean; cause?: string; message?: string } };
const statusHtml = async () => (await fetch(`${stack.url}/admin/statut/`)).text();
/** Overwrites 14 bytes of the repository's index at `offset`. */
const corruptIndex = (offset: number) => { const fd = openSync(join(repoDir, '.git', 'index'), 'r+'); writeSync(fd, Buffer.from('XXXXXXXXXXXXXX'), 0, 14, offset); closeSync(fd); };
const repairIndex = () => { rmSync(join(repoDir, '.git', 'index')); git(repoDir, ['reset', '--quiet']); };
const workingFiles = () => spawnSync('git', ['ls-files', '--others', '--cached', '-z'], { cwd: repoDir, encoding: 'utf8' }).stdout;
const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 300_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

describe('the repository copy', () => {
  it('commits no symbolic link (never rewritten as an absolute one), and names each', () => {
    const src = join(root, 'with-links');
    cpSync('content', join(src, 'content'), { recursive: true });
    cpSync('media', join(src, 'media'), { recursive: true });
    mkdirSync(join(src, 'secret'));
    writeFileSync(join(src, 'secret', 'host.png'), 'SECRET');
    symlinkSync('../secret/host.png', join(src, 'media', 'host.png'));
    symlinkSync('/etc/hostname', join(src, 'content', 'blog', 'x.md'));
    const repo = join(root, 'copy-repo');
    const seen: string[] = [];
    expect(ensureCmsRepo(repo, { contentDir: join(src, 'content'), mediaDir: join(src, 'media') }, (p) => seen.push(p))).toBe(true);
    const tree = git(repo, ['ls-tree', '-r', 'main']);
    expect(tree).not.toMatch(/^120000 /m);
    expect(tree).not.toMatch(/host\.png|blog\/x\.md/);
    expect(tree).toMatch(/content\/defis\/brigade-numérique\.md/);
    expect(seen.sort()).toEqual(['content/blog/x.md', 'media/host.png']);
  });
});

describe('a damaged repository, a failing build, pushed symbolic links', () => {
  beforeAll(async () => {
    cpSync('content', project.contentDir, { recursive: true });
    cpSync('media', project.mediaDir, { recursive: true });
    ensureCmsRepo(repoDir, project);
    corruptIndex(200); // inside an entry: git itself reads it without a word
    stack = await startStack({ dataDir, source: project, port: 0, initialDist: inject('distDir'), log: (l) => logs.push(l), pollMs: 200 });
    await stack.ready();
  }, 600_000);
  afterAll(async () => {
    if (stack) { lockDir(stack.buildsDir, false); await stack.stop(); rmSync(stack.buildsDir, { recursive: true, force: true }); }
    rmSync(root, { recursive: true, force: true });
  });

  it('sees a corrupted index at start: calls refused with a French 503, nothing left behind, writes resume once repaired', async () => {
    try { await damagedAtStart(); } finally { if (existsSync(join(repoDir, '.git', 'index.lock'))) rmSync(join(repoDir, '.git', 'index.lock')); }
  });
  const damagedAtStart = async () => {
    expect(logs.join('\n')).toMatch(/Dépôt du back-office endommagé \(index illisible\) : écritures suspendues/);
    const s = await statusJson();
    expect(s.repository).toMatchObject({ ok: false, cause: 'index illisible' });
    expect(await statusHtml()).toContain('Dépôt du back-office endommagé (index illisible)');
    const write = await call('persistEntry', draft('pendant-la-panne'));
    expect(write.status).toBe(503);
    expect(write.error).toMatch(DAMAGED);
    // decap-server's reads run `git checkout`, which leaves .git/index.lock on such an index: refused too.
    const read = await call('entriesByFolder', { folder: 'content/defis', extension: 'md', depth: 1 });
    expect(read.status).toBe(503);
    expect(read.error).toMatch(DAMAGED);
    expect(existsSync(join(repoDir, '.git', 'index.lock'))).toBe(false);
    expect((await call('info', {})).status).toBe(200);
    expect(existsSync(join(repoDir, 'content', '_index.md'))).toBe(true);
    expect(git(repoDir, ['branch', '--list', 'cms/*'])).toBe('');

    repairIndex();
    expect((await call('persistEntry', draft('apres-reparation'))).status).toBe(200);
    expect((await statusJson()).repository).toMatchObject({ ok: true });
    expect(logs.join('\n')).toContain('Dépôt du back-office réparé : écritures rétablies.');
  };

  it('sees an index damaged while running at the first failed call: no file deleted, later writes 503', async () => {
    const before = workingFiles();
    corruptIndex(0); // the header: every git command that reads the index fails
    try { await damagedWhileRunning(before); } finally { try { repairIndex(); } catch { /* repaired by the test */ } }
  });
  const damagedWhileRunning = async (before: string) => {
    const first = await call('persistEntry', draft('premiere-panne'));
    expect(first.status).toBeGreaterThanOrEqual(500);
    const s = await statusJson();
    expect(s.repository).toMatchObject({ ok: false, cause: 'index illisible' });
    const second = await call('persistEntry', draft('seconde-panne'));
    expect(second.status).toBe(503);
    expect(second.error).toMatch(DAMAGED);
    expect(existsSync(join(repoDir, 'content', '_index.md'))).toBe(true);
    repairIndex();
    expect(workingFiles()).toBe(before);
    expect(git(repoDir, ['status', '--porcelain'])).toBe('');
  };

  it('says why a build failed on the environment (EPERM), not « Corrigez ce contenu », and builds again once the cause is gone', async () => {
    lockDir(stack.buildsDir, true);
    try {
      await saveAndPublish(`${stack.url}/api/v1`, brigade('Brigade après la panne de disque'));
      const commit = publishedHead(repoDir);
      await until('échec de construction', async () => (await statusJson()).error?.commit === commit);
      const s = await statusJson();
      expect(s.error?.kind).toBe('environment');
      expect(s.error?.cause).toMatch(isRoot ? /^Le site n’a pas pu être construit : permission refusée sur .+ \(EPERM\)$/ : /permission refusée sur .+ \(EACCES\)$/);
      const html = await statusHtml();
      expect(html).toContain('permission refusée sur');
      expect(html).not.toContain('Corrigez ce contenu');
      expect(logs.join('\n')).toMatch(/Le site n’a pas pu être construit : permission refusée sur .+ Nouvel essai dans 2 s/);
    } finally {
      lockDir(stack.buildsDir, false);
    }
    const commit = publishedHead(repoDir);
    await until('le site servi après le nouvel essai', async () => (await statusJson()).served === commit);
    expect(await (await fetch(`${stack.url}/defis/brigade-numerique/`)).text()).toContain('Brigade après la panne de disque');
    expect((await statusJson()).error).toBeUndefined();
  }, 600_000);

  /** A commit on `branch` that adds `links` (path → target) as symbolic links (mode 120000), as a push would. */
  const pushLinks = (branch: string, links: Record<string, string>) => {
    const index = join(root, 'push-index');
    const env = { ...process.env, GIT_INDEX_FILE: index };
    const g = (args: string[], input?: string) => spawnSync('git', args, { cwd: repoDir, env, input, encoding: 'utf8' }).stdout.trim();
    g(['read-tree', branch]);
    for (const [path, target] of Object.entries(links)) g(['update-index', '--add', '--cacheinfo', `120000,${g(['hash-object', '-w', '--stdin'], target)},${path}`]);
    const commit = g(['commit-tree', g(['write-tree']), '-p', branch, '-m', 'Poussé à la main']);
    rmSync(index, { force: true });
    git(repoDir, ['update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  };

  it('a symbolic link pushed into the published branch stops its build with the checks’ error; the target is never published', async () => {
    const good = publishedHead(repoDir);
    const commit = pushLinks('main', { 'content/blog/x.md': '/etc/hostname', 'media/host.png': '/etc/hostname' });
    await until('échec de construction', async () => (await statusJson()).error?.commit === commit);
    const s = await statusJson();
    expect(s.error?.kind).toBe('content');
    expect(s.error?.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'content/blog/x.md', message: REFUSED, severity: 'error' }),
      expect.objectContaining({ file: 'media/host.png', message: REFUSED, severity: 'error', entry: { kind: 'Fichier', title: 'media/host.png', file: 'media/host.png' } }),
    ]));
    expect(s.served).toBe(good);
    git(repoDir, ['update-ref', 'refs/heads/main', good]);
  });

  it('the guard refuses to publish a draft into which a symbolic link was pushed, in French, naming the file', async () => {
    const article = git(repoDir, ['ls-tree', '--name-only', 'main', 'content/blog/']).split('\n').find((p) => !p.endsWith('_index.md'))!;
    const entry = { collection: 'articles', slug: 'article-lien', path: 'content/blog/article-lien.md', raw: git(repoDir, ['show', `main:${article}`]).replace(/^title: .*$/m, 'title: Article avec un lien') + '\n' };
    const api = `${stack.url}/api/v1`;
    await saveDraft(api, entry);
    await setStatus(api, entry, 'pending_publish');
    pushLinks('cms/articles/article-lien', { 'media/photo.png': '/etc/hostname' });
    const head = publishedHead(repoDir);
    const r = await call('publishUnpublishedEntry', { collection: 'articles', slug: 'article-lien' });
    expect(r.status).toBe(422);
    expect(r.error).toMatch(/^Publication refusée : Fichier « media\/photo\.png » : lien symbolique refusé : les entrées et les médias doivent être des fichiers ordinaires\. Corrigez ce contenu puis publiez de nouveau\. Le site en ligne est inchangé\.$/);
    expect(publishedHead(repoDir)).toBe(head);
    expect(readdirSync(join(repoDir, 'media'))).not.toContain('photo.png');
  });
});
