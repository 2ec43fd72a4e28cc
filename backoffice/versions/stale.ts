/**
 * When a write is based on an older version than the one stored now, and what the editor reads
 * then. Pure: the versions come as data (blobs, from opened.ts), the refusal is a 409 in French
 * naming who made the newer version and when (Europe/Paris). Nothing here reads git or the clock.
 *
 * A version is a file's git blob (null: the file is absent). What a session opened is what its
 * reads returned (sessions.ts); what is stored now is the blob where the entry lives now: its
 * draft branch when a draft changes the file, else the published branch.
 */
import { createHash } from 'node:crypto';
import { frenchTime } from '../admin/status-text.ts';
import { refusal, type GuardRefusal } from '../refusal.ts';
import type { Change } from './git-state.ts';
import type { Opened } from './sessions.ts';
import type { WriteAction } from '../actions/kinds.ts';

/** The git blob id of some bytes (what `git hash-object` prints): an upload equal to the stored file is no change. */
export const blobId = (bytes: Buffer): string =>
  createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** A file the write would overwrite although its session did not open the version stored now. */
export interface Conflict {
  path: string;
  /**
   * `changed`: the session opened another version (or saw the file absent); `exists`: a new
   * entry or an upload over a file the session never opened.
   */
  kind: 'changed' | 'exists';
  /** Whether the file is there now (false: deleted since it was opened). */
  present: boolean;
  /** The commit that made the version stored now (unknown when git could not say). */
  change?: Change | undefined;
}

/**
 * An entry's files (or files to delete): the first whose stored version is not the one the
 * session opened. A file the session never opened is not checked (a call of a script, not of a
 * form: Decap always reads an entry before it saves it).
 */
export function staleFile(paths: readonly string[], opened: (path: string) => Opened | undefined, now: ReadonlyMap<string, Opened>): Omit<Conflict, 'change'> | undefined {
  for (const path of paths) {
    const seen = opened(path);
    if (seen === undefined) continue;
    const stored = now.get(path) ?? null;
    if (stored !== seen) return { path, kind: 'changed', present: stored !== null };
  }
  return undefined;
}

/** A new entry over a file that exists now: never written over (but its own first save, saved again). */
export function takenPath(paths: readonly string[], opened: (path: string) => Opened | undefined, now: ReadonlyMap<string, Opened>): Omit<Conflict, 'change'> | undefined {
  const path = paths.find((p) => (now.get(p) ?? null) !== null && opened(p) !== now.get(p));
  return path ? { path, kind: 'exists', present: true } : undefined;
}

/**
 * Uploads (media, an entry's images): one over an existing file is refused unless its session
 * opened that very version (the media library lists every file), or its bytes are the file's.
 */
export function staleUpload(uploads: readonly { path: string; blob: string }[], opened: (path: string) => Opened | undefined, now: ReadonlyMap<string, Opened>): Omit<Conflict, 'change'> | undefined {
  for (const { path, blob } of uploads) {
    const stored = now.get(path) ?? null;
    if (stored === null || stored === blob) continue;
    const seen = opened(path);
    if (seen === stored) continue;
    return { path, kind: seen === undefined || seen === null ? 'exists' : 'changed', present: true };
  }
  return undefined;
}

const name = (path: string) => path.split('/').pop() ?? path;
/** « Camille Martin » (the author's name, else the address, else someone). */
const who = (c: Change | undefined) => c?.name.trim() || c?.email.trim() || 'une autre personne';
/** « à 14 h 32 » today, « le 28 novembre à 14 h 32 » another day, Paris time. */
export function when(c: Change | undefined, now: Date): string {
  if (!c) return 'entre-temps';
  const t = frenchTime(c.at, now, 'Europe/Paris');
  return t.includes(' à ') ? `le ${t}` : `à ${t}`;
}

/** What is kept, by the action refused. */
const KEPT: Record<WriteAction, string> = {
  persistEntry: 'votre texte reste dans le formulaire',
  persistMedia: 'votre fichier n’a pas été envoyé',
  deleteFile: 'rien n’a été supprimé',
  deleteFiles: 'rien n’a été supprimé',
  deleteUnpublishedEntry: 'rien n’a été supprimé',
  updateUnpublishedEntryStatus: 'le statut n’a pas changé',
  publishUnpublishedEntry: 'rien n’a été publié',
};
const BEFORE: Partial<Record<WriteAction, string>> = {
  deleteFile: ' avant de supprimer', deleteFiles: ' avant de supprimer', deleteUnpublishedEntry: ' avant de supprimer ce brouillon',
  updateUnpublishedEntryStatus: ' avant de changer son statut', publishUnpublishedEntry: ' avant de publier',
};

/**
 * The 409 an editor reads: « Modifié par Camille Martin à 14 h 32 depuis que vous l’avez ouvert :
 * rechargez pour voir ses changements ; votre texte reste dans le formulaire. »
 */
export function conflictRefusal(action: WriteAction, c: Conflict, now = new Date()): GuardRefusal {
  const by = `${who(c.change)} ${when(c.change, now)}`;
  const kept = KEPT[action];
  const media = c.path.startsWith('media/');
  if (media && c.kind === 'exists') {
    return refusal(409, `Le fichier « ${name(c.path)} » existe déjà : envoyé par ${by}. Donnez un autre nom au vôtre, ou ouvrez la médiathèque pour voir celui-ci ; ${kept}.`);
  }
  if (media) {
    return refusal(409, `Le fichier « ${name(c.path)} » a été remplacé par ${by} depuis que vous l’avez ouvert : rechargez pour voir le sien ; ${kept}.`);
  }
  if (c.kind === 'exists') {
    return refusal(409, `Une entrée existe déjà à cette adresse (« ${name(c.path)} ») : créée par ${by}. Changez le titre pour créer la vôtre ; ${kept}.`);
  }
  const what = c.present ? 'Modifié' : 'Supprimé';
  return refusal(409, `${what} par ${by} depuis que vous l’avez ouvert : rechargez pour voir ${c.present ? 'ses changements' : 'ce qu’il en reste'}${BEFORE[action] ?? ''} ; ${kept}.`);
}
