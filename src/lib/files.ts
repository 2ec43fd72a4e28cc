import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file under `dir`, as sorted paths relative to it with `/` separators; names matching
 * `ignored` (files or folders) are skipped. A missing folder gives an empty list.
 */
export function listFiles(dir: string, ignored: RegExp, rel = ''): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (ignored.test(name)) continue;
    const full = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, ignored, r));
    else out.push(r);
  }
  return out;
}
