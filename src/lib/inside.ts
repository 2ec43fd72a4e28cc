import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The file `path` (a URL path or a relative path) resolves to inside `dir`, or an error when it
 * would land outside (`..` segments, an absolute path): every page the build writes goes
 * through this, so a bad `url:` can never write outside the output folder.
 */
export function insideDir(dir: string, path: string): string {
  const root = resolve(dir);
  const full = resolve(root, `./${path.replace(/^\/+/, '')}`);
  const rel = relative(root, full);
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel) || path.includes('\0')) {
    throw new Error(`Construction refusée : l’adresse « ${path} » sortirait du dossier de sortie (${root}).`);
  }
  return full;
}
