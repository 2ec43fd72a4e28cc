/**
 * `npm run bench`: every benchmark of the project in one run (figures, not pass/fail), printed as
 * a table and written to bench-results/bench.json. 10 to 15 minutes on 2 cores.
 *
 * 1. Build of the demo content, BENCH_RUNS times (default 3): wall time min/median, peak RSS
 *    (GNU time -v), pages per second.
 * 2. The previous site's corpus (../shared/corpus/site-eig-v2, or BENCH_CORPUS): scripts/bench/
 *    corpus.ts (import, check, build, min/median of 3), then one import + build kept for step 3.
 * 3. For 10 key pages, served by nginx with deploy/: bytes of a first visit in Chromium at a mobile
 *    viewport by type (demo and corpus builds), and Lighthouse scores (demo build).
 * 4. Publish → live (scripts/bench/publish.ts) and search (scripts/bench/search.ts).
 * 5. Static serving under load: wrk, 30 s, 64 connections, the 10 key pages, loopback only.
 *
 * 6. The long-lived renderer (scripts/bench/render.ts, #12): Hugo's time on the corpus, the
 *    content-only `npm run build` and its ratio, a full build, publish → live (publish.ts) and its
 *    ratio, each test layer's time, in one table with the load. `BENCH_ONLY=render npm run bench`
 *    (or `npm run bench:render`) runs this stage alone.
 *
 * BENCH_SKIP=corpus,lighthouse,publish,search,wrk,render,tests leaves stages out. Nothing runs off 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pagesToCheck } from '../../tests/helpers/built.ts';
import { writeBrokenLinksReport } from '../../tests/helpers/links.ts';
import { ensureNginx, freePort, startNginx } from '../../tests/helpers/nginx.ts';
import { firstVisitBytes, lighthouseScores, type Bytes, type Scores } from './first-visit.ts';

const runs = Number(process.env['BENCH_RUNS'] || 3);
const skip = new Set((process.env['BENCH_SKIP'] || '').split(',').filter(Boolean));
const corpus = resolve(process.env['BENCH_CORPUS'] || '../shared/corpus/site-eig-v2');
const root = mkdtempSync(join(tmpdir(), 'eig-bench-'));
const TIME = '/usr/bin/time';
const gnuTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident');
const results: Record<string, unknown> = {
  date: new Date().toISOString(), node: process.version, cores: cpus().length, memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
  loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)),
};
const notes: string[] = [];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const kb = (n: number) => `${(n / 1024).toFixed(0)} Ko`;
const log = (s: string) => console.log(`[bench] ${s}`);

/** Runs a Node script (through tsx), with wall time and peak RSS; never throws. */
function run(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000) {
  const t0 = performance.now();
  const cmd = gnuTime ? TIME : process.execPath;
  const argv = gnuTime ? ['-v', process.execPath, '--import', 'tsx', ...args] : ['--import', 'tsx', ...args];
  const r = spawnSync(cmd, argv, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const rssMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1] ?? 0) / 1024;
  if (r.status !== 0) log(`échec de ${args.join(' ')} (${r.status ?? r.signal}) :\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').filter((l) => !/^\s+(Command|User|System|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File|Socket|Signals|Page|Exit)/.test(l)).slice(-12).join('\n')}`);
  return { ok: r.status === 0, seconds, rssMB, stdout: r.stdout ?? '' };
}

function htmlCount(dir: string): number {
  let n = 0;
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.html')) n++; } };
  walk(dir);
  return n;
}

/** Builds `runs` times into fresh folders; keeps the last build. */
function benchBuild(label: string, env: NodeJS.ProcessEnv, n: number) {
  const samples: { seconds: number; rssMB: number }[] = [];
  let dist = '';
  for (let i = 0; i < n; i++) {
    dist = join(root, `${label}-dist-${i}`);
    // A full build from scratch: astro build itself (the renderer's figures are stage 6).
    const r = run(['scripts/build.ts'], { ...env, OUT_DIR: dist, ASTRO_CACHE_DIR: join(root, `${label}-cache-${i}`), EIG_ASTRO_BUILD: '1' });
    if (!r.ok) return undefined;
    samples.push({ seconds: r.seconds, rssMB: r.rssMB });
    log(`${label} : construction ${i + 1}/${n} en ${r.seconds.toFixed(1)} s, ${r.rssMB.toFixed(0)} Mo`);
    if (i < n - 1) rmSync(dist, { recursive: true, force: true });
  }
  const pages = htmlCount(dist);
  const secs = samples.map((s) => s.seconds);
  return {
    dist, pages,
    minSeconds: +Math.min(...secs).toFixed(2), medianSeconds: +median(secs).toFixed(2),
    peakRssMB: +Math.max(...samples.map((s) => s.rssMB)).toFixed(0),
    pagesPerSecond: +(pages / median(secs)).toFixed(1), runs: samples,
  };
}

