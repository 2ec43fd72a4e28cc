/**
 * Which built pages go into the sitemap (@astrojs/sitemap `filter`): real, indexable pages only.
 * Runs after the pages are written, so it reads each page's HTML: redirect stubs (meta refresh),
 * `noindex` pages, the search page and the 404 page are left out.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EXCLUDED = /^\/(404|500|recherche|admin)(\/|$)/;
/** The head looked at, in UTF-16 units; 4 bytes of UTF-8 cover at least one, with room for a cut character. */
const HEAD_CHARS = 4000;
const HEAD_BYTES = HEAD_CHARS * 4;

/**
 * Decisions by file identity (device, inode, size, modification time): the renderer's unchanged
 * pages are hard links to the previous build's files, so a rebuild or a publication reads only
 * the pages it rendered again (engine/render/integrations.ts hands the previous decisions over).
 */
const known = new Map<string, boolean>();

/** The page file an URL of the site is, its identity (absent: no such file) and whether the sitemap lists it. */
export function sitemapDecision(url: string, outDir: string): { id?: string; keep: boolean } {
  const path = decodeURIComponent(new URL(url).pathname);
  if (EXCLUDED.test(path)) return { keep: false };
  const file = path.endsWith('/') ? join(outDir, path, 'index.html') : join(outDir, path);
  let id: string;
  try {
    const s = statSync(file);
    if (!s.isFile()) return { keep: false };
    id = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch { return { keep: false }; }
  let keep = known.get(id);
  if (keep === undefined) {
    keep = indexable(readHead(file));
    if (known.size > 50_000) known.clear();
    known.set(id, keep);
  }
  return { id, keep };
}

export function isSitemapPage(url: string, outDir: string): boolean {
  return sitemapDecision(url, outDir).keep;
}

/** Decisions made by an earlier process for files that may still be there (same identity, same bytes). */
export function rememberSitemapDecisions(decisions: readonly (readonly [string, boolean])[]): void {
  for (const [id, keep] of decisions) known.set(id, keep);
}

function indexable(head: string): boolean {
  if (/<meta[^>]+http-equiv=["']?refresh/i.test(head)) return false;
  if (/<meta[^>]+name=["']?robots["']?[^>]+noindex/i.test(head)) return false;
  return true;
}

/** The page's first {@link HEAD_CHARS} characters, without reading the rest of it. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    let n = 0;
    for (let r; n < HEAD_BYTES && (r = readSync(fd, buf, n, HEAD_BYTES - n, n)) > 0;) n += r;
    return buf.subarray(0, n).toString('utf8').slice(0, HEAD_CHARS);
  } finally { closeSync(fd); }
}
