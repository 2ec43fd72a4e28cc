import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every regular file under `dir`, as sorted paths relative to it with `/` separators; names
 * matching `ignored` (files or folders) are skipped. A missing folder gives an empty list.
 * Symbolic links are never followed (a link to /etc or to a folder outside the tree would
 * publish what it points to): each one is passed to `onSymlink` (its relative path) and left out.
 */
export function listFiles(dir: string, ignored: RegExp, onSymlink?: (rel: string) => void, rel = ''): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (ignored.test(name)) continue;
    const full = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    const s = lstatSync(full);
    if (s.isSymbolicLink()) onSymlink?.(r);
    else if (s.isDirectory()) out.push(...listFiles(full, ignored, onSymlink, r));
    else if (s.isFile()) out.push(r);
  }
  return out;
}
