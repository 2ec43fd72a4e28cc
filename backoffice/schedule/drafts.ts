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
import { READY_BY_KEY } from './scheduled-by.ts';

const run = (repoDir: string, args: string[]): string | undefined => {
  const r = spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } });
  return r.status === 0 ? r.stdout : undefined;
};

/**
 * The texts of `commit:path` objects in one `git cat-file --batch` (one process for every
 * draft: a tick stays a few milliseconds of the event loop with fifty drafts); undefined for a
 * missing one.
 */
function readBlobs(repoDir: string, names: readonly string[]): (string | undefined)[] {
  if (!names.length) return [];
  const r = spawnSync('git', ['-c', 'core.quotePath=false', 'cat-file', '--batch'], { cwd: repoDir, input: `${names.join('\n')}\n`, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) return names.map(() => undefined);
  const out = r.stdout;
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const nl = out.indexOf(10, at);
    if (nl < 0) { texts.push(undefined); continue; }
    const head = out.subarray(at, nl).toString('utf8').split(' ');
    if (head[1] !== 'blob') { texts.push(undefined); at = nl + 1; continue; }
    const size = Number(head[2]);
    texts.push(out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return texts;
}

const STATUSES: readonly DraftStatus[] = ['draft', 'pending_review', 'pending_publish'];

/** Every draft of the repository, with its status and its entry's text (at most one entry file each). */
export function readDrafts(repoDir: string): Draft[] {
  const refs = run(repoDir, ['for-each-ref', '--format=%(objectname) %(refname:short)', 'refs/heads/cms/']) ?? '';
  const labels = new Map<string, string>();
  /** Who marked each draft « Prêt » (scheduled-by.ts; git gives the key's last part in lower case). */
  const readyBy = new Map<string, string>();
  for (const item of (run(repoDir, ['config', '--null', '--get-regexp', `^branch\\.cms/.*\\.(description|${READY_BY_KEY.toLowerCase()})$`]) ?? '').split('\0')) {
    const nl = item.indexOf('\n');
    if (nl < 0) continue;
    const name = item.slice(0, nl);
    const dot = name.lastIndexOf('.');
    (name.slice(dot + 1) === 'description' ? labels : readyBy).set(name.slice('branch.'.length, dot), item.slice(nl + 1).trim());
  }
  const drafts: Draft[] = [];
  const wanted: string[] = [];
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
    drafts.push({ collection, slug, branch, commit, status, path, readyBy: readyBy.get(branch) });
    // The entry's file as the draft has it (a new entry or a changed one: same path, the slug's).
    if (path) wanted.push(`${commit}:${path}`);
  }
  const texts = readBlobs(repoDir, wanted);
  let k = 0;
  for (const d of drafts) if (d.path) d.raw = texts[k++];
  return drafts;
}

/** The published branch's commit (the scheduler's refusals are kept per head). */
export const headOf = (repoDir: string): string => (run(repoDir, ['rev-parse', `refs/heads/${PUBLISHED_BRANCH}`]) ?? '').trim();

/** The entry's text in one draft (`cms/<collection>/<slug>`), or undefined. */
export function draftEntry(repoDir: string, collection: string, slug: string): string | undefined {
  const folder = folderTypes.find((t) => t.name === collection)?.folder;
  return folder ? run(repoDir, ['-c', 'core.quotePath=false', 'show', `refs/heads/cms/${collection}/${slug}:content/${folder}/${slug}.md`]) : undefined;
}