/** The 10 key pages of a build: fixed sections, the first défi and the first article of the sitemap. */
function keyPages(dist: string): string[] {
  const { paths } = pagesToCheck(dist);
  const defi = paths.find((p) => /^\/defis\/(?!page\/)[^/]+\/$/.test(p));
  const article = paths.find((p) => /^\/blog\/(?!page\/)[^/]+\/$/.test(p));
  return ['/', '/programme/', '/defis/', defi ?? '/defis/', '/talents/', '/agents/', '/blog/', article ?? '/blog/', '/participer/candidats/', '/equipe/'];
}

// BENCH_ONLY=render: stage 6 alone (its own table), nothing else.
if (process.env['BENCH_ONLY'] === 'render') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/render.ts', corpus], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  rmSync(root, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

// SITE_URL = the nginx port used later, so canonical URLs match what Lighthouse loads.
const port = await freePort();
const siteUrl = `http://127.0.0.1:${port}`;

// 1. Demo build.
log(`construction du site de démonstration (${runs} fois)…`);
const demo = benchBuild('demo', { CONTENT_DIR: '', MEDIA_DIR: '', SITE_URL: siteUrl }, runs);
if (!demo) { console.error('La construction de démonstration a échoué : rien à mesurer.'); process.exit(1); }
results['demoBuild'] = { ...demo, dist: undefined };

// 2. Imported corpus.
let corpusDist: string | undefined;
if (!skip.has('corpus') && existsSync(join(corpus, 'content'))) {
  if (existsSync('scripts/bench/corpus.ts')) {
    log('corpus : scripts/bench/corpus.ts (import, check, construction)…');
    const r = run(['scripts/bench/corpus.ts', corpus], { BENCH_RUNS: String(runs) }, 900_000);
    if (r.ok && existsSync('bench-results/corpus.json')) results['corpus'] = JSON.parse(readFileSync('bench-results/corpus.json', 'utf8'));
  }
  const imported = join(root, 'corpus-import');
  const imp = run(['scripts/import.ts', corpus, imported]);
  if (imp.ok) {
    const b = benchBuild('corpus', { CONTENT_DIR: join(imported, 'content'), MEDIA_DIR: join(imported, 'media'), SITE_URL: siteUrl }, 1);
    if (b) {
      corpusDist = b.dist;
      results['corpusBuildKept'] = { ...b, dist: undefined };
      // Broken links inside the imported content bodies: content defects of the old site, listed.
      const broken = writeBrokenLinksReport(b.dist, 'bench-results/corpus-broken-links.json', { scope: 'body' });
      results['corpusBrokenBodyLinks'] = broken.length;
      log(`corpus : ${broken.length} lien(s) cassé(s) dans les contenus → bench-results/corpus-broken-links.json`);
    }
  }
} else if (!skip.has('corpus')) notes.push(`corpus absent (${corpus}) : étape ignorée`);

// 3 and 5: nginx with the production configuration.
const install = ensureNginx(!skip.has('wrk'));
const demoKeys = keyPages(demo.dist);
if (!install.ok) notes.push(`nginx : ${install.why}`);
else {
  const nginx = await startNginx(demo.dist, { workers: 2, port });
  try {
    log('octets d’une première visite (Chromium, mobile), site de démonstration…');
    results['firstVisitDemo'] = await firstVisitBytes(nginx.baseUrl, demoKeys);
    if (!skip.has('lighthouse')) {
      log('Lighthouse 12.2.3 (mobile) sur les 10 pages…');
      results['lighthouse'] = await lighthouseScores(nginx.baseUrl, demoKeys);
    }
    if (!skip.has('wrk') && existsSync('/usr/bin/wrk')) {
      log('wrk : 30 s, 64 connexions, 10 pages, boucle locale…');
      const script = join(root, 'pages.lua');
      writeFileSync(script, [
        `local paths = { ${demoKeys.map((p) => JSON.stringify(p)).join(', ')} }`,
        'local i = 0',
        'request = function()',
        '  i = i % #paths + 1',
        '  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "br, gzip" })',
        'end',
      ].join('\n'));
      const w = spawnSync('wrk', ['-t2', '-c64', '-d30s', '--timeout', '5s', '--latency', '-s', script, nginx.baseUrl], { encoding: 'utf8', timeout: 60_000 });
      const out = w.stdout ?? '';
      const ms = (label: string) => {
        const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
        return m ? +(Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1)).toFixed(2) : undefined;
      };
      const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      results['wrk'] = {
        seconds: 30, connections: 64, threads: 2, pages: demoKeys.length,
        requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
        p50ms: ms('50'), p99ms: ms('99'),
        non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
        socketErrors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
        transferPerSecond: /Transfer\/sec:\s+(\S+)/.exec(out)?.[1],
      };
    }
  } finally { await nginx.stop(); }
  if (corpusDist) {
    const n2 = await startNginx(corpusDist, { workers: 2, port });
    try {
      log('octets d’une première visite, corpus importé…');
      results['firstVisitCorpus'] = await firstVisitBytes(n2.baseUrl, keyPages(corpusDist));
    } finally { await n2.stop(); }
  }
}

