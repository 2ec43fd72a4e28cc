/**
 * Builds the Pagefind search index of a built site into <outDir>/pagefind/. Only pages whose
 * <main> carries `data-pagefind-body` are indexed (défis, people, articles: see src/lib/search.ts);
 * the language comes from <html lang="fr"> (French stemming).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_EXCLUDE } from '../../src/lib/search.ts';

/** Pagefind's bundled search interfaces, unused here (see src/scripts/search.ts). */
const UNUSED_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** `pages`: pages in the index (with data-pagefind-body); `scanned`: HTML files read. */
export interface IndexResult { pages: number; scanned: number; errors: string[] }

export async function buildSearchIndex(outDir: string): Promise<IndexResult> {
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
    const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return { pages, scanned: added.page_count, errors };
  } finally {
    await pagefind.close();
  }
}
