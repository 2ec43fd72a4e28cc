/**
 * Builds the Pagefind search index of a built site into <outDir>/pagefind/. Only pages whose
 * <main> carries `data-pagefind-body` are indexed (défis, people, articles: see src/lib/search.ts);
 * the language comes from <html lang="fr"> (French stemming).
 *
 * Pagefind's Node API drives its binary as a service process (one per Node process, the
 * `pagefind` module's). The pages enter the index with `addHTMLFile`, from memory, in file order
 * (engine/search-pages.ts): only the indexed ones, which gives the same index as Pagefind's own
 * walk of the folder without parsing the pages it would leave out, and an order that does not
 * depend on the file system's.
 *
 * A long-lived indexer (`createSearchIndexer`: the back-office server's publisher) keeps its
 * service and the index of its last build between builds. For a build made from that one
 * (`previous`), only the indexed pages whose file changed are sent again: Pagefind replaces a
 * page sent again with the same URL in place (same position, hence the same page numbers as a
 * full index); a page that left the index (removed, or without the attribute now) is replaced
 * by an empty one, which Pagefind leaves out of the written index as it leaves out every page
 * without words. A page new to the index would take the last position, not its place in file
 * order: then a new index is made (in the same service), from the pages as last sent (kept in
 * memory: 4.9 MB on the corpus) and the changed ones, read again. The previous index's content-hashed
 * files are linked into the new output first: Pagefind compresses and writes only the new ones
 * (engine/search-files.ts). Either way the files written are the ones a full index of the same
 * pages writes (tests/pages/search-index.test.ts: byte for byte).
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_EXCLUDE } from '../src/lib/search.ts';
import { comparePages, htmlFiles, INDEXED, indexedPart, linkAll, pageUrl, readPages, type ChangedPage, type PageFile } from './search-pages.ts';
import { linkHashed, removeUnused, usedFiles } from './search-files.ts';

/** Pagefind's bundled search interfaces, unused here (see src/client/search.ts). */
const UNUSED_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** What stands in the index for a page that left it: no words, so Pagefind leaves it out. */
const EMPTY_PAGE = '<html lang="fr"><body></body></html>';

/**
 * `pages`: pages in the index (with data-pagefind-body); `scanned`: HTML files of the site;
 * `sent`: pages given to Pagefind (parsed) for this build; `mode`: `reused` (no indexed page
 * changed: the previous index linked as it is), `updated` (the changed pages sent to the index
 * kept from the previous build), `full` (every indexed page sent to a new index).
 */
export interface IndexResult {
  pages: number; scanned: number; errors: string[]; reused?: boolean; sent?: number; mode?: 'reused' | 'updated' | 'full';
  /** Time of each step (ms): `read` (pages compared or read), `send` (parsed by Pagefind), `write` (index written), for benchmarks. */
  ms?: Record<string, number>;
}

/** `previous`: the build `outDir` was made from incrementally (unchanged files are hard links to it). */
export interface IndexOptions { previous?: string }

export interface SearchIndexer {
  /** One build at a time: a call made while another runs waits for it. */
  build(outDir: string, options?: IndexOptions): Promise<IndexResult>;
  /** Forgets the index kept; the service stops with the last open indexer of the process. */
  close(): Promise<void>;
}

/**
 * The index kept between builds: the build it is of, its pages, the URLs it holds (in their
 * order), and what was sent of each indexed page (`indexedPart`, by file): a new index made
 * from it (a page new to the index) reads only the pages that changed.
 */
interface Kept { dir: string; index: pagefind.PagefindIndex; pages: Map<string, PageFile>; urls: Set<string>; sent: Map<string, string> }

/** Open indexers of this process: Pagefind's service is one per process, closed with the last. */
let open = 0;

const statOf = (p: string): Stats | undefined => { try { return statSync(p); } catch { return undefined; } };
const indexedFile = (p: string) => { try { return readFileSync(p, 'utf8').includes(INDEXED); } catch { return false; } };

const pageCount = (output: string) => {
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
};

