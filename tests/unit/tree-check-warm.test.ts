/**
 * The publication check's cost follows the change (#23): the guard checks the published tree as
 * soon as it is made (the server's start), so the first editor's check is a warm one; the check
 * worker's mirror follows one tree to the next from their diff (backoffice/git/tree.ts), and
 * ends with the same files as a mirror made from scratch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, lstatSync, rmSync, writeFileSync, symlinkSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureCmsRepo, git } from '../../backoffice/git/repo.ts';
import { guardHooks } from '../../backoffice/guard/guard.ts';
import { TreeMirror, treeOf } from '../../backoffice/git/tree.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-tree-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file of a folder: path → bytes, or the link's target. */
function files(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, f.name);
    if (f.isDirectory()) files(full, base, out);
    else out.set(relative(base, full), lstatSync(full).isSymbolicLink() ? `-> ${readlinkSync(full)}` : readFileSync(full, 'utf8'));
  }
  return out;
}

describe('contrôle de publication', () => {
  it('le serveur vérifie l’arbre publié dès son démarrage, sans attendre la première publication', async () => {
    const repo = join(root, 'warm', 'cms-repo');
    ensureCmsRepo(repo, { contentDir: resolve('content'), mediaDir: resolve('media') });
    const checked: string[] = [];
    guardHooks(repo, { log: () => {}, scratchDir: join(root, 'warm', 'guard'), onCheck: (_ms, what) => checked.push(what) });
    const published = treeOf(repo, 'main');
    const until = Date.now() + 120_000;
    while (!checked.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(checked.map((w) => w.split(' ')[0])).toEqual([published]);
  }, 150_000);

  it('le miroir suit les arbres d’un commit à l’autre et finit comme un miroir neuf du dernier', () => {
    const repo = join(root, 'mirror', 'cms-repo');
    ensureCmsRepo(repo, { contentDir: resolve('content'), mediaDir: resolve('media') });
    git(repo, ['checkout', '--quiet', 'main']);
    const commit = () => { git(repo, ['add', '--all', 'content', 'media']); return git(repo, ['write-tree']); };
    const mirror = new TreeMirror(repo, join(root, 'mirror', 'm1'));
    const trees = [commit()];
    const md = readdirSync(join(repo, 'content', 'defis')).filter((f) => f.endsWith('.md')).sort();
    writeFileSync(join(repo, 'content', 'defis', md[0]!), 'modifié\n');
    rmSync(join(repo, 'content', 'defis', md[1]!));
    renameSync(join(repo, 'content', 'defis', md[2]!), join(repo, 'content', 'defis', `renommé-${md[2]!}`));
    writeFileSync(join(repo, 'media', 'nouvelle.png'), 'x');
    trees.push(commit());
    symlinkSync('/etc/passwd', join(repo, 'content', 'lien.md'));
    mkdirSync(join(repo, 'content', 'nouveau-dossier'));
    writeFileSync(join(repo, 'content', 'nouveau-dossier', 'a.md'), 'a\n');
    trees.push(commit());
    rmSync(join(repo, 'content', 'lien.md'));
    writeFileSync(join(repo, 'content', 'lien.md'), 'plus un lien\n');
    rmSync(join(repo, 'content', 'nouveau-dossier'), { recursive: true });
    trees.push(commit());
    for (const t of [...trees, trees[1]!, trees[0]!, trees[2]!]) {
      mirror.sync(t);
      const fresh = new TreeMirror(repo, join(root, 'mirror', 'fresh'));
      fresh.sync(t);
      expect(files(mirror.dir)).toEqual(files(fresh.dir));
    }
  });
});
