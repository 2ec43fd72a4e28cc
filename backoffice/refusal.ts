/**
 * Refusals of the back-office server: what an editor reads (French), with its HTTP status, and
 * how it is answered (JSON, never HTML or a stack trace). A refusal the publication guard makes
 * also carries its problems as data (`problems`, see backoffice/problems/problem.ts): Decap reads
 * `error`, the status bar and the status page read `problems`.
 */
import type { ServerResponse } from 'node:http';
import type { Problem } from './problems/problem.ts';

/** A refusal an editor may read (French). */
export interface GuardRefusal {
  status: number;
  error: string;
  /** The content problems behind a refused publication or deletion, as data. */
  problems?: Problem[] | undefined;
}

export const refusal = (status: number, error: string): GuardRefusal => ({ status, error });

export const tooLarge = (maxBytes: number): GuardRefusal =>
  refusal(413, `Requête trop volumineuse : ${Math.round(maxBytes / 1024 / 1024)} Mo au plus (réduisez la taille du fichier envoyé).`);

/** An error message of decap-server (or of git through it) in an editor's words, with its code. */
export function failureMessage(cause: string | undefined): string {
  const c = cause ?? '';
  const code = /\b(E[A-Z]{3,})\b/.exec(c)?.[1];
  const words: Record<string, string> = {
    ENOSPC: 'le disque est plein', EDQUOT: 'le quota du disque est atteint', EACCES: 'permission refusée sur un fichier du dépôt',
    EPERM: 'opération non permise sur un fichier du dépôt', EROFS: 'le disque est en lecture seule', ENOENT: 'fichier introuvable',
    EEXIST: 'le fichier existe déjà', EISDIR: 'un dossier porte ce nom', ENOTDIR: 'un fichier porte le nom d’un dossier du chemin',
    EMFILE: 'trop de fichiers ouverts', EIO: 'erreur d’entrée-sortie du disque', ENAMETOOLONG: 'nom de fichier trop long',
  };
  let why: string;
  if (code && words[code]) why = `${words[code]} (${code})`;
  else if (/File name too long/i.test(c)) why = 'nom de fichier ou de branche trop long (ENAMETOOLONG)';
  else if (/Request timed out/i.test(c)) why = 'le dépôt est resté occupé trop longtemps (délai dépassé)';
  else if (/index\.lock|Unable to create .*lock/i.test(c)) why = 'le dépôt est verrouillé par une autre opération git (index.lock)';
  else if (/CONFLICT|conflict/.test(c)) why = 'conflit de fusion git';
  else if (c) why = `erreur inattendue (${c.replace(/\s+/g, ' ').slice(0, 200)})`;
  else why = 'erreur inattendue (voir le terminal du serveur)';
  return `Échec de l’enregistrement : ${why}`;
}

/** Answers a refusal: JSON, never HTML or a stack trace. */
export function sendRefusal(res: ServerResponse, r: GuardRefusal, extra: Record<string, string> = {}): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(r.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(JSON.stringify(r.problems ? { error: r.error, problems: r.problems } : { error: r.error }));
}
