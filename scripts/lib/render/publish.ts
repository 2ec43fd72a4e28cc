/**
 * What the back-office server (scripts/lib/cms-stack.ts) needs to publish with the long-lived
 * renderer, in its own process — no `npm run build` child, no bundling, only the pages whose
 * content changed:
 *
 *   const publisher = await createPublisher({ codeRoot, siteUrl: url });   // once, at start
 *   // per published commit, after checkoutPublished():
 *   const r = await publisher.build(join(publishedDir, 'content'), join(publishedDir, 'media'), outDir, root);
 *   if (r.ok) root = outDir;            // the swap cms-stack already does
 *   else errorLines(r.output, publishedDir) …
 *
 * `build` checks the content first (errors printed as `npm run check` prints them, same
 * prefixes: cms-stack's errorLines() reads them unchanged), then renders into `outDir` from
 * `prevDir` (the served build; a full render when it is not this publisher's last output),
 * then the search index and the CSP file. No precompression: that server never sends it.
 */
import { relative } from 'node:path';
import { formatIssue, summarize } from '../../../src/lib/content/issues.ts';
import { loadContent } from '../../../src/lib/content/load.ts';
import { writeCsp } from '../../deploy/csp.ts';
import { buildSearchIndex } from '../search-index.ts';
import { createRenderer, type RenderResult } from './renderer.ts';

export interface PublishResult { ok: boolean; output: string; result?: RenderResult; ms: number }

export async function createPublisher(options: { codeRoot: string; siteUrl?: string | undefined; cacheDir?: string }) {
  const lines: string[] = [];
  const renderer = await createRenderer({ ...options, log: (l) => lines.push(l) });
  return {
    renderer,
    async build(contentDir: string, mediaDir: string, outDir: string, prevDir?: string): Promise<PublishResult> {
      const t0 = performance.now();
      lines.length = 0;
      const set = loadContent(contentDir, mediaDir);
      const prefix = `${relative(options.codeRoot, contentDir) || '.'}/`;
      for (const i of set.issues) lines.push(formatIssue(i, prefix));
      lines.push(`${set.entries.length} fichier(s) lus, ${summarize(set.issues)}`);
      if (set.issues.some((i) => i.severity === 'error')) return { ok: false, output: lines.join('\n'), ms: performance.now() - t0 };
      try {
        const result = prevDir ? await renderer.update(contentDir, mediaDir, [], prevDir, outDir) : await renderer.full(contentDir, mediaDir, outDir);
        const search = await buildSearchIndex(outDir);
        if (search.errors.length) throw new Error(`Index de recherche (Pagefind) en erreur : ${search.errors.join(' ; ')}`);
        writeCsp(outDir);
        return { ok: true, output: lines.join('\n'), result, ms: performance.now() - t0 };
      } catch (e) {
        lines.push(e instanceof Error ? e.message : String(e));
        return { ok: false, output: lines.join('\n'), ms: performance.now() - t0 };
      }
    },
    close: () => renderer.close(),
  };
}
