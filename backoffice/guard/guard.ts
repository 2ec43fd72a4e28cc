/**
 * The publication guard of the embedded back-office: hooks the gate (gate/gate.ts) calls around
 * each write call of Decap's API, one call at a time, with the call as the gate parsed it
 * (actions/parse.ts: typed params). Refusals carry their problems as data (`problems`,
 * backoffice/problems/); the sentence Decap shows is made from them here.
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
 *   cleaned (restore.ts), so decap-server's next `git add .` cannot sweep a failed save into a commit.
 */
import { basename, dirname, join } from 'node:path';
import { fileProblem } from '../../src/lib/content/frontmatter.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import { mergedTree, treeOf, treeWith } from '../git/tree.ts';
import type { WriteCall } from '../actions/parse.ts';
import type { Problem } from '../problems/problem.ts';
import { refusalText } from '../problems/problem.ts';
import { treeChecker } from './tree-check.ts';
import { draftBranch, git, gitOk, isClean, restoreRepository, snapshot, type Snapshot } from './restore.ts';
import { REFUSED, refuseUsedMedia } from './media-users.ts';
import type { GateHooks } from '../api/hooks.ts';
import { earlyRefusal } from '../schedule/early.ts';
import { siteNow } from '../../src/lib/content/clock.ts';
import type { GuardRefusal } from '../refusal.ts';

export type { GateHooks, GuardRefusal };
export { draftBranch, rebaseDrafts, restoreRepository } from './restore.ts';
export { REFUSED, referencePattern } from './media-users.ts';

export interface GuardOptions {
  /** Scratch folder (the checked tree, a temporary index). Must be outside the repository. */
  scratchDir?: string;
  log?: (line: string) => void;
  /** Called with each check's duration (ms), for benchmarks. */
  onCheck?: (ms: number, what: string) => void;
  /** The site's clock: a draft scheduled after it is not published (backoffice/schedule/early.ts). */
  now?: () => Date;
  /** Check the published tree at once, in the background (default true; false: tests of a cold check). */
  warm?: boolean;
}

/** Status of a file refused for its size (limits.ts). */
export const TOO_LARGE = 413;
/** How many problems of the changed entries a refusal's message names (all are in `problems`). */
const LISTED = 3;

const problemKey = (p: Problem) => `${p.file}\0${p.field?.path ?? ''}\0${p.message}`;
const errorsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');

