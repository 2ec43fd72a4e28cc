/**
 * The back-office repository's state around a write call (the guard's `afterFailure`): a
 * snapshot of its refs and branch descriptions before the call, and the clean-up that puts them
 * back, the published branch checked out, nothing staged, modified or untracked, so that
 * decap-server's next `git add .` cannot sweep a failed save into a commit. Also the rebase of
 * the drafts after a publication.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import { gitBuffer } from '../git/tree.ts';
import { repoHealth } from '../git/health.ts';

export const git = (cwd: string, args: string[], input?: string) => gitBuffer(cwd, args, input).toString('utf8').trim();
export const gitOk = (cwd: string, args: string[]) => spawnSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, LC_ALL: 'C' } }).status === 0;
export const gitTry = (cwd: string, args: string[]): string | undefined => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

/** Branch decap-server keeps a draft on (decap-cms-lib-util's branchFromContentKey). */
export const draftBranch = (collection: string, slug: string) => `cms/${collection}/${slug}`;

export interface Snapshot { refs: Map<string, string>; descriptions: Map<string, string> }

export function snapshot(repoDir: string): Snapshot {
  const refs = new Map<string, string>();
  for (const line of git(repoDir, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads']).split('\n')) {
    const [oid, ref] = line.split(' ');
    if (oid && ref) refs.set(ref, oid);
  }
  const descriptions = new Map<string, string>();
  const raw = gitTry(repoDir, ['config', '--null', '--get-regexp', '^branch\\..*\\.description$']) ?? '';
  for (const item of raw.split('\0')) {
    const nl = item.indexOf('\n');
    if (nl > 0) descriptions.set(item.slice(0, nl), item.slice(nl + 1));
  }
  return { refs, descriptions };
}

/** Whether the working tree is exactly the published branch's commit, checked out, with nothing else. */
export function isClean(repoDir: string): boolean {
  if (gitTry(repoDir, ['symbolic-ref', '--short', 'HEAD']) !== PUBLISHED_BRANCH) return false;
  const gitDir = join(repoDir, '.git');
  if (['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD'].some((f) => existsSync(join(gitDir, f)))) return false;
  return git(repoDir, ['status', '--porcelain', '--untracked-files=all']) === '';
}

/**
 * Puts the repository back: refs and branch descriptions as in `before` (when given), the
 * published branch checked out, no staged, modified or untracked file. Returns what it did.
 */
export function restoreRepository(repoDir: string, before?: Snapshot): string[] {
  // Never on a damaged repository: a forced checkout with an unreadable index deletes working
  // files (content/_index.md was lost so). The stack suspends writes instead (cms-health.ts).
  const health = repoHealth(repoDir);
  if (!health.ok) throw new Error(health.message);
  const done: string[] = [];
  const gitDir = join(repoDir, '.git');
  if (existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply'))) { gitOk(repoDir, ['rebase', '--abort']); done.push('rebase interrompu annulé'); }
  if (existsSync(join(gitDir, 'MERGE_HEAD'))) { gitOk(repoDir, ['merge', '--abort']); done.push('fusion interrompue annulée'); }
  if (before) {
    const now = snapshot(repoDir);
    for (const [ref, oid] of now.refs) {
      if (!before.refs.has(ref)) { git(repoDir, ['update-ref', '-d', ref, oid]); done.push(`branche ${ref} retirée`); }
    }
    for (const [ref, oid] of before.refs) {
      if (now.refs.get(ref) !== oid) { git(repoDir, ['update-ref', ref, oid]); done.push(`branche ${ref} remise à ${oid.slice(0, 8)}`); }
    }
    for (const key of now.descriptions.keys()) if (!before.descriptions.has(key)) gitOk(repoDir, ['config', '--unset-all', key]);
    for (const [key, value] of before.descriptions) if (now.descriptions.get(key) !== value) git(repoDir, ['config', key, value]);
  }
  if (gitTry(repoDir, ['symbolic-ref', '--short', 'HEAD']) !== PUBLISHED_BRANCH) done.push(`retour sur ${PUBLISHED_BRANCH}`);
  git(repoDir, ['checkout', '--quiet', '--force', PUBLISHED_BRANCH]);
  const dirty = git(repoDir, ['status', '--porcelain', '--untracked-files=all']);
  if (dirty) done.push(`fichiers laissés par l’appel retirés : ${dirty.split('\n').map((l) => l.slice(3)).join(', ')}`);
  git(repoDir, ['reset', '--quiet', '--hard', 'HEAD']);
  git(repoDir, ['clean', '--quiet', '-d', '--force']);
  return done;
}

/**
 * Moves every draft branch onto the published branch's head. decap-server shows a draft as the
 * diff between `main` and its branch (two dots): once another entry is published, that diff
 * also holds the other entry's file, reversed, and Decap opens the draft with the OTHER entry's
 * data (seen in the real UI: the draft of a défi opened with a thème's title). decap-server
 * rebases a draft only when it is saved; call this after each publication, inside the
 * serialised calls. A draft that cannot be rebased (conflict) is left as it was.
 */
export function rebaseDrafts(repoDir: string): string[] {
  const moved: string[] = [];
  const drafts = git(repoDir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/']).split('\n').filter(Boolean);
  try {
    for (const d of drafts) {
      if (gitOk(repoDir, ['merge-base', '--is-ancestor', PUBLISHED_BRANCH, d])) continue;
      git(repoDir, ['checkout', '--quiet', '--force', d]);
      if (gitOk(repoDir, ['-c', 'commit.gpgsign=false', 'rebase', '--quiet', PUBLISHED_BRANCH])) moved.push(d);
      else gitOk(repoDir, ['rebase', '--abort']);
    }
  } finally {
    git(repoDir, ['checkout', '--quiet', '--force', PUBLISHED_BRANCH]);
  }
  return moved;
}
