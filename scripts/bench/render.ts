/**
 * `tsx scripts/bench/render.ts [corpus]`: the long-lived renderer's figures, from one run (#12),
 * written to bench-results/render.json and printed:
 * - Hugo 0.111 (Debian) on the corpus with the previous site's templates (../shared/corpus/…/hugo,
 *   copied to a temporary folder, as its README says); skipped with a message without `hugo`;
 * - a full `astro build` of the imported corpus (EIG_ASTRO_BUILD=1 npm run build);
 * - `npm run build` through the renderer: first run (full render), then content-only rebuilds
 *   after changing one défi's body (median of 3), and its ratio to Hugo;
 * - publish → live in-process, as the back-office server does it with the renderer API: change
 *   a défi's body, update into a new folder, search index, CSP, switch (median of 5), and its
 *   ratio to the full build;
 * - each test layer's time (npm run test:unit / test:pages / test:browser), unless
 *   BENCH_SKIP has `tests`.
 * Wall times on a loaded machine mislead: the load average is printed with the figures.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRenderer } from '../lib/render/renderer.ts';
import { buildSearchIndex } from '../lib/search-index.ts';
import { writeCsp } from '../deploy/csp.ts';

const corpus = resolve(process.argv[2] || process.env['BENCH_CORPUS'] || '../shared/corpus/site-eig-v2');
const skip = new Set((process.env['BENCH_SKIP'] || '').split(',').filter(Boolean));
const root = mkdtempSync(join(tmpdir(), 'eig-bench-render-'));
const log = (s: string) => console.log(`[bench:render] ${s}`);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const load = () => loadavg().map((x) => +x.toFixed(2));
const results: Record<string, unknown> = { date: new Date().toISOString(), cores: cpus().length, loadAverageAtStart: load() };
const notes: string[] = [];

/** Runs a command; wall seconds, or undefined on failure (output printed). */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): number | undefined {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) { log(`échec : ${cmd} ${args.join(' ')}\n${`${r.stdout}${r.stderr}`.split('\n').slice(-15).join('\n')}`); return undefined; }
  return +s.toFixed(2);
}
const tsx = (args: string[], env: NodeJS.ProcessEnv = {}) => timed(process.execPath, ['--import', 'tsx', ...args], env);

