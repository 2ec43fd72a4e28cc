/**
 * An entry's history, read from the back-office repository's git only (refs and objects, never
 * the working tree decap-server moves around; nothing kept beside it):
 * - its published versions: the commits of the published branch that touch its file;
 * - its draft saves: the commits of its draft branch (`cms/<collection>/<slug>`) not yet published;
 * - the version its last publication replaced, from the published branch's reflog (a publication
 *   is a fast-forward: several draft saves may go online at once), else the commit before;
 * - recent changes and deleted entries of the whole content.
 */
import { execFileSync } from 'node:child_process';
import { git, PUBLISHED_BRANCH } from '../git/repo.ts';
import { draftBranchOf, entryOfPath, type EntryRef } from './entries.ts';

export interface Version {
  commit: string;
  author: string;
  /** ISO 8601 (the author date). */
  date: string;
  message: string;
  /** The file at this commit; undefined: deleted by this commit. */
  raw: string | undefined;
}

const FIELDS = '%H%x1f%an%x1f%aI%x1f%s';
const unquoted = ['-c', 'core.quotePath=false'];

/** The file at a commit, byte for byte (the shared `git` helper trims), or undefined. */
export function fileAt(repoDir: string, commit: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['cat-file', 'blob', `${commit}:${path}`], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch { return undefined; }
}

/**
 * The file at each of `revs` in one git process (`cat-file --batch`), byte for byte; undefined
 * where it does not exist. Several hundred versions cost one spawn, not several hundred.
 */
export const filesAt = (repoDir: string, revs: readonly string[], path: string): (string | undefined)[] =>
  blobs(repoDir, revs.map((r) => `${r}:${path}`));