// 4. Publish → live and search, from their own benchmarks.
if (!skip.has('publish') && existsSync('scripts/bench/publish.ts')) {
  log('publication → en ligne (scripts/bench/publish.ts, 3 fois)…');
  const r = run(['scripts/bench/publish.ts', '3'], {}, 400_000);
  if (r.ok && existsSync('bench-results/publish.json')) results['publish'] = JSON.parse(readFileSync('bench-results/publish.json', 'utf8'));
}
if (!skip.has('search') && existsSync('scripts/bench/search.ts')) {
  log('recherche (scripts/bench/search.ts)…');
  const json = join(root, 'search.json');
  const r = run(['scripts/bench/search.ts', '--dist', demo.dist, '--json', json], {}, 300_000);
  if (r.ok && existsSync(json)) results['search'] = JSON.parse(readFileSync(json, 'utf8'));
}
// 6. The long-lived renderer (scripts/bench/render.ts): Hugo, content-only rebuild, publish → live, test layers.
if (!skip.has('render') && existsSync(join(corpus, 'content'))) {
  log('rendu incrémental (scripts/bench/render.ts : Hugo, reconstruction de contenu, publication, couches de tests)…');
  const r = run(['scripts/bench/render.ts', corpus], {}, 3_600_000);
  if (r.ok && existsSync('bench-results/render.json')) results['render'] = JSON.parse(readFileSync('bench-results/render.json', 'utf8'));
}
results['loadAverageAtEnd'] = loadavg().map((x) => +x.toFixed(2));
results['notes'] = notes;
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', `${JSON.stringify(results, null, 2)}\n`);