/**
 * Whether the index of `previous` is this build's too, when nothing is known of it but its
 * files (a new process, scripts/build.ts): every page that is, or was, in the index is the same
 * file (same inode). The previous index must hold pages (Pagefind leaves the pages without the
 * attribute out only once one page has it). The index depends on nothing else of a build (the
 * code, hence Pagefind's options, is the same in an update).
 */
function sameIndex(outDir: string, previous: string): boolean {
  try {
    if (pageCount(join(previous, 'pagefind')) === 0) return false;
  } catch { return false; }
  const files = new Set([...htmlFiles(outDir), ...htmlFiles(previous)]);
  for (const f of files) {
    const a = statOf(join(outDir, f));
    const b = statOf(join(previous, f));
    if (a && b && a.ino === b.ino && a.dev === b.dev) continue;
    if ((a && indexedFile(join(outDir, f))) || (b && indexedFile(join(previous, f)))) return false;
  }
  return true;
}

/** The previous build's index, linked as it is into `outDir`. */
function linkPrevious(outDir: string, previous: string, scanned: number): IndexResult {
  const output = join(outDir, 'pagefind');
  rmSync(output, { recursive: true, force: true });
  linkAll(join(previous, 'pagefind'), output);
  return { pages: pageCount(output), scanned, errors: [], reused: true, sent: 0, mode: 'reused' };
}

/** Sends pages in order (the service handles its messages one after the other, in order). */
async function send(index: pagefind.PagefindIndex, pages: { url: string; html: string }[], errors: string[]) {
  const answers = await Promise.all(pages.map((p) => index.addHTMLFile({ url: p.url, content: p.html })));
  for (const a of answers) errors.push(...a.errors);
}

/**
 * Writes the index into <outDir>/pagefind/: with `previous` (a build's folder), its index's
 * hashed files linked first, so that Pagefind compresses and writes only the new ones
 * (engine/search-files.ts); the linked files this index does not use are removed after. When
 * two of this index's hashes began alike (a longer name), it is written again into an empty
 * folder: which file got the short name depends on order, a linked one may not be it.
 */
async function write(index: pagefind.PagefindIndex, outDir: string, errors: string[], previous?: string): Promise<number> {
  const output = join(outDir, 'pagefind');
  rmSync(output, { recursive: true, force: true });
  const linked = previous ? linkHashed(join(previous, 'pagefind'), output) : [];
  const written = await index.writeFiles({ outputPath: output });
  errors.push(...written.errors);
  if (linked.length && !written.errors.length) {
    const { used, extended } = usedFiles(output);
    if (extended) return write(index, outDir, errors);
    removeUnused(output, linked, used);
  }
  // The results page uses Pagefind's JS API only: its ready-made UIs are not published.
  for (const f of readdirSync(output)) if (UNUSED_UI.test(f)) rmSync(join(output, f));
  return pageCount(output);
}

/** A stopwatch: `lap(step)` records the time since the last lap under `step`. */
function laps(): ((step: string) => void) & { ms: Record<string, number> } {
  let t = performance.now();
  const ms: Record<string, number> = {};
  return Object.assign((step: string) => { const n = performance.now(); ms[step] = Math.round(n - t); t = n; }, { ms });
}

