/**
 * Benchmark of the search (figures, not pass/fail): size of the Pagefind index, bytes a visitor
 * downloads for one query on /recherche/, and time to first results in Chromium (cold: new
 * browser context, empty cache; warm: second query on the same page).
 *
 *   npx tsx scripts/bench/search.ts [--dist <built site>] [--content <dir>] [--query mot] [--runs 5] [--json out.json]
 *
 * Without --dist, builds the site (CONTENT_DIR = --content, default content/) into a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { staticServer } from '../../backoffice/server/static.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    content: { type: 'string', default: 'content' },
    query: { type: 'string', default: 'données' },
    second: { type: 'string', default: 'design' },
    runs: { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});

let dist = values.dist ? resolve(values.dist) : '';
if (!dist) {
  dist = join(mkdtempSync(join(tmpdir(), 'eig-bench-search-')), 'dist');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CONTENT_DIR: resolve(values.content), OUT_DIR: dist, ASTRO_CACHE_DIR: `${dist}-cache` },
  });
  if (r.status !== 0) throw new Error('La construction du site a échoué.');
  console.log(`Construction (avec index) : ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const f = join(dir, n);
  return statSync(f).isDirectory() ? files(f) : [f];
});
const pf = join(dist, 'pagefind');
// Precompressed copies (.gz/.br, written for the web server) are not part of the index itself.
const all = files(pf).filter((f) => !/\.(gz|br)$/.test(f));
const UI = /pagefind-(component-|modular-)?ui\.|pagefind-highlight|playground/;
const bytes = (fs: string[]) => fs.reduce((s, f) => s + statSync(f).size, 0);
const entry = JSON.parse(readFileSync(join(pf, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
const pages = Object.values(entry.languages).reduce((s, l) => s + l.page_count, 0);
const ko = (n: number) => `${(n / 1024).toFixed(1)} Ko`;

const server = staticServer(() => dist);
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser();

interface Run { ms: number; warmMs: number; requests: number; transferred: number; pagefindBytes: number; firstBytes: number; firstBytesGzip: number; results: number }
const runs: Run[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Playwright reports the requests of the page and of its workers (Pagefind searches in a
  // Web Worker), with their transferred sizes.
  let transferred = 0; let pagefindBytes = 0; let requests = 0;
  const pending: Promise<void>[] = [];
  context.on('requestfinished', (req) => {
    pending.push(req.sizes().then((sz) => {
      const n = sz.responseBodySize + sz.responseHeadersSize;
      requests++;
      transferred += n;
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/pagefind/')) { pagefindBytes += n; files.set(path, n); }
    }));
  });
  const files = new Map<string, number>();
  const t0 = Date.now();
  await page.goto(`${base}/recherche/?q=${encodeURIComponent(values.query)}`);
  await page.waitForSelector('#search-results > li', { timeout: 30_000 });
  const ms = Date.now() - t0;
  await page.waitForTimeout(100);
  await Promise.all(pending);
  const firstQuery = new Map(files);
  const results = await page.locator('#search-results > li').count();
  // Warm: a second query typed on the loaded page.
  const t1 = Date.now();
  await page.fill('#search-q', values.second);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction((q) => (document.getElementById('search-status')?.textContent ?? '').includes(`« ${q} »`), values.second, { timeout: 30_000 });
  const warmMs = Date.now() - t1;
  await page.waitForTimeout(200);
  await Promise.all(pending);
  if (i === 0) console.log(`Fichiers Pagefind de la 1re requête : ${[...firstQuery.keys()].map((f) => f.replace('/pagefind/', '')).join(', ')}`);
  const firstBytes = [...firstQuery.values()].reduce((a, b) => a + b, 0);
  // pagefind.js, the worker and the entry JSON are plain text the test server sends uncompressed;
  // the index files (.pf_*, wasm) are gzip already. Estimate the text files gzip-compressed.
  const gzipSaving = [...firstQuery.keys()].filter((f) => /\.(js|json)$/.test(f)).reduce((a, f) => {
    const raw = readFileSync(join(dist, f));
    return a + raw.length - gzipSync(raw).length;
  }, 0);
  runs.push({ ms, warmMs, requests, transferred, pagefindBytes, firstBytes, firstBytesGzip: firstBytes - gzipSaving, results });
  await context.close();
}
await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures = {
  indexedPages: pages,
  indexFiles: all.filter((f) => !UI.test(f)).length,
  indexBytes: bytes(all.filter((f) => !UI.test(f))),
  indexBytesWithUnusedUi: bytes(all),
  pagefindJsGzip: gzipSync(readFileSync(join(pf, 'pagefind.js'))).length,
  pagefindJsRaw: statSync(join(pf, 'pagefind.js')).size,
  query: values.query,
  results: runs[0]?.results ?? 0,
  firstResultsMsMedian: median(runs.map((r) => r.ms)),
  secondQueryMsMedian: median(runs.map((r) => r.warmMs)),
  pageTransferredBytes: median(runs.map((r) => r.transferred)),
  pagefindTransferredBytes: median(runs.map((r) => r.firstBytes)),
  pagefindTransferredBytesGzip: median(runs.map((r) => r.firstBytesGzip)),
  pagefindBytesTwoQueries: median(runs.map((r) => r.pagefindBytes)),
  runs: runs.length,
};
console.log(`Pages indexées                        : ${figures.indexedPages}`);
console.log(`Index Pagefind (sans l’UI inutilisée)  : ${ko(figures.indexBytes)} en ${figures.indexFiles} fichiers (avec l’UI : ${ko(figures.indexBytesWithUnusedUi)})`);
console.log(`Requête « ${figures.query} » (résultats affichés)  : ${figures.results}`);
console.log(`Octets Pagefind pour 1 requête          : ${ko(figures.pagefindTransferredBytes)} tels que servis (JS non compressé), ~${ko(figures.pagefindTransferredBytesGzip)} avec JS/JSON en gzip ; deux requêtes : ${ko(figures.pagefindBytesTwoQueries)}`);
console.log(`Toute la page + 2 requêtes            : ${ko(figures.pageTransferredBytes)} (serveur de test sans compression, polices et images comprises)`);
console.log(`Premiers résultats (froid, médiane)    : ${figures.firstResultsMsMedian} ms depuis la navigation (${figures.runs} essais)`);
console.log(`Deuxième requête (index chargé)        : ${figures.secondQueryMsMedian} ms`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
