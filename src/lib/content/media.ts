import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { mediaKey, recordRead } from './reads.ts';

/** Where an image reference from the content points. */
export type MediaRef =
  | { kind: 'local'; /** path under the media root */ path: string; /** public URL */ url: string; exists: boolean }
  | { kind: 'remote'; url: string }
  | { kind: 'none' };

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
  const full = join(mediaDir, path);
  // A symbolic link is not a medium of the site (never followed: the checks refuse it).
  let exists = false;
  try { exists = lstatSync(full).isFile(); } catch { /* missing */ }
  return { kind: 'local', path, url: `/img/${path.split('/').map(encodeURIComponent).join('/')}`, exists };
}

function decodeSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