/** Files named `<rev>:<path>`, in one git process. */
export function blobs(repoDir: string, specs: readonly string[]): (string | undefined)[] {
  if (!specs.length) return [];
  const out = execFileSync('git', ['cat-file', '--batch'], {
    cwd: repoDir, input: specs.map((r) => `${r}\n`).join(''), stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024,
  });
  const files: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const end = out.indexOf(10, at);
    const head = out.subarray(at, end).toString('utf8');
    at = end + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(head);
    if (!m) { files.push(undefined); continue; } // "<rev> missing"
    const size = Number(m[2]);
    files.push(m[1] === 'blob' ? out.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  return files;
}

const refExists = (repoDir: string, ref: string) => {
  try { git(repoDir, ['rev-parse', '--verify', '--quiet', ref]); return true; } catch { return false; }
};

function commits(repoDir: string, args: string[], path: string): Version[] {
  const out = git(repoDir, [...unquoted, 'log', '--first-parent', `--format=${FIELDS}`, ...args, '--', path]);
  const rows = out.split('\n').filter(Boolean).map((line) => {
    const [commit = '', author = '', date = '', message = ''] = line.split('\x1f');
    return { commit, author, date, message };
  });
  const raws = filesAt(repoDir, rows.map((r) => r.commit), path);
  return rows.map((r, i) => ({ ...r, raw: raws[i] }));
}

/** Versions listed at most (each is one read of git): the oldest beyond are left out. */
export const MAX_VERSIONS = 100;

export interface EntryHistory {
  /** Newest first. */
  published: Version[];
  /** The draft's saves not yet published, newest first (empty: no draft). */
  drafts: Version[];
  /** Decap's status of the draft (`draft`, `pending_review`, `pending_publish`), if there is one. */
  draftStatus?: string | undefined;
  /** The commits that were the published branch's head (onlineCommits), when known. */
  online?: Set<string> | undefined;
}

/**
 * Every commit the published branch has pointed to, from its reflog, when it goes back to the
 * first commit (else undefined: a clone's reflog starts at the clone). A commit of the branch not
 * in it was a draft save that went online with a later one (a publication is a fast-forward).
 */
export function onlineCommits(repoDir: string): Set<string> | undefined {
  try {
    const values = git(repoDir, ['log', '-g', '--format=%H', `refs/heads/${PUBLISHED_BRANCH}`]).split('\n').filter(Boolean);
    return values.length && isFirstCommit(repoDir, values.at(-1)!) ? new Set(values) : undefined;
  } catch { return undefined; }
}

export function entryHistory(repoDir: string, e: EntryRef): EntryHistory {
  const published = commits(repoDir, [`refs/heads/${PUBLISHED_BRANCH}`, '-n', String(MAX_VERSIONS)], e.path);
  const online = onlineCommits(repoDir);
  const branch = draftBranchOf(e);
  if (!refExists(repoDir, `refs/heads/${branch}`)) return { published, drafts: [], online };
  let draftStatus: string | undefined;
  try { draftStatus = git(repoDir, ['config', `branch.${branch}.description`]).replace(/^decap-cms\//, ''); } catch { /* none */ }
  return { published, drafts: commits(repoDir, [`refs/heads/${PUBLISHED_BRANCH}..refs/heads/${branch}`, '-n', String(MAX_VERSIONS)], e.path), draftStatus, online };
}

/** What undoing the last publication of an entry gives back. */
export interface UndoTarget {
  /** The published commit before the last publication that changed the file. */
  before: string;
  /** The file there; undefined: the entry was new (undoing is removing it). */
  raw: string | undefined;
  /** When and by whom the undone publication was made. */
  at: string; author: string;
}

/**
 * The published branch's successive values (newest first) from its reflog; a publication is one
 * step, whatever number of commits it brought. Then the first step that changed the file.
 */
export function undoTarget(repoDir: string, path: string): UndoTarget | undefined {
  let steps: { commit: string; at: string }[] = [];
  try {
    steps = git(repoDir, ['log', '-g', '--format=%H%x1f%gD', '--date=iso-strict', `refs/heads/${PUBLISHED_BRANCH}`])
      .split('\n').filter(Boolean).map((l) => { const [commit = '', sel = ''] = l.split('\x1f'); return { commit, at: /\{(.+)\}/.exec(sel)?.[1] ?? '' }; });
  } catch { /* no reflog: a clone */ }
  const author = (c: string) => git(repoDir, ['log', '-1', '--format=%an', c]);
  const files = filesAt(repoDir, steps.map((s) => s.commit), path);
  for (let i = 0; i + 1 < steps.length; i++) {
    if (files[i] !== files[i + 1]) return { before: steps[i + 1]!.commit, raw: files[i + 1], at: steps[i]!.at, author: author(steps[i]!.commit) };
  }
  // The reflog goes back to the first commit: the file never changed since.
  if (steps.length && isFirstCommit(repoDir, steps.at(-1)!.commit)) return undefined;
  // No reflog (a clone): the commit before the last one that touched the file.
  const last = commits(repoDir, [`refs/heads/${PUBLISHED_BRANCH}`, '-1'], path)[0];
  if (!last || isFirstCommit(repoDir, last.commit)) return undefined;
  return { before: `${last.commit}^`, raw: fileAt(repoDir, `${last.commit}^`, path), at: last.date, author: last.author };
}

const isFirstCommit = (repoDir: string, commit: string) => !refExists(repoDir, `${commit}^`);

export interface Change { version: Omit<Version, 'raw'>; entry: EntryRef; status: 'A' | 'M' | 'D' }

/**
 * The last changes of the published branch under content/, one item per entry a commit touches,
 * `limit` items at most; the repository's first commit (the content it was made from) is no change.
 */
export function recentChanges(repoDir: string, limit = 40): Change[] {
  const roots = new Set(git(repoDir, ['rev-list', '--max-parents=0', `refs/heads/${PUBLISHED_BRANCH}`]).split('\n'));
  const out = git(repoDir, [...unquoted, 'log', '--first-parent', '-n', String(limit), '--name-status', '--no-renames', `--format=%x1e${FIELDS}`, `refs/heads/${PUBLISHED_BRANCH}`, '--', 'content']);
  const changes: Change[] = [];
  for (const chunk of out.split('\x1e').filter((c) => c.trim())) {
    const [head = '', ...files] = chunk.trim().split('\n');
    const [commit = '', author = '', date = '', message = ''] = head.split('\x1f');
    if (roots.has(commit)) continue;
    for (const f of files.filter(Boolean)) {
      if (changes.length >= limit) return changes;
      const [status = '', path = ''] = f.split('\t');
      const entry = entryOfPath(path);
      if (entry && (status === 'A' || status === 'M' || status === 'D')) changes.push({ version: { commit, author, date, message }, entry, status });
    }
  }
  return changes;
}

export interface Deleted { entry: EntryRef; deletion: Omit<Version, 'raw'>; /** The last version before it was deleted. */ lastCommit: string; raw: string }

/** Entries whose file was deleted on the published branch and is not there now, last deletion first. */
export function deletedEntries(repoDir: string, limit = 50): Deleted[] {
  const present = new Set(git(repoDir, [...unquoted, 'ls-tree', '-r', '--name-only', `refs/heads/${PUBLISHED_BRANCH}`, '--', 'content']).split('\n'));
  const out = git(repoDir, [...unquoted, 'log', '--first-parent', '--diff-filter=D', '--name-only', '--no-renames', `--format=%x1e${FIELDS}`, `refs/heads/${PUBLISHED_BRANCH}`, '--', 'content']);
  const seen = new Set<string>();
  const list: Deleted[] = [];
  for (const chunk of out.split('\x1e').filter((c) => c.trim())) {
    const [head = '', ...files] = chunk.trim().split('\n');
    const [commit = '', author = '', date = '', message = ''] = head.split('\x1f');
    for (const path of files.filter(Boolean)) {
      if (present.has(path) || seen.has(path)) continue;
      seen.add(path);
      const entry = entryOfPath(path);
      const raw = entry && fileAt(repoDir, `${commit}^`, path);
      if (entry && raw !== undefined) list.push({ entry, deletion: { commit, author, date, message }, lastCommit: git(repoDir, ['rev-parse', `${commit}^`]), raw });
      if (list.length >= limit) return list;
    }
  }
  return list;
}
