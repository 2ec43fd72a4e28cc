/**
 * The content repository as the project's remote (`CONTENT_REMOTE`, issue #20): the back-office's
 * repository is a clone of it. This module is the git side, plain `git` child processes as in
 * repo.ts: the clone at first start (or, when the remote has no such branch yet, the repository
 * made from the project's content as `npm start` does, its branch created by the first push),
 * the remote's address kept up to date at later starts, fetch and push. What to do with what
 * they find (merge, refuse, retry) is sync.ts's.
 *
 * The published branch stays `main` here (decap-server, the gate and the guard name it); it
 * follows the remote's `CONTENT_BRANCH` through the remote-tracking ref `refs/remotes/origin/<branch>`.
 * Network commands run asynchronously (the server keeps answering), never prompt for a password
 * (GIT_TERMINAL_PROMPT=0) and are time-limited. Credentials are the server's own: an SSH key
 * (ssh-agent, `GIT_SSH_COMMAND`) or a credential helper for HTTPS; a token written in the URL is
 * never shown (`shownUrl`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXPORTED_REF, PUBLISHED_BRANCH, ensureCmsRepo, git, initCmsRepo, type RepoSource } from './repo.ts';

export interface ContentRemote {
  /** Any address git accepts (ssh://…, git@host:path, https://…, file://…) or a local path. */
  url: string;
  /** The remote's branch that the published branch follows (CONTENT_BRANCH). */
  branch: string;
}

/**
 * The remote of a team configuration (CONTENT_REMOTE, CONTENT_BRANCH), or undefined. A local
 * path (neither `scheme://` nor `host:path`) is made absolute: git reads it from the repository.
 */
export function contentRemote(content: { remote?: string | undefined; branch: string }): ContentRemote | undefined {
  const url = content.remote?.trim();
  if (!url) return undefined;
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^[^/]*:/.test(url);
  return { url: local ? resolve(url) : url, branch: content.branch };
}

export const REMOTE = 'origin';
export const trackingRef = (r: ContentRemote): string => `refs/remotes/${REMOTE}/${r.branch}`;
/** Where the back-office's publications are sent when they cannot be merged (sync.ts). */
export const sideBranch = (r: ContentRemote): string => `back-office/${r.branch}`;

/** An address as shown (status, terminal): a password or token written in it is hidden. */
export const shownUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');

/** git's words, short: its last meaningful lines, addresses shown without credentials. */
export const brief = (text: string): string => text.split('\n').map((l) => l.trim()).filter((l) => l && !/^hint:/.test(l))
  .slice(-4).join(' ').replace(/[a-z][a-z0-9+.-]*:\/\/[^@\s/]*@/gi, (m) => shownUrl(m)).slice(0, 600).replace(/[.\s]+$/, '');

export const NET_TIMEOUT_MS = 120_000;
export interface NetResult { ok: boolean; out: string; err: string }

/** git over the network: asynchronous, never prompting, killed after `timeoutMs`. */
export function gitNet(cwd: string, args: string[], timeoutMs = NET_TIMEOUT_MS): Promise<NetResult> {
  return new Promise((done) => {
    const child = execFile('git', args, {
      cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    }, (error, stdout, stderr) => {
      const killed = Boolean(error && 'killed' in error && error.killed);
      done({ ok: !error, out: stdout.trim(), err: killed ? `délai dépassé (${Math.round(timeoutMs / 1000)} s sans réponse du dépôt distant)` : (stderr.trim() || (error ? error.message : '')) });
    });
    child.stdin?.end();
  });
}

const tryGit = (cwd: string, args: string[]): string | undefined => { try { return git(cwd, args); } catch { return undefined; } };

/** The commit the remote's branch was at, last time it was fetched (or pushed), if any. */
export const remoteHead = (repoDir: string, r: ContentRemote): string | undefined => tryGit(repoDir, ['rev-parse', '--verify', '--quiet', `${trackingRef(r)}^{commit}`]);

/** Whether `a` is `b` or one of its ancestors. */
export const isAncestor = (repoDir: string, a: string, b: string): boolean => tryGit(repoDir, ['merge-base', '--is-ancestor', a, b]) !== undefined;

/**
 * Publications `to` has that `from` has not (all of `to`'s when `from` is undefined): commits of
 * its first-parent line, where each publication is one merge (a draft's commits are its second parent).
 */
export const countBetween = (repoDir: string, from: string | undefined, to: string): number => Number(git(repoDir, ['rev-list', '--count', '--first-parent', from ? `${from}..${to}` : to]));

/** The remote's address and what is fetched from it (only its CONTENT_BRANCH), as configured now. */
function configureRemote(repoDir: string, r: ContentRemote): string | undefined {
  const current = tryGit(repoDir, ['remote', 'get-url', REMOTE]);
  if (current === undefined) git(repoDir, ['remote', 'add', REMOTE, r.url]);
  else if (current !== r.url) git(repoDir, ['remote', 'set-url', REMOTE, r.url]);
  git(repoDir, ['config', '--replace-all', `remote.${REMOTE}.fetch`, `+refs/heads/${r.branch}:${trackingRef(r)}`]);
  return current !== undefined && current !== r.url ? `Dépôt distant changé : ${shownUrl(current)} → ${shownUrl(r.url)}` : undefined;
}

