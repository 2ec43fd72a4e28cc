/**
 * Health of the back-office's git repository. decap-server and the guard's clean-up run git in
 * its working tree: on a damaged repository (an unreadable index, missing objects, no published
 * branch) their commands fail half-way, and a forced checkout to clean up after the failure
 * deletes working files (`content/_index.md` was lost so). The stack checks the repository at
 * start and after each failed call; while it is damaged, writes are refused with a French 503
 * naming the cause and how to repair, the terminal says it once, and `/_status.json` carries it.
 * Reads stop too: decap-server runs `git checkout` for them, which left `.git/index.lock`
 * behind on a corrupted index (the lock then stopped the repair itself).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_BRANCH } from './repo.ts';

export type RepoHealth =
  | { ok: true; checkedAt: string }
  | {
    ok: false; checkedAt: string;
    /** Short cause, in French: « index illisible », « objets manquants »… */
    cause: string;
    /** The sentence the gate answers and the terminal prints. */
    message: string;
    /** git's own words (technical details). */
    detail: string;
  };

const run = (repoDir: string, args: string[]) => {
  const r = spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 16 * 1024 * 1024 });
  return { ok: r.status === 0, detail: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim().split('\n').slice(0, 3).join(' ') };
};

const damaged = (repoDir: string, cause: string, repair: string, detail: string): RepoHealth => ({
  ok: false, checkedAt: new Date().toISOString(), cause, detail,
  message: `Dépôt du back-office endommagé (${cause}) : écritures suspendues. Pour réparer : ${repair.replace('<dépôt>', repoDir)}, puis réessayez (le serveur le vérifie à chaque écriture).`,
});

/**
 * Why the index's trailing checksum (SHA-1 of everything before it) is wrong, or undefined. git
 * itself does not verify it on each read: an index with a few bytes overwritten inside an entry
 * is read as it is (a wrong object id, a wrong name) by status, add and checkout.
 */
function indexChecksum(repoDir: string): string | undefined {
  const file = join(repoDir, '.git', 'index');
  if (!existsSync(file)) return undefined; // no index yet: git makes one
  const bytes = readFileSync(file);
  if (bytes.length < 32) return `.git/index tronqué (${bytes.length} octets)`;
  // SHA-1 repositories end it with 20 bytes, SHA-256 ones with 32; all zeros: index.skipHash.
  const fine = ([['sha1', 20], ['sha256', 32]] as const).some(([algo, n]) => {
    const trailer = bytes.subarray(bytes.length - n);
    return trailer.every((b) => b === 0) || createHash(algo).update(bytes.subarray(0, bytes.length - n)).digest().equals(trailer);
  });
  return fine ? undefined : '.git/index : somme de contrôle incorrecte (fichier modifié ou abîmé)';
}

/**
 * Checks, cheapest first: HEAD resolves, the published branch exists, the index is readable
 * (`git diff-index`, which reads it whole and checks its checksum, and `git status`), and,
 * with `full`, every object reachable from the refs is present (`git fsck --connectivity-only`:
 * at start, and after a failure; not before each write).
 */
export function repoHealth(repoDir: string, options: { full?: boolean } = {}): RepoHealth {
  const head = run(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) return damaged(repoDir, 'HEAD introuvable', `dans <dépôt>, lancez « git checkout ${PUBLISHED_BRANCH} »`, head.detail || 'git rev-parse HEAD a échoué');
  const branch = run(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${PUBLISHED_BRANCH}^{commit}`]);
  if (!branch.ok) return damaged(repoDir, `branche publiée « ${PUBLISHED_BRANCH} » absente`, `recréez-la dans <dépôt> (« git branch ${PUBLISHED_BRANCH} <commit> ») ou restaurez le dépôt depuis une sauvegarde`, branch.detail || `refs/heads/${PUBLISHED_BRANCH} introuvable`);
  const sum = indexChecksum(repoDir);
  const index = sum ? { ok: false, detail: sum } : run(repoDir, ['diff-index', '--quiet', '--cached', 'HEAD', '--']);
  // diff-index exits 1 when the index differs from HEAD (a file staged): readable all the same.
  const indexUnreadable = Boolean(sum) || (!index.ok && /index|fatal|error/i.test(index.detail));
  const status = indexUnreadable ? index : run(repoDir, ['status', '--porcelain', '--untracked-files=no']);
  if (indexUnreadable || !status.ok) {
    return damaged(repoDir, 'index illisible', 'dans <dépôt>, lancez « rm .git/index && git reset --quiet » (l’index est reconstruit depuis la dernière version ; les fichiers du dossier ne sont pas touchés)', status.detail || index.detail);
  }
  if (options.full) {
    const fsck = run(repoDir, ['fsck', '--connectivity-only', '--no-dangling', '--no-progress']);
    if (!fsck.ok) return damaged(repoDir, 'objets manquants ou corrompus', 'restaurez <dépôt> depuis une sauvegarde, ou déplacez-le et redémarrez pour le recréer depuis le projet (les brouillons non publiés seraient perdus)', fsck.detail || 'git fsck a échoué');
  }
  return { ok: true, checkedAt: new Date().toISOString() };
}

/**
 * The repository's health as the stack keeps it: `check` after a failure or at start (full),
 * `writable` before each write (while damaged, checked again: a repair made meanwhile lifts the
 * suspension without a restart). The terminal is told once per change of state.
 */
export function healthWatch(repoDir: string, log: (line: string) => void) {
  let current: RepoHealth = { ok: true, checkedAt: new Date().toISOString() };
  const check = (full: boolean): RepoHealth => {
    const next = repoHealth(repoDir, { full });
    if (!next.ok && (current.ok || current.cause !== next.cause)) log(`${next.message}\n  Cause technique : ${next.detail}`);
    if (next.ok && !current.ok) log(`Dépôt du back-office réparé : écritures rétablies.`);
    current = next;
    return next;
  };
  return {
    state: (): RepoHealth => current,
    check,
    /** Undefined when calls may go on, else the damaged state (re-checked first). */
    blocked: (): Extract<RepoHealth, { ok: false }> | undefined => {
      if (current.ok) return undefined;
      // Missing objects need fsck again; an index problem, the cheap checks.
      const now = check(current.cause.startsWith('objets'));
      return now.ok ? undefined : now;
    },
  };
}
