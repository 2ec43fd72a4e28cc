/**
 * The publication guard of the embedded back-office: hooks the gate (cms-gate.ts) calls around
 * each write call of Decap's API, one call at a time.
 *
 * - Nothing broken is published: before a draft is merged into the published branch (and before
 *   any call that changes that branch directly: a save without the editorial workflow, a
 *   deletion), the content checks run on the tree the branch would have; a NEW error (one the
 *   published tree does not already have) refuses the call with a French sentence naming the
 *   entry by its title and the field by its label. Saving a draft is never refused: a draft is
 *   work in progress, lives on its own branch and reaches nobody until it is published.
 * - A used image is not deleted: deleting a media file that published content references is
 *   refused with the list of entries using it. Uploading over an existing file (persistMedia) is
 *   allowed: it breaks no page, Decap asks before replacing, and « replace this photo » is a
 *   legitimate edit. Drafts (cms/* branches) are not searched: a draft that uses a deleted image
 *   shows a missing-image warning when it is checked.
 *
 * The guard expects beforeAction for every call that writes (the gate's write actions) and
 * afterFailure after a failed one; calls are serialised by the gate.
 * - A failed call leaves nothing behind: every ref and branch description is put back as it was
 *   before the call, the published branch is checked out and the working tree is reset and
 *   cleaned, so decap-server's next `git add .` cannot sweep a failed save into a commit.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileProblem, parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { describeEntry, issueSentence } from '../../src/lib/content/describe.ts';
import type { ContentIssue } from '../../src/lib/content/issues.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import { gitBuffer, mergedTree, treeOf, treeWith } from '../git/tree.ts';
import { repoHealth } from '../git/health.ts';
import { treeChecker } from './tree-check.ts';

import type { GateHooks, GuardRefusal } from '../gate/gate.ts';

export type { GateHooks, GuardRefusal };

export interface GuardOptions {
  /** Scratch folder (the checked tree, a temporary index). Must be outside the repository. */
  scratchDir?: string;
  log?: (line: string) => void;
  /** Called with each check's duration (ms), for benchmarks. */
  onCheck?: (ms: number, what: string) => void;
}

/** Status of a refusal: the request is understood but the content does not allow it. */
export const REFUSED = 422;
/** Status of a file refused for its size (limits.ts). */
export const TOO_LARGE = 413;
/** How many problems a refusal lists before « et N autre(s) ». */
const LISTED = 3;

const git = (cwd: string, args: string[], input?: string) => gitBuffer(cwd, args, input).toString('utf8').trim();
const gitOk = (cwd: string, args: string[]) => spawnSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, LC_ALL: 'C' } }).status === 0;
const gitTry = (cwd: string, args: string[]): string | undefined => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

/** Branch decap-server keeps a draft on (decap-cms-lib-util's branchFromContentKey). */
export const draftBranch = (collection: string, slug: string) => `cms/${collection}/${slug}`;

interface Snapshot { refs: Map<string, string>; descriptions: Map<string, string> }

