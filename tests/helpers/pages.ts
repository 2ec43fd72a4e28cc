import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML page of a build, as URL paths (`/programme/`), redirect stubs excluded. */
export function builtPages(distDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { if (name !== '_astro' && name !== 'img' && name !== 'admin' && name !== 'pagefind') walk(full); }
      else if (name.endsWith('.html')) {
        const rel = relative(distDir, full).split(sep).join('/');
        out.push(`/${rel.replace(/(^|\/)index\.html$/, '$1')}`);
      }
    }
  };
  walk(distDir);
  return out.sort();
}