export function guardHooks(repoDir: string, options: GuardOptions = {}): GateHooks {
  const scratch = options.scratchDir ?? join(dirname(repoDir), `${basename(repoDir)}-guard`);
  const log = options.log ?? ((l: string) => console.log(l));
  // The checks run in a worker thread (tree-check.ts): the server answers meanwhile.
  const checker = treeChecker(repoDir, join(scratch, 'tree'));
  const cache = new Map<string, Promise<Problem[]>>();
  /** Refs before the call in progress, to undo what it did if it fails. */
  let before: (Snapshot & { action: string }) | undefined;

  /**
   * The content checks on a tree (the last few results are kept: the published tree is asked
   * often). A check in progress is shared: the warm-up's of the published tree (below) is the
   * first publication's.
   */
  const check = (tree: string, background = false): Promise<Problem[]> => {
    const cached = cache.get(tree);
    if (cached) { cache.delete(tree); cache.set(tree, cached); return cached; } // most recent last
    const started = performance.now();
    const run = checker.check(tree, { background }).then(({ problems, ms }) => {
      options.onCheck?.(performance.now() - started, `${tree} (écriture ${ms.sync.toFixed(0)} ms, vérification ${ms.check.toFixed(0)} ms)`);
      return problems;
    });
    cache.set(tree, run);
    run.catch(() => { if (cache.get(tree) === run) cache.delete(tree); });
    if (cache.size > 4) cache.delete(cache.keys().next().value!);
    return run;
  };

  // Warm-up: the published tree is checked as soon as the server starts (worker thread started,
  // modules loaded, every file parsed once), so the first editor's check parses only what the
  // publication changes. In the background: it keeps nothing alive and its failure is the next
  // check's to report.
  if (options.warm !== false) {
    try { check(treeOf(repoDir, PUBLISHED_BRANCH), true).catch(() => {}); } catch { /* no published branch yet */ }
  }

  /** Errors `tree` has that the published tree has not, as one refusal (its problems as data). */
  const newErrors = async (tree: string, verb: string): Promise<GuardRefusal | undefined> => {
    const published = treeOf(repoDir, PUBLISHED_BRANCH);
    if (tree === published) return undefined;
    const known = new Set(errorsOf(await check(published)).map(problemKey));
    const added = errorsOf(await check(tree)).filter((p) => !known.has(problemKey(p)));
    if (!added.length) return undefined;
    // The cause first: errors in the files this call changes. An entry the checks refuse drops
    // out of the site, so the entries linking to it get errors too: those follow from it
    // (their `related` names it).
    const changed = new Set(git(repoDir, ['-c', 'core.quotePath=false', 'diff-tree', '-r', '--name-only', published, tree, '--', 'content', 'media']).split('\n'));
    const own = added.filter((p) => changed.has(p.file));
    const problems = [...own, ...added.filter((p) => !changed.has(p.file))];
    return { status: REFUSED, error: refusalText(verb, problems, LISTED), problems };
  };

  /**
   * A file the content checks would refuse for its size alone (limits.ts) is not saved at all,
   * draft or not: checking it later (preview, publication) would cost seconds for nothing.
   */
  const refuseTooBig = (files: readonly DataFile[]): GuardRefusal | undefined => {
    for (const f of files) {
      const problem = fileProblem(f.raw);
      if (problem) return { status: TOO_LARGE, error: `Enregistrement refusé : « ${(f.newPath ?? f.path).replace(/^content\//, '')} » : ${problem}. Réduisez ce contenu puis recommencez.` };
    }
    return undefined;
  };

  const decide = async (call: WriteCall): Promise<GuardRefusal | undefined> => {
    const files = call.action === 'persistEntry' ? call.params.dataFiles ?? (call.params.entry ? [call.params.entry] : []) : [];
    const tooBig = refuseTooBig(files);
    if (tooBig) return tooBig;
    if (call.params.branch !== PUBLISHED_BRANCH) return undefined;
    const index = join(scratch, 'index');
    switch (call.action) {
      case 'publishUnpublishedEntry': {
        const draft = draftBranch(call.params.collection, call.params.slug);
        if (!gitOk(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${draft}`])) return undefined;
        const early = earlyRefusal(repoDir, call.params.collection, call.params.slug, (options.now ?? siteNow)());
        if (early) return early;
        const merged = mergedTree(repoDir, PUBLISHED_BRANCH, draft);
        if ('conflict' in merged) {
          return { status: 409, error: `Publication refusée : ${merged.conflict.map((f) => `« ${f.replace(/^content\//, '')} »`).join(', ')} a aussi été modifié dans la version en ligne depuis l’ouverture de ce brouillon. Rouvrez l’entrée, vérifiez le texte puis enregistrez-la de nouveau.` };
        }
        return newErrors(merged.tree, 'Publication');
      }
      case 'persistEntry': {
        // A draft (editorial workflow) is never refused; a direct save publishes at once.
        if (call.params.options.useWorkflow) return undefined;
        const write = new Map<string, Buffer | string>();
        const remove: string[] = [];
        for (const f of files) {
          if (f.newPath) { write.set(f.newPath, f.raw); remove.push(f.path); } else write.set(f.path, f.raw);
        }
        for (const a of call.params.assets) write.set(a.path, Buffer.from(a.content, a.encoding));
        return newErrors(treeWith(repoDir, PUBLISHED_BRANCH, { write, remove }, index), 'Publication');
      }
      case 'deleteFile':
      case 'deleteFiles': {
        const list = call.action === 'deleteFile' ? [call.params.path] : call.params.paths;
        const used = refuseUsedMedia(repoDir, list);
        if (used) return used;
        const content = list.filter((p) => p.startsWith('content/'));
        return content.length ? newErrors(treeWith(repoDir, PUBLISHED_BRANCH, { remove: content }, index), 'Suppression') : undefined;
      }
      default:
        return undefined;
    }
  };

  return {
    async beforeAction(call) {
      const { action } = call;
      // A call interrupted earlier (crash, kill) may have left files: they must not be swept in.
      if (!isClean(repoDir)) for (const l of restoreRepository(repoDir)) log(`Back-office : dépôt remis en état avant « ${action} » : ${l}`);
      before = { ...snapshot(repoDir), action };
      try {
        const refusal = await decide(call);
        if (refusal) log(`Back-office : « ${action} » refusé : ${refusal.error}`);
        return refusal;
      } catch (e) {
        // The guard itself failing must not let an unchecked publication through.
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        log(`Back-office : vérification de « ${action} » impossible : ${message}`);
        return { status: 500, error: `Vérification impossible, rien n’a été modifié : ${message}` };
      }
    },
    async checkTree(tree) {
      try { return await newErrors(tree, 'Publication'); } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        return { status: 500, error: `Vérification impossible, rien n’a été publié : ${message}` };
      }
    },
    // The worker stops; a check in progress (the start's warm-up) is dropped with it.
    close: () => checker.close(),
    async afterFailure(action) {
      // Only the snapshot of this very call: an older one would undo calls that succeeded since.
      const done = restoreRepository(repoDir, before?.action === action ? before : undefined);
      before = undefined;
      if (done.length) log(`Back-office : « ${action} » a échoué ; dépôt remis en état : ${done.join(' ; ')}`);
    },
  };
}

interface DataFile { path: string; raw: string; newPath?: string | undefined }
