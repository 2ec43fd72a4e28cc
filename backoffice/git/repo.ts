/**
 * The back-office's own git repository. decap-server (MODE=git) runs `git add .` and switches
 * branches in its working tree, so it never works on the project's tree: `npm start` gives it a
 * dedicated repository (default .data/cms-repo, git-ignored) made from the project's content/
 * and media/ on first run. The public build reads the published branch only (`main`), through a
 * separate worktree that follows it, never the working tree decap-server moves around.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const PUBLISHED_BRANCH = 'main';
/** Ref marking the last published commit copied back into the project (`npm run cms:export`). */
export const EXPORTED_REF = 'refs/eig/exported';

export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  }).trim();
}

export interface RepoSource { contentDir: string; mediaDir: string }

/** An empty repository on the published branch, configured for decap-server (also for a clone: git/remote.ts). */
export function initCmsRepo(repoDir: string): void {
  mkdirSync(repoDir, { recursive: true });
  git(repoDir, ['init', '--quiet', '--initial-branch', PUBLISHED_BRANCH]);
  // Accented file names must reach decap-server unquoted, or drafts fail to reopen.
  git(repoDir, ['config', 'core.quotePath', 'false']);
  git(repoDir, ['config', 'user.name', 'Back-office EIG']);
  git(repoDir, ['config', 'user.email', 'back-office@eig.invalid']);
  git(repoDir, ['config', 'commit.gpgsign', 'false']);
}

/**
 * Creates the dedicated repository from the project's content and media, once: an existing
 * repository is reused as it is (returns false). Paths inside it: content/ and media/, as in the
 * project, so the same Decap configuration works here and on GitHub.
 */
export function ensureCmsRepo(repoDir: string, source: RepoSource, onSymlink?: (path: string) => void): boolean {
  if (existsSync(join(repoDir, '.git'))) return false;
  initCmsRepo(repoDir);
  // Regular files and folders only: a symbolic link is left out (`onSymlink` is told), never
  // copied (cpSync would rewrite `host.png -> ../x` as an absolute link, and git commit it) nor
  // followed (its target, /etc/… or anything, would be published).
  const regular = (root: string, top: string) => (src: string) => {
    if (!lstatSync(src).isSymbolicLink()) return true;
    onSymlink?.(`${top}/${relative(root, src).split('\\').join('/')}`);
    return false;
  };
  // The folders themselves may be links (a project's content/ kept elsewhere): their real path.
  const copy = (dir: string, top: string) => { const root = realpathSync(dir); cpSync(root, join(repoDir, top), { recursive: true, filter: regular(root, top) }); };
  copy(source.contentDir, 'content');
  if (existsSync(source.mediaDir)) copy(source.mediaDir, 'media');
  else mkdirSync(join(repoDir, 'media'), { recursive: true });
  // An empty media folder still has to exist on every branch for uploads; a placeholder only
  // when it is empty, or the back-office's media library lists `.gitkeep` as a file.
  if (readdirSync(join(repoDir, 'media')).length === 0) writeFileSync(join(repoDir, 'media', '.gitkeep'), '');
  git(repoDir, ['add', '--all', 'content', 'media']);
  git(repoDir, ['commit', '--quiet', '--no-verify', '-m', 'Contenu initial, copié du projet']);
  git(repoDir, ['update-ref', EXPORTED_REF, 'HEAD']);
  return true;
}

/** Commit of the published branch. */
export const publishedHead = (repoDir: string): string => git(repoDir, ['rev-parse', `refs/heads/${PUBLISHED_BRANCH}`]);

/**
 * Checks the published commit out into `dir` (a detached worktree of the repository, created on
 * first use). Only changed files are rewritten, which keeps build caches warm.
 */
export function checkoutPublished(repoDir: string, dir: string, commit: string): void {
  if (!existsSync(join(dir, '.git'))) {
    rmSync(dir, { recursive: true, force: true });
    git(repoDir, ['worktree', 'prune']);
    mkdirSync(dirname(dir), { recursive: true });
    git(repoDir, ['worktree', 'add', '--quiet', '--detach', dir, commit]);
    return;
  }
  // Builds hard-link the media files (the served /img/), which changes their ctime: with git's
  // default, a forced checkout would then rewrite every media file (new mtimes), and the renderer
  // would take that for changed media and render every page. Content and size still count.
  git(dir, ['-c', 'core.trustctime=false', 'checkout', '--quiet', '--force', '--detach', commit]);
  git(dir, ['clean', '--quiet', '-d', '--force']);
}

export interface ExportResult { from: string; to: string; written: string[]; deleted: string[] }

/**
 * Copies what editors published since the last export into the project's content/ and media/
 * (added and changed files written, deleted files removed), then moves the export mark. Files
 * the editors did not touch are left alone, so work done in the project meanwhile is kept.
 */
export function exportPublished(repoDir: string, target: RepoSource): ExportResult {
  const to = publishedHead(repoDir);
  const from = git(repoDir, ['rev-parse', EXPORTED_REF]);
  const result: ExportResult = { from, to, written: [], deleted: [] };
  if (from === to) return result;
  const diff = git(repoDir, ['-c', 'core.quotePath=false', 'diff', '--name-status', '--no-renames', '-z', from, to, '--', 'content', 'media']);
  const parts = diff.split('\0').filter(Boolean);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i]!;
    const path = parts[i + 1]!;
    if (path === 'media/.gitkeep') continue;
    const [top, ...rest] = path.split('/');
    const dest = join(top === 'media' ? target.mediaDir : target.contentDir, ...rest);
    if (status === 'D') {
      rmSync(dest, { force: true });
      result.deleted.push(path);
    } else {
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, execFileSync('git', ['show', `${to}:${path}`], { cwd: repoDir, maxBuffer: 256 * 1024 * 1024 }));
      result.written.push(path);
    }
  }
  git(repoDir, ['update-ref', EXPORTED_REF, to]);
  return result;
}

/** Files a commit touches (paths relative to the repository). */
export const filesOf = (repoDir: string, commit: string): string[] =>
  git(repoDir, ['-c', 'core.quotePath=false', 'show', '--name-only', '--format=', commit]).split('\n').filter(Boolean);

export const readPublished = (repoDir: string, path: string): string =>
  git(repoDir, ['show', `${publishedHead(repoDir)}:${path}`]);