export function createSearchIndexer(): SearchIndexer {
  open++;
  let closed = false;
  let kept: Kept | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const forget = async () => {
    const k = kept;
    kept = undefined;
    if (k) await k.index.deleteIndex().catch(() => null);
  };

  /**
   * Every indexed page of `outDir` into a new index, kept for the next build (`previous`: a
   * build whose index's files may be linked). `from`: the pages of `outDir` compared with the
   * kept index's (update below): only the changed ones were read, the others are sent as before.
   */
  async function full(outDir: string, previous?: string, from?: { pages: Map<string, PageFile>; changed: ChangedPage[]; sent: ReadonlyMap<string, string> }): Promise<IndexResult> {
    const lap = laps();
    await forget();
    const errors: string[] = [];
    let pages: Map<string, PageFile>;
    let indexed: { file: string; html: string }[];
    if (from) {
      const fresh = new Map(from.changed.flatMap((c) => (c.html === undefined ? [] : [[c.file, indexedPart(c.html)] as const])));
      pages = from.pages;
      indexed = [...pages].filter(([, p]) => p.indexed).map(([file]) => ({ file, html: fresh.get(file) ?? from.sent.get(file) ?? indexedPart(readFileSync(join(outDir, file), 'utf8')) }));
    } else {
      const read = readPages(outDir);
      pages = read.pages;
      indexed = read.indexed.map((p) => ({ file: p.file, html: indexedPart(p.html) }));
    }
    lap('read');
    const created = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE });
    errors.push(...created.errors);
    const index = created.index;
    if (!index) return { pages: 0, scanned: pages.size, errors };
    const sent = indexed.map((p) => ({ url: pageUrl(p.file), html: p.html }));
    await send(index, sent, errors);
    lap('send');
    const count = await write(index, outDir, errors, previous);
    lap('write');
    if (errors.length) await index.deleteIndex().catch(() => null);
    else kept = { dir: resolve(outDir), index, pages, urls: new Set(sent.map((p) => p.url)), sent: new Map(indexed.map((p) => [p.file, p.html])) };
    return { pages: count, scanned: pages.size, errors, sent: sent.length, mode: 'full', ms: lap.ms };
  }

  /** From the index kept of `previous`: the changed pages only, or none. */
  async function update(outDir: string, k: Kept): Promise<IndexResult> {
    const lap = laps();
    const { pages, changed } = comparePages(outDir, k.pages);
    lap('read');
    if (!changed.length) {
      kept = { ...k, dir: resolve(outDir), pages };
      return linkPrevious(outDir, k.dir, pages.size);
    }
    if (changed.some((c) => c.indexed && !k.urls.has(pageUrl(c.file)))) return full(outDir, k.dir, { pages, changed, sent: k.sent });
    const errors: string[] = [];
    const parts = new Map(k.sent);
    const sent = changed.map((c) => {
      if (c.html === undefined) { parts.delete(c.file); return { url: pageUrl(c.file), html: EMPTY_PAGE }; }
      const html = indexedPart(c.html);
      parts.set(c.file, html);
      return { url: pageUrl(c.file), html };
    });
    await send(k.index, sent, errors);
    lap('send');
    const count = await write(k.index, outDir, errors, k.dir);
    lap('write');
    if (errors.length) await forget();
    else kept = { ...k, dir: resolve(outDir), pages, sent: parts };
    return { pages: count, scanned: pages.size, errors, sent: sent.length, mode: 'updated', ms: lap.ms };
  }

  async function buildNow(outDir: string, options: IndexOptions): Promise<IndexResult> {
    if (closed) throw new Error('index de recherche : indexeur fermé');
    const previous = options.previous === undefined ? undefined : resolve(options.previous);
    try {
      if (kept && previous === kept.dir && existsSync(previous)) return await update(outDir, kept);
      if (!kept && previous && sameIndex(outDir, previous)) return linkPrevious(outDir, previous, htmlFiles(outDir).length);
      return await full(outDir, previous && existsSync(join(previous, 'pagefind')) ? previous : undefined);
    } catch (e) {
      // The service stopped (killed, crashed): a new one, a full index, once.
      kept = undefined;
      await pagefind.close();
      try { return await full(outDir); } catch { throw e; }
    }
  }

  return {
    build(outDir, options = {}) {
      const run = queue.then(() => buildNow(outDir, options));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await forget();
      if (--open === 0) await pagefind.close();
    },
  };
}

/** One build with a new indexer, closed after it (a process that builds once: scripts/build.ts). */
export async function buildSearchIndex(outDir: string, options: IndexOptions = {}): Promise<IndexResult> {
  const indexer = createSearchIndexer();
  try {
    return await indexer.build(outDir, options);
  } finally {
    await indexer.close();
  }
}
