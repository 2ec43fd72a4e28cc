/**
 * The pages of a built site as the search index sees them (engine/search-index.ts): which HTML
 * files there are, which are in the index (their <main> carries `data-pagefind-body`), and
 * which changed since another build made from it (the renderer hard-links the pages whose
 * bytes did not change: same inode, same page).
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Marks a page of the index (src/layouts/Base.astro with `searchType`). */
export const INDEXED = 'data-pagefind-body';

/** Folders of the site's root that hold no page: the assets', the media's, the back-office's, the index's own. */
const NOT_PAGES = new Set(['pagefind', '_astro', '_img', 'img', 'admin']);

/** HTML files of a built site, relative to it, in code-point order (the order pages enter the index). */
export function htmlFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  const found = readdirSync(dir, { withFileTypes: true }).flatMap((f) => {
    const full = join(dir, f.name);
    if (f.isDirectory()) return dir === root && NOT_PAGES.has(f.name) ? [] : htmlFiles(root, full);
    return f.name.endsWith('.html') ? [relative(root, full)] : [];
  });
  return dir === root ? found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : found;
}

/**
 * What Pagefind is given of an indexed page: its <head> and its <body> reduced to the one
 * indexed <main> (data-pagefind-body). With a data-pagefind-body element in a page, Pagefind
 * indexes only that element's content; what it reads elsewhere is the language (<html lang>) and
 * data-pagefind-* attributes (meta, filters, sort), so a page whose body holds no such
 * attribute outside its <main> gives the same index without the rest of its body (the header,
 * the menus, the footer: half of a page's bytes on the corpus, and as much parsing less for
 * Pagefind). Any other shape (no <main>, two of them, an attribute outside) is sent whole.
 * tests/pages/search-index.test.ts compares the result with Pagefind's own walk of the pages.
 */
export function indexedPart(html: string): string {
  const body = /<body[\s>]/.exec(html);
  const main = /<main[\s>]/g;
  const open = main.exec(html);
  if (!body || !open || open.index < body.index || main.exec(html)) return html;
  const close = html.indexOf('</main>', open.index);
  if (close < 0 || html.indexOf('</main>', close + 1) >= 0) return html;
  const bodyTagEnd = html.indexOf('>', body.index) + 1;
  const openEnd = html.indexOf('>', open.index) + 1;
  const end = close + '</main>'.length;
  const outside = html.slice(body.index, open.index) + html.slice(end);
  // The indexed element is this <main> itself, and the only one.
  if (outside.includes('data-pagefind') || !html.slice(open.index, openEnd).includes(INDEXED) || html.slice(openEnd, close).includes(INDEXED)) return html;
  return `${html.slice(0, bodyTagEnd)}${html.slice(open.index, end)}</body></html>`;
}

/** The address Pagefind gives a file of the site (its `build_url`: `a/index.html` → `/a/`). */
export const pageUrl = (file: string): string => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** What is known of one page of a build: its file's identity and whether it is in the index. */
export interface PageFile { ino: number; dev: number; indexed: boolean }

/** A page whose file is not the one of the build compared with: its new bytes (`html`) when it is in the index. */
export interface ChangedPage { file: string; indexed: boolean; wasIndexed: boolean; html?: string }

const read = (p: string): string | undefined => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };

/**
 * Compares the pages of `dir` with those known of an earlier build (`known`, by file): a page
 * with the same inode is unchanged (not read again); the others are read. Returns every page of
 * `dir` and the changes that concern the index: pages in it now or before (added, edited,
 * removed, or that left or joined it). Pages outside the index may change freely: Pagefind
 * leaves them out once any page carries the attribute.
 */
export function comparePages(dir: string, known: ReadonlyMap<string, PageFile>): { pages: Map<string, PageFile>; changed: ChangedPage[] } {
  const pages = new Map<string, PageFile>();
  const changed: ChangedPage[] = [];
  for (const file of htmlFiles(dir)) {
    const st = statSync(join(dir, file));
    const before = known.get(file);
    if (before && before.ino === st.ino && before.dev === st.dev) { pages.set(file, before); continue; }
    const html = read(join(dir, file)) ?? '';
    const indexed = html.includes(INDEXED);
    pages.set(file, { ino: st.ino, dev: st.dev, indexed });
    if (indexed || before?.indexed) changed.push({ file, indexed, wasIndexed: before?.indexed ?? false, ...(indexed ? { html } : {}) });
  }
  for (const [file, before] of known) if (!pages.has(file) && before.indexed) changed.push({ file, indexed: false, wasIndexed: true });
  return { pages, changed };
}

/** Every page of `dir` with its bytes when it is in the index (a full index reads them all once). */
export function readPages(dir: string): { pages: Map<string, PageFile>; indexed: { file: string; html: string }[] } {
  const pages = new Map<string, PageFile>();
  const indexed: { file: string; html: string }[] = [];
  for (const file of htmlFiles(dir)) {
    const st = statSync(join(dir, file));
    const html = read(join(dir, file)) ?? '';
    const inIndex = html.includes(INDEXED);
    pages.set(file, { ino: st.ino, dev: st.dev, indexed: inIndex });
    if (inIndex) indexed.push({ file, html });
  }
  return { pages, indexed };
}

/** Hard-links every file of `from` into `to`. */
export function linkAll(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from, { withFileTypes: true })) {
    if (f.isDirectory()) { linkAll(join(from, f.name), join(to, f.name)); continue; }
    try { linkSync(join(from, f.name), join(to, f.name)); } catch { copyFileSync(join(from, f.name), join(to, f.name)); }
  }
}
