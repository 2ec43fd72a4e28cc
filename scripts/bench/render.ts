/**
 * `npm run bench:render [corpus]` (stage 6 of `npm run bench`; alone: `BENCH_ONLY=render npm run
 * bench`): the figures of #12 from ONE run, as one table, with the load average (1 min) before
 * and after each figure; written to bench-results/render.json.
 *
 * - Hugo 0.111 (Debian) on the corpus with the previous site's templates (../shared/corpus/…/hugo,
 *   copied to a temporary folder as its README says), and our content-only `npm run build` of the
 *   imported corpus after changing one défi's body: run in turns (Hugo, ours, Hugo, ours…) so that
 *   both see the same load; medians of BENCH_REBUILDS (default 5) and their ratio;
 * - the first `npm run build` of the imported corpus into a new folder (server bundle cached,
 *   every page rendered);
 * - a full build of the demo content, as after a code change: `npm run build` into a new folder
 *   with an empty renderer cache (the server bundle is made again), and `astro build`
 *   (EIG_ASTRO_BUILD=1), each once;
 * - publish → live in the back-office (scripts/bench/publish.ts, a child process, BENCH_PUBLISH_RUNS
 *   default 5): its median and its ratio to the full build above. Contract with publish.ts: its
 *   last stdout line is `PUBLISH_JSON {…}` (at least `publishToVisibleMs.median` and `.all`, in
 *   ms); else bench-results/publish.json is read (same fields);
 * - each test layer's time: `npm run test:unit`, `test:pages`, `test:browser`.
 *
 * BENCH_SKIP=hugo,publish,tests,full leaves parts out. The last content-only rebuild's phase
 * timeline (BUILD_TIMINGS=1) is printed under the table.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const corpus = resolve(process.argv[2] || process.env['BENCH_CORPUS'] || '../shared/corpus/site-eig-v2');
const skip = new Set((process.env['BENCH_SKIP'] || '').split(',').filter(Boolean));
const rebuildRuns = Number(process.env['BENCH_REBUILDS'] || 5);
const publishRuns = Number(process.env['BENCH_PUBLISH_RUNS'] || 5);
const root = mkdtempSync(join(tmpdir(), 'eig-bench-render-'));
const log = (s: string) => console.log(`[bench:render] ${s}`);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const load1 = () => +loadavg()[0]!.toFixed(2);

/** One figure of the table: seconds (median when several), the load before and after. */
interface Figure { seconds?: number; samples?: number[]; load: [number, number]; note?: string }
const figures: Record<string, Figure> = {};

interface Run { ok: boolean; seconds: number; stdout: string }
/** Runs a command; wall seconds; the output's tail is printed on failure. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd(), timeout = 3_600_000): Run {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout });
  const seconds = +((performance.now() - t0) / 1000).toFixed(2);
  if (r.status !== 0) log(`échec : ${cmd} ${args.join(' ')} (${r.status ?? r.signal})\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-20).join('\n')}`);
  return { ok: r.status === 0, seconds, stdout: r.stdout ?? '' };
}
const tsx = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, ['--import', 'tsx', ...args], env);

/** Measures `fn` (seconds or undefined) as the figure `key`, with the load around it. */
function figure(key: string, fn: () => number | undefined, note?: string): number | undefined {
  const before = load1();
  const s = fn();
  figures[key] = { ...(s === undefined ? {} : { seconds: s }), load: [before, load1()], ...(note ? { note } : {}) };
  log(`${key} : ${s === undefined ? 'échec' : `${s} s`} (charge ${before} → ${load1()})`);
  return s;
}