function snapshot(repoDir: string): Snapshot {
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
function isClean(repoDir: string): boolean {
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

const issueKey = (i: ContentIssue) => `${i.file}\0${i.field ?? ''}\0${i.message}`;
const errorsOf = (issues: readonly ContentIssue[]) => issues.filter((i) => i.severity === 'error');
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/** A media path (under media/) as content refers to it: `img/<path>`, `/img/<path>` or `<path>`. */
export function referencePattern(mediaPath: string): RegExp {
  const forms = [...new Set([mediaPath, encodeURI(mediaPath), mediaPath.normalize('NFD')])].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|[\\s"'(=:\\[,])(?:\\.?/)?(?:img/)?(?:${forms.join('|')})(?=$|[\\s"')\\],?#>])`, 'mu');
}

export function guardHooks(repoDir: string, options: GuardOptions = {}): GateHooks {
  const scratch = options.scratchDir ?? join(dirname(repoDir), `${basename(repoDir)}-guard`);
  const log = options.log ?? ((l: string) => console.log(l));
  // The checks run in a worker thread (tree-check.ts): the server answers meanwhile.
  const checker = treeChecker(repoDir, join(scratch, 'tree'));
  const cache = new Map<string, ContentIssue[]>();
  /** Refs before the call in progress, to undo what it did if it fails. */
  let before: (Snapshot & { action: string }) | undefined;

  /** The content checks on a tree (the last few results are kept: the published tree is asked often). */
  const check = async (tree: string): Promise<ContentIssue[]> => {
    const cached = cache.get(tree);
    if (cached) { cache.delete(tree); cache.set(tree, cached); return cached; } // most recent last
    const started = performance.now();
    const { issues, ms } = await checker.check(tree);
    options.onCheck?.(performance.now() - started, `${tree} (écriture ${ms.sync.toFixed(0)} ms, vérification ${ms.check.toFixed(0)} ms)`);
    cache.set(tree, issues);
    if (cache.size > 4) cache.delete(cache.keys().next().value!);
    return issues;
  };

  /** Front matter of a file of `tree` (to name entries by their titles). */
  const dataIn = (tree: string) => (file: string): Record<string, unknown> | undefined => {
    try { return parseMarkdownFile(gitBuffer(repoDir, ['show', `${tree}:content/${file}`]).toString('utf8')).data; } catch { return undefined; }
  };

  /** Errors `tree` has that the published tree has not, as one French refusal. */
  const newErrors = async (tree: string, verb: string): Promise<GuardRefusal | undefined> => {
    const published = treeOf(repoDir, PUBLISHED_BRANCH);
    if (tree === published) return undefined;
    const known = new Set(errorsOf(await check(published)).map(issueKey));
    const added = errorsOf(await check(tree)).filter((i) => !known.has(issueKey(i)));
    if (!added.length) return undefined;
    // The cause first: errors in the files this call changes. An entry the checks refuse drops
    // out of the site, so the entries linking to it get errors too: those follow from it.
    // Paths as the issues give them: relative to content/ (a medium: `../media/x.png`).
    const changed = new Set(git(repoDir, ['-c', 'core.quotePath=false', 'diff-tree', '-r', '--name-only', published, tree, '--', 'content', 'media']).split('\n').map((p) => p.replace(/^content\//, '').replace(/^media\//, '../media/')));
    const own = added.filter((i) => changed.has(i.file));
    const shown = (own.length ? own : added).slice(0, LISTED);
    const listed = shown.map((i) => issueSentence(i, dataIn(tree)));
    const rest = added.length - shown.length;
    const more = rest > 0 ? ` (et ${rest} ${plural(rest, 'autre erreur', 'autres erreurs')}${own.length ? `, dans des contenus liés` : ''})` : '';
    return { status: REFUSED, error: `${verb} refusée : ${listed.join(' ; ')}${more}. Corrigez puis recommencez.` };
  };

  /**
   * Entries that use a media file (path under media/): published ones, and drafts of the
   * editorial workflow (`cms/…` branches), which would go live with a broken image otherwise
   * (a missing image is only a warning at publication). A draft's version of a published entry
   * counts once, as « brouillon ».
   */
  const mediaUsers = (mediaPath: string): string[] => {
    const name = mediaPath.split('/').pop()!;
    const drafts = git(repoDir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/']).split('\n').filter(Boolean);
    const hits = gitTry(repoDir, ['-c', 'core.quotePath=false', 'grep', '-l', '-z', '-F', '-e', name, '-e', encodeURI(name), PUBLISHED_BRANCH, ...drafts, '--', 'content']);
    if (!hits) return [];
    const pattern = referencePattern(mediaPath);
    const users = new Map<string, string>();
    for (const hit of hits.split('\0').filter(Boolean)) {
      // `<branch>:<path>`: branch names (main, cms/<collection>/<slug>) hold no colon.
      const at = hit.indexOf(':');
      const [ref, path] = [hit.slice(0, at), hit.slice(at + 1)];
      const text = gitBuffer(repoDir, ['show', `${ref}:${path}`]).toString('utf8');
      if (!pattern.test(text)) continue;
      const d = describeEntry(path.replace(/^content\//, ''), parseMarkdownFile(text).data);
      const draft = ref !== PUBLISHED_BRANCH;
      const key = `${path}\0${draft ? '' : 'published'}`;
      if (draft && users.has(`${path}\0published`)) continue;
      users.set(key, `${d.kind} « ${d.title} »${draft ? ' (brouillon)' : ''}`);
    }
    return [...users.values()];
  };

  const refuseUsedMedia = (paths: string[]): GuardRefusal | undefined => {
    const parts: string[] = [];
    let count = 0;
    for (const p of paths) {
      if (!p.startsWith('media/')) continue;
      const users = mediaUsers(p.slice('media/'.length));
      count += users.length;
      if (users.length) parts.push(`« ${p.slice('media/'.length)} » est utilisé par ${users.join(', ')}`);
    }
    if (!parts.length) return undefined;
    return { status: REFUSED, error: `Suppression refusée : ${parts.join(' ; ')}. Retirez-le de ${plural(count, 'ce contenu', 'ces contenus')} et publiez ${plural(count, 'la modification', 'les modifications')} avant de le supprimer.` };
  };

  /**
   * A file the content checks would refuse for its size alone (limits.ts) is not saved at all,
   * draft or not: checking it later (preview, publication) would cost seconds for nothing.
   */
  const refuseTooBig = (params: Record<string, unknown>): GuardRefusal | undefined => {
    const p = params as { entry?: Partial<DataFile>; dataFiles?: Partial<DataFile>[] };
    for (const f of p.dataFiles ?? (p.entry ? [p.entry] : [])) {
      const problem = typeof f.raw === 'string' ? fileProblem(f.raw) : undefined;
      if (problem) return { status: TOO_LARGE, error: `Enregistrement refusé : « ${String(f.newPath ?? f.path).replace(/^content\//, '')} » : ${problem}. Réduisez ce contenu puis recommencez.` };
    }
    return undefined;
  };

  const decide = async (action: string, params: Record<string, unknown>): Promise<GuardRefusal | undefined> => {
    if (action === 'persistEntry') {
      const tooBig = refuseTooBig(params);
      if (tooBig) return tooBig;
    }
    const branch = typeof params['branch'] === 'string' ? params['branch'] : PUBLISHED_BRANCH;
    if (branch !== PUBLISHED_BRANCH) return undefined;
    const index = join(scratch, 'index');
    switch (action) {
      case 'publishUnpublishedEntry': {
        const { collection, slug } = params as { collection?: string; slug?: string };
        if (!collection || !slug) return undefined;
        const draft = draftBranch(collection, slug);
        if (!gitOk(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${draft}`])) return undefined;
        const merged = mergedTree(repoDir, PUBLISHED_BRANCH, draft);
        if ('conflict' in merged) {
          return { status: 409, error: `Publication refusée : ${merged.conflict.map((f) => `« ${f.replace(/^content\//, '')} »`).join(', ')} a aussi été modifié dans la version en ligne depuis l’ouverture de ce brouillon. Rouvrez l’entrée, vérifiez le texte puis enregistrez-la de nouveau.` };
        }
        return newErrors(merged.tree, 'Publication');
      }
      case 'persistEntry': {
        // A draft (editorial workflow) is never refused; a direct save publishes at once.
        const p = params as { entry?: DataFile; dataFiles?: DataFile[]; assets?: { path: string; content: string; encoding: BufferEncoding }[]; options?: { useWorkflow?: boolean } };
        if (p.options?.useWorkflow !== false) return undefined;
        const files = p.dataFiles ?? (p.entry ? [p.entry] : []);
        const write = new Map<string, Buffer | string>();
        const remove: string[] = [];
        for (const f of files) {
          if (f.newPath) { write.set(f.newPath, f.raw); remove.push(f.path); } else write.set(f.path, f.raw);
        }
        for (const a of p.assets ?? []) write.set(a.path, Buffer.from(a.content, a.encoding));
        return newErrors(treeWith(repoDir, PUBLISHED_BRANCH, { write, remove }, index), 'Publication');
      }
      case 'deleteFile':
      case 'deleteFiles': {
        const paths = action === 'deleteFile' ? [params['path']] : Array.isArray(params['paths']) ? params['paths'] : [];
        const list = paths.filter((p): p is string => typeof p === 'string');
        const used = refuseUsedMedia(list);
        if (used) return used;
        const content = list.filter((p) => p.startsWith('content/'));
        return content.length ? newErrors(treeWith(repoDir, PUBLISHED_BRANCH, { remove: content }, index), 'Suppression') : undefined;
      }
      default:
        return undefined;
    }
  };

  return {
    async beforeAction(action, params) {
      // A call interrupted earlier (crash, kill) may have left files: they must not be swept in.
      if (!isClean(repoDir)) for (const l of restoreRepository(repoDir)) log(`Back-office : dépôt remis en état avant « ${action} » : ${l}`);
      before = { ...snapshot(repoDir), action };
      try {
        const refusal = await decide(action, params);
        if (refusal) log(`Back-office : « ${action} » refusé : ${refusal.error}`);
        return refusal;
      } catch (e) {
        // The guard itself failing must not let an unchecked publication through.
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        log(`Back-office : vérification de « ${action} » impossible : ${message}`);
        return { status: 500, error: `Vérification impossible, rien n’a été modifié : ${message}` };
      }
    },
    async afterFailure(action) {
      // Only the snapshot of this very call: an older one would undo calls that succeeded since.
      const done = restoreRepository(repoDir, before?.action === action ? before : undefined);
      before = undefined;
      if (done.length) log(`Back-office : « ${action} » a échoué ; dépôt remis en état : ${done.join(' ; ')}`);
    },
  };
}

interface DataFile { path: string; raw: string; newPath?: string }
