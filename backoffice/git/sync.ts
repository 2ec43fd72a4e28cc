/**
 * The back-office and its content remote kept together (issue #20, CONTENT_REMOTE); the git
 * commands are remote.ts's. One exchange (`cycle`): fetch the remote's branch, bring what
 * developers pushed into the published branch, push the publications the remote has not got.
 * Exchanges run one at a time: every `fetchMs` (a minute), on demand (the status page's button,
 * `syncNow`), after each write call that may have moved the published branch (`changed`), and
 * after a failure with a growing delay (2, 5, 15, then 60 s).
 *
 * - Nothing unchecked goes live: commits from the remote reach the published branch only when
 *   the publication guard accepts the tree it would have (`check`, the same checks as an
 *   editor's publication). Refused, they stay out (the site as it was), the reason in the
 *   status; the same remote commit is not checked again, a new one is.
 * - No commit is ever lost: never a forced push, never a ref moved but forward. When both sides
 *   moved, git merges them (`merge-tree`, a merge commit authored by the server), checked like
 *   any publication, then pushed. When git cannot merge them (the same lines changed, no common
 *   history), the exchange stops and the status says what to do; the back-office's publications
 *   are pushed to a branch of their own (`back-office/<branch>`) for a developer to merge, and the
 *   exchange resumes by itself once the remote's branch holds them.
 * - Moving the published branch happens in the API's call queue (`queue`): decap-server switches
 *   branches in the same working tree, so no call runs meanwhile.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_BRANCH, git, publishedHead } from './repo.ts';
import { mergedTree, treeOf } from './tree.ts';
import { countBetween, fetchRemote, isAncestor, pushRemote, remoteHead, shownUrl, sideBranch, trackingRef, type ContentRemote } from './remote.ts';
import { isClean, restoreRepository } from '../guard/restore.ts';
import { retryDelay } from '../publish/build-failure.ts';
import { frenchTime, SITE_TIME_ZONE } from '../admin/status-text.ts';
import type { GuardRefusal } from '../refusal.ts';
import type { Problem } from '../problems/problem.ts';

export type RemoteState = 'pending' | 'synced' | 'push-failed' | 'unreachable' | 'refused' | 'diverged';

/** The exchange with the remote as `/_status.json` carries it (`remote`); sentences in French. */
export interface RemoteStatus {
  /** The remote's address, credentials hidden, and its branch. */
  url: string;
  branch: string;
  state: RemoteState;
  /** One sentence: the status page starts its « Dépôt distant » part with it; the status bar shows it when `problem`. */
  message: string;
  /** Whether someone must act (or wait for a retry): the status bar shows it. */
  problem: boolean;
  /** What to do, for whom. */
  advice?: string | undefined;
  /** Publications of the back-office the remote has not got yet. */
  waiting: number;
  lastFetchAt?: string | undefined;
  lastPushAt?: string | undefined;
  /** git's own words (technical details). */
  detail?: string | undefined;
  /** After a failed push or fetch: when it is tried again, how many attempts failed. */
  retryAt?: string | undefined;
  attempts?: number | undefined;
  /** The last commits received from the remote and published: the remote's head, its author, when. */
  received?: { commit: string; author: string; at: string } | undefined;
  /** The remote's commit the publication guard refused, with its problems as data. */
  refused?: { commit: string; author: string; at: string; error: string; problems: Problem[] } | undefined;
}

export interface SyncOptions {
  repoDir: string;
  remote: ContentRemote;
  log: (line: string) => void;
  /** The API's call queue: the published branch moves only there. */
  queue: <T>(task: () => Promise<T>) => Promise<T>;
  /** The publication guard on the tree the published branch would have. */
  check: (tree: string) => Promise<GuardRefusal | undefined>;
  /** Called in the queue once the published branch moved (build it, rebase the drafts): from `from` to the remote's `to`, through `merge` when both had moved. */
  published: (moved: { from: string; to: string; merge: string | undefined }) => void;
  /** The guard refused the remote's commit `commit` (once per pair of heads). */
  refused?: ((commit: string, error: string) => void) | undefined;
  /** Undefined while the repository may be written (git/health.ts). */
  blocked?: () => unknown;
  /** How often the remote is fetched (ms, default a minute). */
  fetchMs?: number | undefined;
}