// The table.
const rows: [string, string, string][] = [];
const d = results['demoBuild'] as NonNullable<typeof demo>;
rows.push(['Construction démo (min / médiane)', `${d.minSeconds} s / ${d.medianSeconds} s, ${d.pages} pages, ${d.pagesPerSecond} pages/s, pic ${d.peakRssMB} Mo`, '']);
const c = results['corpus'] as { import?: { minSeconds: number; medianSeconds: number }; check?: { minSeconds: number; medianSeconds: number }; build?: { minSeconds: number; medianSeconds: number; peakRssMB: number }; pages?: { pages: number; redirects: number } } | undefined;
if (c?.build) {
  const pages = (c.pages?.pages ?? 0) + (c.pages?.redirects ?? 0);
  rows.push(['Corpus : import (min / médiane)', `${c.import!.minSeconds.toFixed(2)} s / ${c.import!.medianSeconds.toFixed(2)} s`, '≤ 5 s']);
  rows.push(['Corpus : check', `${c.check!.minSeconds.toFixed(2)} s / ${c.check!.medianSeconds.toFixed(2)} s`, '≤ 2 s']);
  rows.push(['Corpus : construction', `${c.build.minSeconds.toFixed(2)} s / ${c.build.medianSeconds.toFixed(2)} s, ${pages} pages, ${(pages / c.build.medianSeconds).toFixed(1)} pages/s, pic ${c.build.peakRssMB.toFixed(0)} Mo`, '≤ 15 s, ≤ 1,5 Go']);
}
if (results['corpusBrokenBodyLinks'] !== undefined) rows.push(['Corpus : liens cassés dans les contenus', `${String(results['corpusBrokenBodyLinks'])} (bench-results/corpus-broken-links.json)`, '']);
const fv = (label: string, r: Record<string, Bytes> | undefined) => {
  for (const [p, b] of Object.entries(r ?? {})) {
    const t = b.byType;
    rows.push([`${label} ${p}`, `${kb(b.total)} (chargement ${kb(b.atLoad)}) : doc ${kb(t['document'] ?? 0)}, css ${kb(t['css'] ?? 0)}, js ${kb(t['js'] ?? 0)}, police ${kb(t['font'] ?? 0)}, image ${kb(t['image'] ?? 0)}, autre ${kb(t['other'] ?? 0)}`, p === '/talents/' && label.includes('corpus') ? '≤ 1,5 Mo' : '']);
  }
};
fv('1re visite démo', results['firstVisitDemo'] as Record<string, Bytes> | undefined);
fv('1re visite corpus', results['firstVisitCorpus'] as Record<string, Bytes> | undefined);
for (const [p, s] of Object.entries((results['lighthouse'] ?? {}) as Record<string, Scores | { error: string }>)) {
  rows.push([`Lighthouse ${p}`, 'error' in s ? `erreur : ${s.error}` : `perf ${s.performance}, a11y ${s.accessibility}, bonnes pratiques ${s['best-practices']}, SEO ${s.seo}${(s as { failing?: string[] }).failing ? ` (échecs : ${(s as { failing?: string[] }).failing!.join(', ')})` : ''}`, 'perf ≥ 95, autres = 100']);
}
const pub = results['publish'] as { publishToVisibleMs?: { median: number; min: number } } | undefined;
if (pub?.publishToVisibleMs) rows.push(['Publication → en ligne (médiane / min)', `${(pub.publishToVisibleMs.median / 1000).toFixed(1)} s / ${(pub.publishToVisibleMs.min / 1000).toFixed(1)} s`, '≤ 15 s']);
const se = results['search'] as { indexBytes?: number; pagefindTransferredBytes?: number; firstResultsMsMedian?: number } | undefined;
if (se?.indexBytes !== undefined) rows.push(['Recherche', `index ${kb(se.indexBytes)}, 1 requête ${kb(se.pagefindTransferredBytes ?? 0)}, premiers résultats ${se.firstResultsMsMedian} ms`, '']);
const w = results['wrk'] as { requestsPerSecond: number; p50ms?: number; p99ms?: number; non2xx3xx: number; socketErrors: number } | undefined;
if (w) rows.push(['nginx sous charge (wrk 30 s, 64 conn.)', `${w.requestsPerSecond.toFixed(0)} req/s, p50 ${w.p50ms} ms, p99 ${w.p99ms} ms, erreurs ${w.non2xx3xx + w.socketErrors}`, '0 erreur']);
interface RenderFigure { seconds?: number; load: [number, number] }
const rd = results['render'] as { figures?: Record<string, RenderFigure> } | undefined;
if (rd?.figures) {
  const fg = rd.figures;
  const sec = (k: string) => fg[k]?.seconds;
  const ld = (k: string) => (fg[k] ? ` (charge ${fg[k]!.load[0]} → ${fg[k]!.load[1]})` : '');
  const hugo = sec('hugo');
  const rebuild = sec('contentRebuild');
  const fullDemo = sec('demoFullBuild');
  const pubSec = sec('publishToLive');
  rows.push(['Hugo, corpus (référence, même exécution)', hugo === undefined ? 'non mesuré (hugo absent)' : `${hugo} s${ld('hugo')}`, '']);
  if (rebuild !== undefined) rows.push(['Corpus : npm run build, contenu seul (médiane)', `${rebuild} s${hugo ? ` = ${(rebuild / hugo).toFixed(1)} × Hugo` : ''}${ld('contentRebuild')}`, '≤ 3 × Hugo']);
  if (fullDemo !== undefined) rows.push(['Démo : construction complète (paquet refait)', `${fullDemo} s${ld('demoFullBuild')}`, '']);
  if (pubSec !== undefined) rows.push(['Démo : publication → en ligne (médiane de 5)', `${pubSec} s${fullDemo ? ` = ${(pubSec / fullDemo).toFixed(2)} × complète` : ''}${ld('publishToLive')}`, '≤ 0,25 × complète, ≤ 2 s']);
  for (const layer of ['unit', 'pages', 'browser']) if (fg[`tests:${layer}`]) rows.push([`Tests, couche ${layer}`, `${sec(`tests:${layer}`) ?? 'en échec'} s${ld(`tests:${layer}`)}`, '']);
}
for (const r of rows) if (r[0].length > 56) r[0] = `${r[0].slice(0, 55)}…`;
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nMesures (${cpus().length} cœurs, charge ${(results['loadAverageAtStart'] as number[]).join(' ')} → ${(results['loadAverageAtEnd'] as number[]).join(' ')}) :`);
for (const [a, b, t] of rows) console.log(`${a.padEnd(width)}  ${b}${t ? `  [cible ${t}]` : ''}`);
for (const n of notes) console.log(`note : ${n}`);
console.log('\nrésultats : bench-results/bench.json');
rmSync(root, { recursive: true, force: true });
