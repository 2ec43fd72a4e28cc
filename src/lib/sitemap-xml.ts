/**
 * Which built pages go into the sitemap (@astrojs/sitemap `filter`): real, indexable pages only.
 * Runs after the pages are written, so it reads each page's HTML: redirect stubs (meta refresh),
 * `noindex` pages, the search page and the 404 page are left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXCLUDED = /^\/(404|500|recherche|admin)(\/|$)/;

export function isSitemapPage(url: string, outDir: string): boolean {
  const path = decodeURIComponent(new URL(url).pathname);
  if (EXCLUDED.test(path)) return false;
  const file = path.endsWith('/') ? join(outDir, path, 'index.html') : join(outDir, path);
  if (!existsSync(file)) return false;
  const head = readFileSync(file, 'utf8').slice(0, 4000);
  if (/<meta[^>]+http-equiv=["']?refresh/i.test(head)) return false;
  if (/<meta[^>]+name=["']?robots["']?[^>]+noindex/i.test(head)) return false;
  return true;
}
