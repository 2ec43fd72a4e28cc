/**
 * Publication with the long-lived renderer, in the back-office server's own process
 * (driven by publish/loop.ts): no `npm run build` child, no bundling after start, only the pages
 * whose content changed are rendered:
 *
 *   const publisher = await createPublisher({ codeRoot, siteUrl: url, signal });   // once, at start
 *   // per published commit, after checkoutPublished():
 *   const r = await publisher.build(join(publishedDir, 'content'), join(publishedDir, 'media'), outDir, root);
 *   if (r.ok) root = outDir;            // the swap loop.ts does
 *   else r.problems …                   // the content's problems, as data (backoffice/problems/)
 *
 * `build` checks the content first (its problems as data in `problems`, entries named by their
 * titles and fields by their labels; `output` has them as `npm run check` prints them, for the
 * terminal and the status page's technical details), then renders into `outDir` from
 * `prevDir` (the served build; a full render when it is not this publisher's last output),
 * then the search index and (unless `csp: false`) the CSP file. No precompression: that server
 * never sends it, nor does it read the CSP file (nginx does): loop.ts passes `csp: false`.
 * `ms` gives the time of each phase (check, fingerprints, routes, integrations, search, csp…).
 */
import { relative, resolve } from 'node:path';
import { formatIssue, summarize } from '../../src/lib/content/issues.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { handOver } from '../../src/lib/content/handover.ts';
import { contentIndex, problemsOf, type ContentIndex } from '../problems/describe.ts';
import { siteNow } from '../../src/lib/content/clock.ts';
import type { Problem } from '../problems/problem.ts';
import { writeCsp } from '../../engine/deploy/csp.ts';
import { createSearchIndexer, type IndexResult } from '../../engine/search-index.ts';
import { createRenderer, type RenderResult } from '../../engine/render/renderer.ts';

export interface PublishResult {
  ok: boolean;
  output: string;
  /** What the content checks found (errors first), as data. */
  problems: Problem[];
  /** The `publishAt` of the entries left out because their time has not come (the loop builds again at the first). */
  scheduled: Date[];
  result?: RenderResult;
  /** Whole call, ms. */
  total: number;
  /** Per phase, ms: check, then the renderer's (fingerprints, routes, pages, integrations, state), search, csp. */
  ms: Record<string, number>;
  /**
   * Set when the build failed on something else than the content checks (an exception: a
   * folder not writable, a full disk…): the caller may retry the same content.
   */
  error?: unknown;
  /** The checked content's front matter by file (names the published entries, publish/publication.ts). */
  index?: ContentIndex;
}

export interface PublisherOptions {
  codeRoot: string;
  siteUrl?: string | undefined;
  cacheDir?: string;
  /** Stops the bundling (first start after a code change) in progress. */
  signal?: AbortSignal;
  /** Pagefind index of each publication (default true; false only to measure its share). */
  searchIndex?: boolean;
  /** The nginx CSP file (engine/deploy/csp.ts; default true): parses every page again. */
  csp?: boolean;
}

export type Publisher = Awaited<ReturnType<typeof createPublisher>>;

export async function createPublisher(options: PublisherOptions) {
  const lines: string[] = [];
  // The search index starts as soon as the pages are written (Pagefind is a process of its own)
  // while the integrations run, and is reused as is when no indexed page changed. The indexer
  // keeps Pagefind's process and the last index between publications: only changed pages are sent.
  const indexer = createSearchIndexer();
  const indexing = new Map<string, Promise<IndexResult>>();
  const afterPages = (dir: string, previous: string | undefined) => {
    if (options.searchIndex === false) return;
    const started = indexer.build(dir, previous ? { previous } : {});
    started.catch(() => {}); // awaited (and reported) by build() below
    indexing.set(resolve(dir), started);
  };
  const renderer = await createRenderer({ ...options, log: (l) => lines.push(l), afterPages });
  return {
    renderer,
    /** `now`: the instant the site is built for (entries scheduled after it are left out). */
    async build(contentDir: string, mediaDir: string, outDir: string, prevDir?: string, now: Date = siteNow()): Promise<PublishResult> {
      const t0 = performance.now();
      let t = t0;
      const ms: Record<string, number> = {};
      const lap = (k: string) => { const n = performance.now(); ms[k] = Math.round(n - t); t = n; };
      lines.length = 0;
      let problems: Problem[] = [];
      let index: ContentIndex | undefined;
      let scheduled: Date[] = [];
      const done = (ok: boolean, result?: RenderResult, error?: unknown): PublishResult => ({ ok, output: lines.join('\n'), problems, scheduled, ...(result ? { result } : {}), ...(error === undefined ? {} : { error }), ...(index ? { index } : {}), ms, total: Math.round(performance.now() - t0) });
      try {
        const set = loadContent(contentDir, mediaDir, undefined, now);
        scheduled = set.scheduled.map((e) => e.data['publishAt'] as Date);
        const prefix = `${relative(options.codeRoot, contentDir) || '.'}/`;
        // As `npm run check` prints them: errors first.
        for (const i of [...set.issues].sort((x, y) => (x.severity === y.severity ? 0 : x.severity === 'error' ? -1 : 1))) lines.push(formatIssue(i, prefix));
        lines.push(`${set.entries.length} fichier(s) lus, ${summarize(set.issues)}`);
        index = contentIndex(set);
        problems = problemsOf(set.issues, index);
        lap('check');
        if (set.issues.some((i) => i.severity === 'error')) return done(false);
        // The render below reads this checked set rather than the tree again (handover.ts).
        handOver(set, now);
        // The warnings are in `output` already (the check above): the pages' own content load
        // must not print them again on the server's terminal at each publication.
        const quiet = process.env['EIG_QUIET_WARNINGS'];
        process.env['EIG_QUIET_WARNINGS'] = '1';
        let result: RenderResult;
        try {
          result = prevDir ? await renderer.update(contentDir, mediaDir, [], prevDir, outDir, now) : await renderer.full(contentDir, mediaDir, outDir, now);
        } finally {
          if (quiet === undefined) delete process.env['EIG_QUIET_WARNINGS']; else process.env['EIG_QUIET_WARNINGS'] = quiet;
        }
        t = performance.now();
        Object.assign(ms, result.ms);
        if (options.searchIndex !== false) {
          const search = await (indexing.get(resolve(outDir)) ?? indexer.build(outDir, prevDir ? { previous: prevDir } : {}));
          indexing.delete(resolve(outDir));
          if (search.errors.length) throw new Error(`Index de recherche (Pagefind) en erreur : ${search.errors.join(' ; ')}`);
          lap('search');
          // The index's own steps (they overlap the integrations: `search` is the wait after them).
          for (const [k, v] of Object.entries(search.ms ?? {})) ms[`search ${k}`] = v;
          if (search.mode) ms[`search mode ${search.mode}`] = search.sent ?? 0;
        }
        if (options.csp !== false) {
          writeCsp(outDir);
          lap('csp');
        }
        return done(true, result);
      } catch (e) {
        indexing.delete(resolve(outDir));
        lines.push(e instanceof Error ? e.message : String(e));
        return done(false, undefined, e ?? new Error('échec'));
      }
    },
    close: async () => { await renderer.close(); await indexer.close(); },
  };
}
