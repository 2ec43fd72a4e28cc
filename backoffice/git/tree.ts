/**
 * Git trees of the back-office repository as the content checks need them, without touching the
 * working tree decap-server uses:
 * - `mergedTree`: the tree the published branch would have after merging a draft branch;
 * - `treeWith`: a tree with some files written or removed (a direct save or a deletion);
 * - `TreeMirror`: a folder holding one tree's content/ (real files) and media/ (empty files:
 *   the checks only ask whether an image exists), updated file by file from one tree to the
 *   next, so that `loadContent` reads it from disk as it reads the project. A symbolic link of
 *   the tree (mode 120000: a pushed commit can hold one) is a link there too, to a fixed name,
 *   never to its target: the checks refuse it as they refuse one in the project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

export function gitBuffer(cwd: string, args: string[], input?: Buffer | string, env: NodeJS.ProcessEnv = {}): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024, env: { ...ENV, ...env } });
}
const gitText = (cwd: string, args: string[], input?: Buffer | string, env: NodeJS.ProcessEnv = {}) => gitBuffer(cwd, args, input, env).toString('utf8').trim();

export const treeOf = (repoDir: string, rev: string): string => gitText(repoDir, ['rev-parse', `${rev}^{tree}`]);

/** The tree `into` would have after merging `from`, or `conflict` when git cannot merge them. */
export function mergedTree(repoDir: string, into: string, from: string): { tree: string } | { conflict: string[] } {
  const r = spawnSync('git', ['merge-tree', '--write-tree', '--name-only', '--no-messages', into, from], { cwd: repoDir, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = (r.stdout ?? '').split('\n').filter(Boolean);
  if (r.status === 0 && lines[0]) return { tree: lines[0] };
  if (r.status === 1) return { conflict: lines.slice(1) };
  throw new Error(`git merge-tree : ${(r.stderr ?? '').trim() || `code ${r.status}`}`);
}

export interface TreeChange {
  /** Files written (path relative to the repository → content). */
  write?: Map<string, Buffer | string>;
  /** Files removed. */
  remove?: string[];
}

/** The tree of `base` with `change` applied (objects written to the repository, no ref moved). */
export function treeWith(repoDir: string, base: string, change: TreeChange, indexFile: string): string {
  mkdirSync(dirname(indexFile), { recursive: true });
  const env = { GIT_INDEX_FILE: indexFile };
  try {
    gitText(repoDir, ['read-tree', base], undefined, env);
    const remove = change.remove ?? [];
    if (remove.length) gitText(repoDir, ['update-index', '--force-remove', '-z', '--stdin'], remove.join('\0') + '\0', env);
    for (const [path, content] of change.write ?? []) {
      const blob = gitText(repoDir, ['hash-object', '-w', '--stdin'], content);
      gitText(repoDir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], undefined, env);
    }
    return gitText(repoDir, ['write-tree'], undefined, env);
  } finally {
    rmSync(indexFile, { force: true });
  }
}

/** Reads many blobs in one `git cat-file --batch`. */
function readBlobs(repoDir: string, oids: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!oids.length) return out;
  const buf = gitBuffer(repoDir, ['cat-file', '--batch'], oids.join('\n') + '\n');
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const [oid, type, size] = buf.subarray(pos, nl).toString().split(' ');
    if (type === 'missing' || !oid) { pos = nl + 1; continue; }
    const n = Number(size);
    out.set(oid, buf.subarray(nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 1;
  }
  return out;
}

/** Marks a symbolic link's entry in TreeMirror's file map. */
const LINK = 'link:';

/** A tree entry as the mirror keeps it: a file's blob id, a link's marked one, nothing for the rest (submodules, a deletion). */
const entryId = (mode: string, oid: string): string | undefined =>
  mode === '100644' || mode === '100755' ? oid : mode === '120000' ? `${LINK}${oid}` : undefined;

/** One tree's content/ and media/ on disk, for the content loader (see the module comment). */
export class TreeMirror {
  readonly contentDir: string;
  readonly mediaDir: string;
  private files = new Map<string, string>();
  tree: string | undefined;

  constructor(private readonly repoDir: string, readonly dir: string) {
    this.contentDir = join(dir, 'content');
    this.mediaDir = join(dir, 'media');
    this.reset();
  }

  /**
   * Makes the folder hold `tree`: only the files that differ from the last one are rewritten,
   * and, after the first sync, only those are listed (`git diff-tree` of the two trees, not a
   * listing of the whole tree): the cost follows the change, not the content's size.
   */
  sync(tree: string): void {
    if (tree === this.tree) return;
    try { this.apply(tree); } catch (e) {
      // Half written: the next sync starts from an empty folder and lists its tree whole.
      this.reset();
      throw e;
    }
  }

  private reset(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.contentDir, { recursive: true });
    mkdirSync(this.mediaDir, { recursive: true });
    this.files = new Map();
    this.tree = undefined;
  }

  private apply(tree: string): void {
    const next = this.tree === undefined ? this.listing(tree) : this.changedFrom(this.tree, tree);
    for (const path of this.files.keys()) if (!next.has(path)) rmSync(join(this.dir, path), { force: true });
    const wanted = [...next].filter(([path, oid]) => this.files.get(path) !== oid);
    const blobs = readBlobs(this.repoDir, [...new Set(wanted.filter(([p, oid]) => p.startsWith('content/') && !oid.startsWith(LINK)).map(([, oid]) => oid))]);
    for (const [path, oid] of wanted) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      rmSync(full, { force: true }); // never written through a link left by the previous tree
      if (oid.startsWith(LINK)) symlinkSync('lien-symbolique-refusé', full);
      // Media: an empty file says the image exists, which is all the checks ask.
      else writeFileSync(full, path.startsWith('content/') ? (blobs.get(oid) ?? '') : '');
    }
    this.files = next;
    this.tree = tree;
  }

  /** Every file of `tree` under content/ and media/ (path → blob id, `link:` for a symbolic link). */
  private listing(tree: string): Map<string, string> {
    const listing = gitBuffer(this.repoDir, ['ls-tree', '-r', '-z', '--full-tree', tree, '--', 'content', 'media']).toString('utf8');
    const next = new Map<string, string>();
    for (const line of listing.split('\0')) {
      const m = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      const id = m && entryId(m[1]!, m[2]!);
      if (id) next.set(m[3]!, id);
    }
    return next;
  }

  /** The file map of `to`, from the one of `from` (this.files) and the files the two trees differ in. */
  private changedFrom(from: string, to: string): Map<string, string> {
    const raw = gitBuffer(this.repoDir, ['diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', from, to, '--', 'content', 'media']).toString('utf8').split('\0');
    const next = new Map(this.files);
    // `:<old mode> <new mode> <old id> <new id> <status>` then the path, each ended by NUL.
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) [A-Z]/.exec(raw[i]!);
      const path = raw[i + 1]!;
      if (!m) throw new Error(`git diff-tree : ligne inattendue « ${raw[i]} »`);
      const id = entryId(m[1]!, m[2]!);
      if (id) next.set(path, id); else next.delete(path);
    }
    return next;
  }
}
