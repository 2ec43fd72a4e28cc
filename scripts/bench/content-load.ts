/**
 * `npx tsx scripts/bench/content-load.ts [content-dir] [media-dir]` (default: the project's
 * CONTENT_DIR/MEDIA_DIR): how long a new version of the content takes to reach the pages in a
 * long-lived process (the renderer of `npm start`, `astro dev`), on a copy of the tree:
 * - `loadContent` cold, unchanged, and after one file changed (median of BENCH_RUNS, default 7);
 * - the same for a whole content version as the renderer asks it (`contentFingerprints`: load,
 *   typed entries, relations, fingerprints).
 * Prints the figures and the machine's load. A benchmark, not a test: it never fails on a figure.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const contentDir = resolve(process.argv[2] ?? process.env['CONTENT_DIR'] ?? 'content');
const mediaDir = resolve(process.argv[3] ?? process.env['MEDIA_DIR'] ?? 'media');
const runs = Number(process.env['BENCH_RUNS'] || 7);

// Two copies: one for the content versions (query.ts reads CONTENT_DIR), one for loadContent
// alone (another folder: nothing of the first is cached for it).
const copy = mkdtempSync(join(tmpdir(), 'eig-bench-load-'));
cpSync(contentDir, copy, { recursive: true });
const copy2 = mkdtempSync(join(tmpdir(), 'eig-bench-load-'));
cpSync(contentDir, copy2, { recursive: true });
process.env['CONTENT_DIR'] = copy;
process.env['MEDIA_DIR'] = mediaDir;
process.env['EIG_QUIET_WARNINGS'] = '1';

const { loadContent, loadStats } = await import('../../src/lib/content/load.ts');
const { invalidateContent } = await import('../../src/lib/content/repository.ts');
const { contentFingerprints } = await import('../../src/lib/content/query.ts');

const defi = readdirSync(join(copy, 'defis')).find((f) => f.endsWith('.md') && !f.startsWith('_'));
if (!defi) throw new Error(`aucun défi dans ${contentDir}`);
const touch = (dir: string, i: number) => appendFileSync(join(dir, 'defis', defi), `\nLigne ajoutée ${i}.\n`);
const ms = (fn: () => unknown) => { const t = performance.now(); fn(); return performance.now() - t; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const versionCold = ms(() => contentFingerprints());
  const versionChanged = median(Array.from({ length: runs }, (_, i) => { touch(copy, i); invalidateContent(); return ms(() => contentFingerprints()); }));

  const cold = ms(() => loadContent(copy2, mediaDir));
  const files = loadStats.files;
  const unchanged = median(Array.from({ length: runs }, () => ms(() => loadContent(copy2, mediaDir))));
  const changed = median(Array.from({ length: runs }, (_, i) => { touch(copy2, i); return ms(() => loadContent(copy2, mediaDir)); }));
  const parsedOnChange = loadStats.parsed;

  const row = (label: string, v: number) => console.log(`  ${label.padEnd(52)} ${v.toFixed(0).padStart(6)} ms`);
  console.log(`Contenu : ${contentDir} (${files} fichiers), ${cpus().length} cœur(s), charge ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  row('loadContent à froid', cold);
  row('loadContent, rien de changé (médiane)', unchanged);
  row(`loadContent, un fichier changé (médiane, ${parsedOnChange} relu)`, changed);
  row('version complète pour les pages, à froid', versionCold);
  row('version complète, un fichier changé (médiane)', versionChanged);
} finally {
  rmSync(copy, { recursive: true, force: true });
  rmSync(copy2, { recursive: true, force: true });
}
