/**
 * Why a publication's build failed, for the stack (cms-stack.ts) and its status page: the
 * content (the checks' errors, fixed by a new publication: never retried) or the environment
 * (a folder not writable, a full disk, an exception: may go away by itself or by a fix on the
 * server, so retried with a growing delay, the content unchanged).
 */

/** Delays between the attempts of a build that failed on the environment (ms); the last one repeats. */
export const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 60_000] as const;

export const retryDelay = (attempt: number): number => RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1]!;

const WORDS: Record<string, string> = {
  EPERM: 'permission refusée sur', EACCES: 'permission refusée sur', EROFS: 'disque en lecture seule pour',
  ENOSPC: 'disque plein en écrivant', EDQUOT: 'quota du disque atteint en écrivant', ENOENT: 'fichier ou dossier introuvable :',
  EEXIST: 'existe déjà :', EISDIR: 'un dossier porte ce nom :', ENOTDIR: 'un fichier porte le nom d’un dossier du chemin :',
  EMFILE: 'trop de fichiers ouverts pour', ENFILE: 'trop de fichiers ouverts pour', EIO: 'erreur d’entrée-sortie du disque sur',
  EBUSY: 'ressource occupée :', ENOMEM: 'mémoire insuffisante pour',
};

/**
 * An environment failure in an editor's words: « Le site n’a pas pu être construit : permission
 * refusée sur /chemin (EPERM) ». `error` is the exception (its errno `code` and `path` when it
 * has them) or the build's last output line.
 */
export function environmentCause(error: unknown): string {
  const e = (error && typeof error === 'object' ? error : {}) as { code?: unknown; path?: unknown; message?: unknown };
  const text = typeof e.message === 'string' ? e.message : String(error ?? '');
  const code = typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : /\b(E[A-Z]{3,})\b/.exec(text)?.[1];
  const path = typeof e.path === 'string' ? e.path : /'([^']+)'/.exec(text)?.[1];
  const what = code && WORDS[code] ? `${WORDS[code]}${path ? ` ${path}` : ' un fichier'} (${code})` : `erreur inattendue (${text.replace(/\s+/g, ' ').trim().slice(0, 200) || 'voir le terminal du serveur'})`;
  return `Le site n’a pas pu être construit : ${what}`;
}