/**
 * The back-office's repository for a remote. First start (no repository yet): a clone of the
 * remote's branch (`main` here, checked out), or, when the remote has no such branch (a new,
 * empty repository), the repository made from the project's content, its branch created on the
 * remote by the first push. An unreachable remote at first start stops the server (there is
 * nothing to work on). Later starts reuse the repository as it is (drafts, publications not yet
 * sent): the address is brought up to date, the fetch is the sync's first step. Returns the
 * French lines to print.
 */
export async function prepareRemoteRepo(repoDir: string, r: ContentRemote, source: RepoSource, onSymlink?: (path: string) => void): Promise<string[]> {
  if (existsSync(join(repoDir, '.git'))) {
    const changed = configureRemote(repoDir, r);
    return changed ? [changed] : [];
  }
  mkdirSync(dirname(repoDir), { recursive: true });
  const where = `dépôt distant ${shownUrl(r.url)}, branche « ${r.branch} »`;
  const heads = await gitNet(dirname(repoDir), ['ls-remote', '--heads', r.url, `refs/heads/${r.branch}`]);
  if (!heads.ok) throw new Error(`Back-office non démarré : ${where} injoignable (CONTENT_REMOTE) : ${brief(heads.err)}.`);
  if (!heads.out) {
    ensureCmsRepo(repoDir, source, onSymlink);
    configureRemote(repoDir, r);
    return [`Dépôt du back-office créé depuis le contenu du projet : la branche « ${r.branch} » n’existe pas encore sur le ${where.replace(/, branche.*/, '')} ; elle y sera créée au premier envoi.`];
  }
  try {
    initCmsRepo(repoDir);
    configureRemote(repoDir, r);
    const fetched = await gitNet(repoDir, ['-c', 'gc.auto=0', 'fetch', '--quiet', '--no-tags', REMOTE]);
    if (!fetched.ok) throw new Error(`Back-office non démarré : copie du ${where} impossible : ${brief(fetched.err)}.`);
    git(repoDir, ['checkout', '--quiet', '-B', PUBLISHED_BRANCH, trackingRef(r)]);
    if (!existsSync(join(repoDir, 'content'))) throw new Error(`Back-office non démarré : le ${where} n’a pas de dossier content/ (ce n’est pas le dépôt du site, ou pas la bonne branche : CONTENT_BRANCH).`);
    const lines = [`Dépôt du back-office copié depuis le ${where}.`];
    // Uploads need media/ on every branch (as ensureCmsRepo makes it).
    if (!existsSync(join(repoDir, 'media')) || readdirSync(join(repoDir, 'media')).length === 0) {
      mkdirSync(join(repoDir, 'media'), { recursive: true });
      writeFileSync(join(repoDir, 'media', '.gitkeep'), '');
      git(repoDir, ['add', 'media/.gitkeep']);
      git(repoDir, ['commit', '--quiet', '--no-verify', '-m', 'Dossier media/ ajouté (le back-office y dépose les images)']);
      lines.push('  Dossier media/ absent : ajouté par un commit, envoyé au premier échange.');
    }
    git(repoDir, ['update-ref', EXPORTED_REF, 'HEAD']);
    return lines;
  } catch (e) {
    // Half a clone is no repository: the next start clones again.
    rmSync(repoDir, { recursive: true, force: true });
    throw e;
  }
}

export type FetchResult = { ok: true; head: string | undefined } | { ok: false; detail: string };

/** Fetches the remote's branch into its tracking ref (its head, undefined when the branch is absent there). */
export async function fetchRemote(repoDir: string, r: ContentRemote): Promise<FetchResult> {
  const res = await gitNet(repoDir, ['-c', 'gc.auto=0', 'fetch', '--quiet', '--no-tags', REMOTE, `+refs/heads/${r.branch}:${trackingRef(r)}`]);
  if (res.ok) return { ok: true, head: remoteHead(repoDir, r) };
  if (/couldn't find remote ref/i.test(res.err)) return { ok: true, head: undefined };
  return { ok: false, detail: brief(res.err) };
}

/**
 * What a push gave: `moved` (the remote's branch has commits this one has not: fetch and merge
 * first), `refused` (the git server said no: a protected branch, a hook, no write access),
 * `unreachable` (network, address, credentials, time-out).
 */
export type PushResult = { ok: true } | { ok: false; why: 'moved' | 'refused' | 'unreachable'; detail: string };

/** Pushes `commit` to the remote's branch `branch`, never forced (a fast-forward or nothing). */
export async function pushRemote(repoDir: string, commit: string, branch: string): Promise<PushResult> {
  const res = await gitNet(repoDir, ['push', '--porcelain', '--no-verify', REMOTE, `${commit}:refs/heads/${branch}`]);
  if (res.ok) return { ok: true };
  const words = `${res.out}\n${res.err}`;
  const remoteSaid = res.err.split('\n').filter((l) => l.startsWith('remote:')).map((l) => l.slice(7).trim()).filter(Boolean);
  const reason = /\[(?:remote )?rejected\]\s*(.*)$/m.exec(res.out)?.[1]?.replace(/^\(|\)$/g, '');
  if (/\[rejected\]/.test(res.out) && /fetch first|non-fast-forward|stale info/.test(words)) return { ok: false, why: 'moved', detail: reason ?? 'branche distante modifiée' };
  if (/\[remote rejected\]|\[rejected\]/.test(res.out)) return { ok: false, why: 'refused', detail: [...remoteSaid, reason].filter(Boolean).join(' ; ').slice(0, 600) || brief(res.err) };
  return { ok: false, why: 'unreachable', detail: brief(res.err) };
}