/** Appends a paragraph to the first visible défi of a content tree (a body-only edit). */
let edits = 0;
function editDefi(contentDir: string): string {
  const dir = join(contentDir, 'defis');
  const file = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort()[0]!;
  writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n\nModification de mesure n° ${++edits}.\n`);
  return join(dir, file);
}

try {
  // 1. Hugo.
  const hugoBin = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (hugoBin.status !== 0) notes.push('hugo absent (apt-get install -y hugo) : référence Hugo ignorée');
  else if (!existsSync(join(corpus, 'hugo'))) notes.push(`${corpus}/hugo absent : référence Hugo ignorée`);
  else {
    const site = join(root, 'hugo');
    cpSync(join(corpus, 'hugo'), site, { recursive: true });
    cpSync(join(corpus, 'content'), join(site, 'content'), { recursive: true });
    mkdirSync(join(site, 'static'), { recursive: true });
    cpSync(join(corpus, 'static', 'img'), join(site, 'static', 'img'), { recursive: true });
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      rmSync(join(site, 'public'), { recursive: true, force: true });
      const s = timed('hugo', ['--quiet', '--config', 'config.toml,sec.toml', '-d', 'public'], {}, site);
      if (s !== undefined) runs.push(s);
    }
    if (runs.length) results['hugo'] = { version: hugoBin.stdout.trim().split(' ').slice(0, 2).join(' '), seconds: runs, median: median(runs) };
    log(`Hugo : ${runs.join(' s, ')} s`);
  }

  // 2. The imported corpus.
  const imported = join(root, 'import');
  if (tsx(['scripts/import.ts', corpus, imported]) === undefined) throw new Error('import du corpus en échec');
  const env = { CONTENT_DIR: join(imported, 'content'), MEDIA_DIR: join(imported, 'media'), SITE_URL: '' };

  // 3. Full astro build, as before the renderer.
  const full = tsx(['scripts/build.ts'], { ...env, EIG_ASTRO_BUILD: '1', OUT_DIR: join(root, 'astro-dist') });
  results['astroBuild'] = full;
  log(`astro build complet : ${full} s`);

  // 4. npm run build through the renderer: first run, then content-only rebuilds.
  const out = join(root, 'dist');
  results['renderedFirst'] = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out });
  const rebuilds: number[] = [];
  for (let i = 0; i < 3; i++) {
    editDefi(env.CONTENT_DIR);
    const s = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out });
    if (s !== undefined) rebuilds.push(s);
  }
  results['contentRebuild'] = { seconds: rebuilds, median: median(rebuilds) };
  log(`npm run build, contenu seul : ${rebuilds.join(' s, ')} s`);

  // 5. Publish → live with the renderer API, in-process (what the back-office server would do).
  process.env['CONTENT_DIR'] = env.CONTENT_DIR;
  process.env['MEDIA_DIR'] = env.MEDIA_DIR;
  const renderer = await createRenderer({ codeRoot: process.cwd() });
  let served = join(root, 'live-0');
  await renderer.full(env.CONTENT_DIR, env.MEDIA_DIR, served);
  const publishes: number[] = [];
  const details: Record<string, number>[] = [];
  for (let i = 1; i <= 5; i++) {
    const changed = editDefi(env.CONTENT_DIR);
    const t0 = performance.now();
    const next = join(root, `live-${i}`);
    const r = await renderer.update(env.CONTENT_DIR, env.MEDIA_DIR, [changed], served, next);
    const t1 = performance.now();
    await buildSearchIndex(next);
    const t2 = performance.now();
    writeCsp(next);
    served = next; // the switch: the server reads its root per request
    const ms = performance.now() - t0;
    publishes.push(+(ms / 1000).toFixed(2));
    details.push({ ...r.ms, search: Math.round(t2 - t1), rendered: r.rendered, written: r.written });
  }
  await renderer.close();
  results['publishToLive'] = { seconds: publishes, median: median(publishes), details };
  log(`publication → en ligne (API) : ${publishes.join(' s, ')} s`);

  // 6. Test layers.
  if (!skip.has('tests')) {
    const layers: Record<string, number | undefined> = {};
    for (const layer of ['unit', 'pages', 'browser']) {
      log(`couche de tests ${layer}…`);
      layers[layer] = timed(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', layer]);
    }
    results['testLayers'] = layers;
  } else notes.push('couches de tests ignorées (BENCH_SKIP=tests)');
} finally {
  rmSync(root, { recursive: true, force: true });
}

results['loadAverageAtEnd'] = load();
results['notes'] = notes;
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/render.json', `${JSON.stringify(results, null, 2)}\n`);

const hugo = (results['hugo'] as { median: number } | undefined)?.median;
const rebuild = (results['contentRebuild'] as { median: number }).median;
const full = results['astroBuild'] as number | undefined;
const pub = (results['publishToLive'] as { median: number }).median;
const layers = results['testLayers'] as Record<string, number | undefined> | undefined;
const rows: [string, string][] = [
  ['Hugo, corpus (médiane de 3)', hugo === undefined ? 'non mesuré' : `${hugo} s`],
  ['astro build complet, corpus', `${full ?? '—'} s`],
  ['npm run build, 1re fois (rendu complet)', `${String(results['renderedFirst'] ?? '—')} s`],
  ['npm run build, contenu seul (médiane de 3)', `${rebuild} s${hugo ? ` = ${(rebuild / hugo).toFixed(1)} × Hugo` : ''}  [cible ≤ 3 × Hugo]`],
  ['Publication → en ligne (API, médiane de 5)', `${pub} s${full ? ` = ${(pub / full).toFixed(2)} × construction complète` : ''}  [cible ≤ 0,25 ×, visé ≤ 2 s]`],
  ...(layers ? Object.entries(layers).map(([k, v]) => [`Tests, couche ${k}`, v === undefined ? 'en échec' : `${v} s`] as [string, string]) : []),
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nRendu (${cpus().length} cœurs, charge ${(results['loadAverageAtStart'] as number[]).join(' ')} → ${(results['loadAverageAtEnd'] as number[]).join(' ')}) :`);
for (const [a, b] of rows) console.log(`${a.padEnd(width)}  ${b}`);
for (const n of notes) console.log(`note : ${n}`);
