/**
 * The editorial workflow's drafts read from the back-office repository, as decap-server keeps
 * them (read-only git: refs, branch descriptions, blobs; never the working tree, which
 * decap-server moves around): a branch `cms/<collection>/<slug>` per draft, its status in
 * `branch.<branch>.description` (`decap-cms/pending_publish`), the entry's file in the commit.
 * The scheduler reads them at each tick: git is the schedule, nothing is kept beside it.
 */
import { spawnSync } from 'node:child_process';
import { folderTypes } from '../../src/content/model/index.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import type { Draft, DraftStatus } from './due.ts';

const run = (repoDir: string, args: string[]): string | undefined => {
  const r = spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } });
  return r.status === 0 ? r.stdout : undefined;
};

const STATUSES: readonly DraftStatus[] = ['draft', 'pending_review', 'pending_publish'];

/** Every draft of the repository, with its status and its entry's text (at most one entry file each). */
export function readDrafts(repoDir: string): Draft[] {
  const refs = run(repoDir, ['for-each-ref', '--format=%(objectname) %(refname:short)', 'refs/heads/cms/']) ?? '';
  const labels = new Map<string, string>();
  for (const item of (run(repoDir, ['config', '--null', '--get-regexp', '^branch\\.cms/.*\\.description$']) ?? '').split('\0')) {
    const nl = item.indexOf('\n');
    if (nl > 0) labels.set(item.slice('branch.'.length, nl - '.description'.length), item.slice(nl + 1).trim());
  }
  const drafts: Draft[] = [];
  for (const line of refs.split('\n')) {
    const [commit, branch] = line.split(' ');
    if (!commit || !branch) continue;
    const m = /^cms\/([^/]+)\/(.+)$/.exec(branch);
    if (!m) continue;
    const [, collection, slug] = m as unknown as [string, string, string];
    const label = labels.get(branch)?.replace(/^decap-cms\//, '');
    const status = STATUSES.find((s) => s === label);
    const folder = folderTypes.find((t) => t.name === collection)?.folder;
    const path = folder ? `content/${folder}/${slug}.md` : undefined;
    // The entry's file as the draft has it (a new entry or a changed one: same path, the slug's).
    const raw = path ? run(repoDir, ['-c', 'core.quotePath=false', 'show', `${commit}:${path}`]) : undefined;
    drafts.push({ collection, slug, branch, commit, status, path, raw });
  }
  return drafts;
}

/** The published branch's commit (the scheduler's refusals are kept per head). */
export const headOf = (repoDir: string): string => (run(repoDir, ['rev-parse', `refs/heads/${PUBLISHED_BRANCH}`]) ?? '').trim();

/** The entry's text in one draft (`cms/<collection>/<slug>`), or undefined. */
export function draftEntry(repoDir: string, collection: string, slug: string): string | undefined {
  const folder = folderTypes.find((t) => t.name === collection)?.folder;
  return folder ? run(repoDir, ['-c', 'core.quotePath=false', 'show', `refs/heads/cms/${collection}/${slug}:content/${folder}/${slug}.md`]) : undefined;
}