/** Appends a paragraph to the first défi of a content tree (a body-only edit). */
let edits = 0;
function editDefi(contentDir: string): void {
  const dir = join(contentDir, 'defis');
  const file = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort()[0]!;
  writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n\nModification de mesure n° ${++edits}.\n`);
}

let timeline: string[] = [];
let publishDetails: unknown;
let publishSamples: number[] | undefined;
try {
  // The imported corpus and Hugo's copy of it.
  const imported = join(root, 'import');
  if (!tsx(['scripts/import.ts', corpus, imported]).ok) throw new Error('import du corpus en échec');
  const env = { CONTENT_DIR: join(imported, 'content'), MEDIA_DIR: join(imported, 'media'), SITE_URL: '' };
  const hugoVersion = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  const hugoSite = join(root, 'hugo');
  const withHugo = !skip.has('hugo') && hugoVersion.status === 0 && existsSync(join(corpus, 'hugo'));
  if (withHugo) {
    cpSync(join(corpus, 'hugo'), hugoSite, { recursive: true });
    cpSync(join(corpus, 'content'), join(hugoSite, 'content'), { recursive: true });
    mkdirSync(join(hugoSite, 'static'), { recursive: true });
    cpSync(join(corpus, 'static', 'img'), join(hugoSite, 'static', 'img'), { recursive: true });
  }

  // The first npm run build of the corpus (state for the content-only rebuilds).
  const out = join(root, 'dist');
  figure('corpusFirstBuild', () => { const r = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out }); return r.ok ? r.seconds : undefined; });

  // Hugo and the content-only rebuild, in turns.
  const hugoRuns: number[] = [];
  const rebuilds: number[] = [];
  const loads = { hugo: [load1(), 0] as [number, number], rebuild: [load1(), 0] as [number, number] };
  const hugoOnce = () => {
    rmSync(join(hugoSite, 'public'), { recursive: true, force: true });
    const r = run('hugo', ['--quiet', '--config', 'config.toml,sec.toml', '-d', 'public'], {}, hugoSite);
    if (r.ok) hugoRuns.push(r.seconds);
  };
  if (withHugo) hugoOnce(); // warm-up (file cache), not counted
  hugoRuns.length = 0;
  for (let i = 0; i < rebuildRuns; i++) {
    if (withHugo) hugoOnce();
    editDefi(env.CONTENT_DIR);
    const r = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out, BUILD_TIMINGS: '1' });
    if (r.ok) {
      if (!/Construction incrémentale/.test(r.stdout)) log('ATTENTION : la reconstruction n’a pas été incrémentale');
      rebuilds.push(r.seconds);
      const at = r.stdout.indexOf('Chronologie');
      if (at >= 0) timeline = r.stdout.slice(at).trim().split('\n');
    }
  }
  loads.hugo[1] = loads.rebuild[1] = load1();
  if (withHugo) figures['hugo'] = { seconds: median(hugoRuns), samples: hugoRuns, load: loads.hugo, note: hugoVersion.stdout.trim().split(' ').slice(0, 2).join(' ') };
  figures['contentRebuild'] = { ...(rebuilds.length ? { seconds: median(rebuilds) } : {}), samples: rebuilds, load: loads.rebuild };
  log(`Hugo : ${hugoRuns.join(' s, ')} s ; npm run build, contenu seul : ${rebuilds.join(' s, ')} s`);

  // Full builds of the demo content (the content publish.ts publishes), as after a code change.
  if (!skip.has('full')) {
    const demo = { CONTENT_DIR: '', MEDIA_DIR: '', SITE_URL: '' };
    figure('demoFullBuild', () => {
      // Inside the project: the bundle resolves its packages from node_modules.
      const cache = join(process.cwd(), 'node_modules', '.cache', `eig-render-bench-${process.pid}`);
      try {
        const r = tsx(['scripts/build.ts'], { ...demo, OUT_DIR: join(root, 'demo-full'), EIG_RENDER_CACHE_DIR: cache });
        return r.ok ? r.seconds : undefined;
      } finally { rmSync(cache, { recursive: true, force: true }); }
    }, 'npm run build, cache du rendu vide (paquet serveur refait)');
    figure('demoAstroBuild', () => {
      const r = tsx(['scripts/build.ts'], { ...demo, OUT_DIR: join(root, 'demo-astro'), EIG_ASTRO_BUILD: '1', ASTRO_CACHE_DIR: join(root, 'astro-cache') });
      return r.ok ? r.seconds : undefined;
    }, 'astro build (EIG_ASTRO_BUILD=1)');
  }

  // Publish → live, from publish.ts.
  if (!skip.has('publish') && existsSync('scripts/bench/publish.ts')) {
    figure('publishToLive', () => {
      const r = tsx(['scripts/bench/publish.ts', String(publishRuns)]);
      if (!r.ok) return undefined;
      const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('PUBLISH_JSON '));
      const json = line ? line.slice('PUBLISH_JSON '.length) : existsSync('bench-results/publish.json') ? readFileSync('bench-results/publish.json', 'utf8') : undefined;
      if (!json) return undefined;
      const p = JSON.parse(json) as { publishToVisibleMs?: { median: number; all?: number[] } };
      publishDetails = p;
      if (!p.publishToVisibleMs) return undefined;
      publishSamples = p.publishToVisibleMs.all?.map((ms) => +(ms / 1000).toFixed(2));
      return +(p.publishToVisibleMs.median / 1000).toFixed(2);
    }, `médiane de ${publishRuns} (scripts/bench/publish.ts)`);
    if (publishSamples && figures['publishToLive']) figures['publishToLive'].samples = publishSamples;
  }

  // Test layers.
  if (!skip.has('tests')) {
    for (const layer of ['unit', 'pages', 'browser']) {
      figure(`tests:${layer}`, () => { const r = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', layer]); return r.ok ? r.seconds : undefined; }, `npm run test:${layer}`);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const results = { date: new Date().toISOString(), cores: cpus().length, figures, timeline, publish: publishDetails };
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/render.json', `${JSON.stringify(results, null, 2)}\n`);

// The table.
const f = (k: string) => figures[k];
const s = (x?: Figure) => (x?.seconds === undefined ? 'non mesuré' : `${x.seconds.toFixed(2)} s`);
const ld = (x?: Figure) => (x ? `${x.load[0]} → ${x.load[1]}` : '');
const ratio = (a?: Figure, b?: Figure) => (a?.seconds !== undefined && b?.seconds ? (a.seconds / b.seconds).toFixed(2) : '—');
const samples = (x?: Figure) => (x?.samples?.length ? ` [${x.samples.join(', ')}]` : '');
const rows: [string, string, string, string][] = [
  ['Hugo 0.111, corpus (médiane)', `${s(f('hugo'))}${samples(f('hugo'))}`, '', ld(f('hugo'))],
  ['npm run build, contenu seul, corpus (médiane)', `${s(f('contentRebuild'))}${samples(f('contentRebuild'))}`, `${ratio(f('contentRebuild'), f('hugo'))} × Hugo (cible ≤ 3, visé ≤ 1)`, ld(f('contentRebuild'))],
  ['npm run build, 1re fois, corpus (tout rendu)', s(f('corpusFirstBuild')), '', ld(f('corpusFirstBuild'))],
  ['Construction complète, démo (paquet refait)', s(f('demoFullBuild')), '', ld(f('demoFullBuild'))],
  ['astro build complet, démo', s(f('demoAstroBuild')), '', ld(f('demoAstroBuild'))],
  ['Publication → en ligne, démo (médiane)', `${s(f('publishToLive'))}${samples(f('publishToLive'))}`, `${ratio(f('publishToLive'), f('demoFullBuild'))} × complète, ${ratio(f('publishToLive'), f('demoAstroBuild'))} × astro build (cible ≤ 0,25 ; visé ≤ 2 s)`, ld(f('publishToLive'))],
  ['Tests : npm run test:unit', s(f('tests:unit')), '', ld(f('tests:unit'))],
  ['Tests : npm run test:pages', s(f('tests:pages')), '', ld(f('tests:pages'))],
  ['Tests : npm run test:browser', s(f('tests:browser')), '', ld(f('tests:browser'))],
];
const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`\nRendu incrémental (#12) — ${cpus().length} cœurs, une seule exécution, charge = moyenne sur 1 min avant → après chaque mesure :`);
console.log(`${'Mesure'.padEnd(w[0]!)}  ${'Temps'.padEnd(w[1]!)}  ${'Rapport'.padEnd(w[2]!)}  Charge`);
for (const r of rows) console.log(`${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2].padEnd(w[2]!)}  ${r[3]}`);
if (timeline.length) console.log(`\nDernière reconstruction « contenu seul » :\n${timeline.slice(1).join('\n')}`);
console.log('\nrésultats : bench-results/render.json');
