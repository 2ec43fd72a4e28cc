import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { mediaKey, recordRead } from './reads.ts';

/** Where an image reference from the content points. */
export type MediaRef =
  | { kind: 'local'; /** path under the media root */ path: string; /** public URL */ url: string; exists: boolean; /** the file, when it is not under the media root (a preview's draft medium) */ file?: string | undefined }
  | { kind: 'remote'; url: string }
  | { kind: 'none' };

/** A medium a back-office preview shows before it is published: its file and the URL serving it. */
export interface DraftMedium { file: string; url: string }
const OVERLAY = Symbol.for('eig.media.overlay');
type WithOverlay = typeof globalThis & { [OVERLAY]?: ReadonlyMap<string, DraftMedium> | undefined };

/**
 * Media of an unsaved draft (paths under the media root → their file and URL), seen by
 * `resolveMedia` as if they were in the media folder, for one back-office preview
 * (backoffice/preview/render.ts). In memory, on `globalThis` like the content overlay
 * (repository.ts) so that the server bundle sees it; never set by a build.
 */
export function setMediaOverlay(media: ReadonlyMap<string, DraftMedium> | undefined): void {
  (globalThis as WithOverlay)[OVERLAY] = media;
}

/**
 * Resolves an image value as editors write it (`img/x.png`, `/img/x.png`, `x.png` or an
 * absolute http(s) URL) against the media folder, served at `/img/`.
 */
export function resolveMedia(value: unknown, mediaDir: string): MediaRef {
  if (typeof value !== 'string' || value.trim() === '') return { kind: 'none' };
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return { kind: 'remote', url: v };
  const path = decodeSafe(v.replace(/^\.?\//, '').replace(/^img\//, '')).normalize('NFC');
  // The page depends on this file, present or not (the long-lived renderer's dependency map).
  recordRead(mediaKey(path));
  if (path.includes('..')) return { kind: 'local', path, url: '', exists: false };
  const draft = (globalThis as WithOverlay)[OVERLAY]?.get(path);
  if (draft) return { kind: 'local', path, url: draft.url, exists: true, file: draft.file };
  const full = join(mediaDir, path);
  // A symbolic link is not a medium of the site (never followed: the checks refuse it).
  let exists = false;
  try { exists = lstatSync(full).isFile(); } catch { /* missing */ }
  return { kind: 'local', path, url: `/img/${path.split('/').map(encodeURIComponent).join('/')}`, exists };
}

function decodeSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
