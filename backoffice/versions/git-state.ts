/**
 * What the version checks (opened.ts) read of the back-office repository, through git, without
 * touching its working tree (decap-server owns it): the branches' heads, the files a draft
 * changes, the blob of a file on a branch, the media on the published branch, and who last
 * changed a file. Async (child processes), one process per question however many files it asks
 * about; the files of a draft are kept per pair of heads (a draft's files change only when its
 * head or the published head moves).
 */
import { execFile } from 'node:child_process';

/** The published branch's head and every draft's (`cms/<collection>/<slug>` → commit). */
export interface Refs { main: string; drafts: Map<string, string> }

/** A commit that changed a file: its git author and author date (ISO 8601). */
export interface Change { name: string; email: string; at: string }

export interface RepoState {
  refs(): Promise<Refs>;
  /** The blob of each `<rev>:<path>` asked (null: no such file there). */
  blobs(specs: readonly string[]): Promise<Map<string, string | null>>;
  /** The files a draft branch changes since it left the published branch. */
  touched(refs: Refs, branch: string): Promise<Set<string>>;
  /** The files at the top of media/ on a revision (the published branch), with their blobs. */
  media(rev: string): Promise<Map<string, string>>;
  /** The last commit of `ref` that changed `path` (its deletion included). */
  lastChange(ref: string, path: string): Promise<Change | undefined>;
}

const PUBLISHED = 'main';

export function repoState(repoDir: string): RepoState {
  const run = (args: string[], input?: string) => new Promise<string>((ok, fail) => {
    const child = execFile('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: repoDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    }, (e, out) => (e ? fail(e) : ok(out)));
    if (input !== undefined) child.stdin?.end(input);
  });
  /** Files of a draft, by `<main>..<draft>` heads: a handful of drafts, bounded anyway. */
  const touchedCache = new Map<string, Set<string>>();

  return {
    async refs() {
      const out = await run(['for-each-ref', '--format=%(refname:short)%00%(objectname)', `refs/heads/${PUBLISHED}`, 'refs/heads/cms/']);
      const refs: Refs = { main: '', drafts: new Map() };
      for (const line of out.split('\n').filter(Boolean)) {
        const [name, sha] = line.split('\0') as [string, string];
        if (name === PUBLISHED) refs.main = sha; else refs.drafts.set(name, sha);
      }
      return refs;
    },
    async blobs(specs) {
      const found = new Map<string, string | null>();
      if (specs.length === 0) return found;
      // One line per question: the blob's name, or "<spec> missing" (a path absent there).
      const out = (await run(['cat-file', '--batch-check=%(objecttype) %(objectname)'], `${specs.join('\n')}\n`)).split('\n');
      specs.forEach((spec, i) => {
        const m = /^blob ([0-9a-f]{40,64})$/.exec(out[i] ?? '');
        found.set(spec, m ? m[1]! : null);
      });
      return found;
    },
    async touched(refs, branch) {
      const head = refs.drafts.get(branch);
      if (!head) return new Set();
      const key = `${refs.main}..${head}`;
      let files = touchedCache.get(key);
      if (!files) {
        const out = await run(['diff', '--name-only', '--no-renames', '-z', `${refs.main}...${head}`]);
        files = new Set(out.split('\0').filter(Boolean));
        if (touchedCache.size > 200) touchedCache.clear();
        touchedCache.set(key, files);
      }
      return files;
    },
    async media(rev) {
      const out = await run(['ls-tree', '-z', rev, 'media/']);
      const files = new Map<string, string>();
      for (const line of out.split('\0').filter(Boolean)) {
        const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
        if (m) files.set(m[2]!, m[1]!);
      }
      return files;
    },
    async lastChange(ref, path) {
      const out = await run(['log', '-1', '--format=%an%x00%ae%x00%aI', ref, '--', path]);
      const [name, email, at] = out.trim().split('\0');
      return name !== undefined && at ? { name, email: email ?? '', at } : undefined;
    },
  };
}
