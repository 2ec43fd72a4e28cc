/**
 * Builds the Pagefind search index of a built site into <outDir>/pagefind/. Only pages whose
 * <main> carries `data-pagefind-body` are indexed (défis, people, articles: see src/lib/search.ts);
 * the language comes from <html lang="fr"> (French stemming).
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_EXCLUDE } from '../src/lib/search.ts';

/** Pagefind's bundled search interfaces, unused here (see src/client/search.ts). */
const UNUSED_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/**
 * `pages`: pages in the index (with data-pagefind-body); `scanned`: HTML files read; `reused`:
 * the previous build's index was linked (no indexed page changed).
 */
export interface IndexResult { pages: number; scanned: number; errors: string[]; reused?: boolean }

/** `previous`: the build `outDir` was made from incrementally (unchanged files are hard links to it). */
export interface IndexOptions { previous?: string }

/** Marks a page of the index (src/layouts/Base.astro with `searchType`). */
const INDEXED = 'data-pagefind-body';

/** HTML files Pagefind reads: every page but the assets', media's, back-office's and its own. */
function htmlFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((f) => {
    const full = join(dir, f.name);
    if (f.isDirectory()) return dir === root && ['pagefind', '_astro', '_img', 'img', 'admin'].includes(f.name) ? [] : htmlFiles(root, full);
    return f.name.endsWith('.html') ? [relative(root, full)] : [];
  });
}

const statOf = (p: string): Stats | undefined => { try { return statSync(p); } catch { return undefined; } };
const indexed = (p: string) => { try { return readFileSync(p, 'utf8').includes(INDEXED); } catch { return false; } };

/**
 * Whether the index of `previous` is this build's too: every page that is, or was, in the index
 * is the same file (same inode: the renderer hard-links pages whose bytes did not change). Pages
 * outside the index (no data-pagefind-body) may change freely: Pagefind skips them once any page
 * carries the attribute, which the previous index (pages > 0) proves. The index depends on
 * nothing else of a build (the code, hence Pagefind's options, is the same in an update).
 */
function sameIndex(outDir: string, previous: string): boolean {
  const entry = join(previous, 'pagefind', 'pagefind-entry.json');
  try {
    const e = JSON.parse(readFileSync(entry, 'utf8')) as { languages: Record<string, { page_count: number }> };
    if (!Object.values(e.languages).some((l) => l.page_count > 0)) return false;
  } catch { return false; }
  const files = new Set([...htmlFiles(outDir), ...htmlFiles(previous)]);
  for (const f of files) {
    const a = statOf(join(outDir, f));
    const b = statOf(join(previous, f));
    if (a && b && a.ino === b.ino && a.dev === b.dev) continue;
    if ((a && indexed(join(outDir, f))) || (b && indexed(join(previous, f)))) return false;
  }
  return true;
}

/** Hard-links every file of `from` into `to`. */
function linkAll(from: string, to: string) {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from, { withFileTypes: true })) {
    if (f.isDirectory()) { linkAll(join(from, f.name), join(to, f.name)); continue; }
    try { linkSync(join(from, f.name), join(to, f.name)); } catch { copyFileSync(join(from, f.name), join(to, f.name)); }
  }
}

const pageCount = (output: string) => {
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
};

/**
 * Builds the index of `outDir`. With `previous` (an incremental build), when no indexed page
 * changed, the previous index is linked as it is (same files, same bytes); otherwise Pagefind
 * indexes every page again: its API adds pages but cannot remove or replace one, and records
 * added as custom records would lose the weights and anchors it takes from the HTML (results
 * and their order would differ from a full index).
 */
export async function buildSearchIndex(outDir: string, options: IndexOptions = {}): Promise<IndexResult> {
  if (options.previous && sameIndex(outDir, options.previous)) {
    const output = join(outDir, 'pagefind');
    rmSync(output, { recursive: true, force: true });
    linkAll(join(options.previous, 'pagefind'), output);
    return { pages: pageCount(output), scanned: htmlFiles(outDir).length, errors: [], reused: true };
  }
  const errors: string[] = [];
  try {
    const created = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE });
    errors.push(...created.errors);
    const index = created.index;
    if (!index) return { pages: 0, scanned: 0, errors };
    const added = await index.addDirectory({ path: outDir });
    errors.push(...added.errors);
    const output = join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath: output });
    errors.push(...written.errors);
    // The results page uses Pagefind's JS API only: its ready-made UIs are not published.
    for (const f of readdirSync(output)) if (UNUSED_UI.test(f)) rmSync(join(output, f));
    return { pages: pageCount(output), scanned: added.page_count, errors };
  } finally {
    await pagefind.close();
  }
}