export interface RemoteSync {
  state(): RemoteStatus;
  /** First exchange now, then every `fetchMs`. */
  start(): void;
  /** A write call succeeded: publications the remote has not got are pushed. */
  changed(): void;
  /** One full exchange (fetch, merge, push); resolves once it is over. */
  syncNow(): Promise<RemoteStatus>;
  stop(): Promise<void>;
}

export const FETCH_MS = 60_000;

type Step = { done: 'none' | 'moved' } | { stop: 'refused' | 'diverged' | 'blocked' };

export function remoteSync(o: SyncOptions): RemoteSync {
  const { repoDir, remote, log } = o;
  const side = sideBranch(remote);
  const now = () => new Date().toISOString();
  let st: RemoteStatus = { url: shownUrl(remote.url), branch: remote.branch, state: 'pending', problem: false, message: 'Premier échange avec le dépôt distant en cours…', waiting: 0 };
  /** Consecutive failed exchanges (network or push refused): the retry delay grows with them. */
  let failures = 0;
  /** The pair (remote, local) the guard refused: not checked again until one side moves. */
  let refusedPair = '';
  let timer: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const waiting = () => countBetween(repoDir, remoteHead(repoDir, remote), PUBLISHED_BRANCH);
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const pending = (n: number) => (n ? `${plural(n, 'publication')} en attente d’envoi` : 'aucune publication en attente');
  /** The new state; the terminal is told when the sentence changes. */
  const set = (next: Omit<RemoteStatus, 'url' | 'branch' | 'lastFetchAt' | 'lastPushAt' | 'waiting' | 'received'> & { waiting?: number }) => {
    const said = st.message;
    st = { url: st.url, branch: st.branch, lastFetchAt: st.lastFetchAt, lastPushAt: st.lastPushAt, received: st.received, waiting: next.waiting ?? waiting(), ...next };
    if (st.message !== said && !(st.state === 'synced' && said.startsWith('Dépôt distant à jour'))) log(`${st.message.startsWith('Dépôt distant') ? '' : 'Dépôt distant : '}${st.message}${st.advice ? ` ${st.advice}` : ''}${st.detail ? `\n  Cause technique : ${st.detail}` : ''}`);
  };
  const failed = (state: 'push-failed' | 'unreachable', detail: string) => {
    failures++;
    const delay = retryDelay(failures);
    const retryAt = new Date(Date.now() + delay).toISOString();
    const n = waiting();
    const message = state === 'unreachable'
      ? `Dépôt distant injoignable (${pending(n)}) ; nouvel essai à ${frenchTime(retryAt, new Date(), SITE_TIME_ZONE)}. Le site en ligne est à jour.`
      : `Envoi au dépôt distant refusé (${pending(n)}) ; nouvel essai à ${frenchTime(retryAt, new Date(), SITE_TIME_ZONE)}. Le site en ligne est à jour.`;
    const advice = state === 'unreachable'
      ? 'Vérifiez l’adresse CONTENT_REMOTE, le réseau et l’accès du serveur (clé SSH ou identifiant HTTPS). Rien n’est perdu : les publications restent dans le back-office et partent dès que le dépôt répond.'
      : `Vérifiez que le serveur du back-office peut écrire sur la branche « ${remote.branch} » (branche protégée, crochet du serveur git, droits d’accès). Le back-office réessaie tout seul et à chaque publication ; rien n’est perdu.`;
    set({ state, problem: true, message, advice, detail, retryAt, attempts: failures, waiting: n });
    if (retry) clearTimeout(retry);
    if (!stopped) { retry = setTimeout(() => { retry = undefined; void run(); }, delay); retry.unref(); }
  };

  /** Brings the remote's commits into the published branch (in the call queue). */
  const integrate = (): Promise<Step> => o.queue(async (): Promise<Step> => {
    const theirs = remoteHead(repoDir, remote);
    const ours = publishedHead(repoDir);
    if (!theirs || theirs === ours || isAncestor(repoDir, theirs, ours)) return { done: 'none' };
    if (o.blocked?.()) return { stop: 'blocked' };
    const pair = `${theirs} ${ours}`;
    if (pair === refusedPair) return { stop: 'refused' };
    let candidate = theirs;
    if (!isAncestor(repoDir, ours, theirs)) {
      const base = (() => { try { return git(repoDir, ['merge-base', ours, theirs]); } catch { return ''; } })();
      const merged = base ? mergedTree(repoDir, ours, theirs) : { conflict: [] };
      if ('conflict' in merged) {
        const files = merged.conflict.map((f) => `« ${f} »`).join(', ');
        set({
          state: 'diverged', problem: true,
          message: base
            ? `Synchronisation arrêtée : le dépôt distant et le back-office ont modifié les mêmes passages${files ? ` (${files})` : ''}. Aucune modification n’est perdue ; le site en ligne montre les publications du back-office.`
            : 'Synchronisation arrêtée : la branche du dépôt distant n’a aucun historique commun avec le dépôt du back-office. Aucune modification n’est perdue.',
          advice: `Les publications du back-office sont envoyées sur la branche « ${side} » du dépôt distant : une personne de l’équipe technique la fusionne dans « ${remote.branch} » (git fetch, git merge origin/${side}${base ? '' : ' --allow-unrelated-histories'}, conflits résolus, git push) ; le back-office reprend tout seul au prochain échange.`,
          detail: `local ${ours.slice(0, 8)}, distant ${theirs.slice(0, 8)}${base ? `, ancêtre commun ${base.slice(0, 8)}` : ''}`,
        });
        return { stop: 'diverged' };
      }
      candidate = git(repoDir, ['commit-tree', merged.tree, '-p', ours, '-p', theirs, '-m', `Fusion des publications du back-office et du dépôt distant (${remote.branch})`]);
    }
    const refusal = await o.check(treeOf(repoDir, candidate));
    if (refusal) {
      refusedPair = pair;
      const author = git(repoDir, ['log', '-1', '--format=%an', theirs]);
      const n = waiting();
      set({
        state: 'refused', problem: true, waiting: n,
        message: `Modifications du dépôt distant refusées par les vérifications (commit ${theirs.slice(0, 8)} de ${author}) : elles ne sont pas publiées, le site en ligne est inchangé.`,
        advice: `Corrigez ce contenu dans le dépôt (un nouveau commit sur « ${remote.branch} ») : il sera vérifié et publié au prochain échange.${n ? ` Les ${plural(n, 'publication')} du back-office attendent ce correctif pour y être envoyées.` : ''}`,
        refused: { commit: theirs, author, at: now(), error: refusal.error, problems: refusal.problems ?? [] },
      });
      o.refused?.(theirs, refusal.error);
      return { stop: 'refused' };
    }
    refusedPair = '';
    // decap-server's working tree follows the published branch between calls (restore.ts). A
    // git command still at work there (a call the queue gave up on) is left alone: next exchange.
    if (existsSync(join(repoDir, '.git', 'index.lock'))) return { stop: 'blocked' };
    if (!isClean(repoDir)) for (const l of restoreRepository(repoDir)) log(`Dépôt distant : dépôt remis en état avant la mise à jour : ${l}`);
    git(repoDir, ['update-ref', '-m', 'back-office : commits du dépôt distant', `refs/heads/${PUBLISHED_BRANCH}`, candidate, ours]);
    git(repoDir, ['checkout', '--quiet', '--force', PUBLISHED_BRANCH]);
    log(`Dépôt distant : ${candidate === theirs ? `commits reçus jusqu’à ${theirs.slice(0, 8)}` : `commits reçus et fusionnés avec les publications du back-office (${candidate.slice(0, 8)})`}, vérifiés : publication.`);
    st.received = { commit: theirs, author: git(repoDir, ['log', '-1', '--format=%an', theirs]), at: now() };
    o.published({ from: ours, to: theirs, merge: candidate === theirs ? undefined : candidate });
    return { done: 'moved' };
  });

  /** One exchange: fetch (unless `pushOnly`), merge, push; a branch of its own when stopped on a divergence. */
  const cycle = async (pushOnly: boolean): Promise<void> => {
    let fetched = false;
    for (let round = 0; round < 4 && !stopped; round++) {
      if (!pushOnly || round > 0) {
        const f = await fetchRemote(repoDir, remote);
        if (!f.ok) return failed('unreachable', f.detail);
        st.lastFetchAt = now();
        fetched = true;
      }
      const step = await integrate();
      if ('stop' in step) {
        failures = 0;
        if (step.stop === 'diverged') await pushSide();
        if (step.stop === 'blocked') set({ state: 'pending', problem: true, message: 'Échange avec le dépôt distant suspendu : le dépôt du back-office est occupé ou endommagé (voir plus haut) ; nouvel essai au prochain échange.' });
        return;
      }
      const ours = publishedHead(repoDir);
      const theirs = remoteHead(repoDir, remote);
      if (theirs !== ours) {
        const pushed = await pushRemote(repoDir, ours, remote.branch);
        if (!pushed.ok && pushed.why === 'moved') continue; // someone pushed meanwhile: fetch, merge, push again
        if (!pushed.ok) return failed(pushed.why === 'refused' ? 'push-failed' : 'unreachable', pushed.detail);
        git(repoDir, ['update-ref', trackingRef(remote), ours]);
        st.lastPushAt = now();
        log(`Dépôt distant : publication ${ours.slice(0, 8)} envoyée sur « ${remote.branch} ».`);
      } else if (!fetched) {
        return; // nothing to push, nothing fetched: the state stands
      }
      failures = 0;
      if (retry) { clearTimeout(retry); retry = undefined; }
      set({ state: 'synced', problem: false, waiting: 0, message: `Dépôt distant à jour (dernier échange à ${frenchTime(now(), new Date(), SITE_TIME_ZONE)}).` });
      return;
    }
    if (!stopped) failed('push-failed', 'la branche distante change à chaque essai');
  };

  /** While stopped on a divergence: the back-office's publications, on a branch of their own. */
  const pushSide = async () => {
    const ours = publishedHead(repoDir);
    const pushed = await pushRemote(repoDir, ours, side);
    if (!pushed.ok) st = { ...st, advice: `${st.advice ?? ''} L’envoi sur la branche « ${side} » a échoué (${pushed.detail}) : les publications restent dans le dépôt du back-office (CMS_DATA_DIR).`.trim() };
  };

  /** Whether the next exchange fetches first (a push after a publication does not need to). */
  let wantFetch = false;
  const run = (fetch = true): Promise<void> => {
    wantFetch ||= fetch;
    if (running) { again = true; return running; }
    const mine = (async () => {
      try {
        do {
          again = false;
          const pushOnly = !wantFetch;
          wantFetch = false;
          await cycle(pushOnly);
        } while (again && !stopped);
      } catch (e) {
        log(`Dépôt distant : échange interrompu : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      } finally {
        running = undefined;
      }
    })();
    running = mine;
    return mine;
  };

  return {
    state: () => ({ ...st }),
    start() {
      const every = o.fetchMs ?? FETCH_MS;
      timer = setInterval(() => void run(), every);
      timer.unref();
      void run();
    },
    changed() {
      // A write on a draft does not move the published branch: nothing to send.
      if (remoteHead(repoDir, remote) === publishedHead(repoDir)) return;
      void run(false);
    },
    async syncNow() {
      await run();
      return { ...st };
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (retry) clearTimeout(retry);
      await running;
    },
  };
}
