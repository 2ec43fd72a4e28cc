/**
 * `npm run bench:render [corpus]` (stage 6 of `npm run bench`; alone: `BENCH_ONLY=render npm run
 * bench`): the figures of #23 from ONE run, as one table, with the load average (1 min) before and
 * after each figure; written to bench-results/render.json.
 *
 * Two content sets: the imported corpus, and ten times it (scripts/bench/scale.ts, BENCH_SCALE
 * copies; in a temporary folder, never tracked). On each:
 * - a first `npm run build` into a new folder (server bundle and image variants cached by a
 *   warm-up build, not counted; every page rendered): the full build the publications are
 *   compared with;
 * - Hugo 0.111 (Debian) on the same tree in the previous site's format with its templates
 *   (../shared/corpus/…/hugo; the 10× tree scaled the same way), and our content-only `npm run
 *   build` after changing one défi's body, in turns (Hugo, ours, Hugo, ours…) so that both see
 *   the same load: medians of BENCH_REBUILDS (default 3) and their ratio;
 * - publish → live for each kind of change (scripts/bench/changes.ts, a child process with the
 *   back-office server: median of BENCH_PUBLISH_RUNS, default 5), its ratio to the full build,
 *   the publication check cold and warm, the server's RSS after 20 publications.
 *
 * BENCH_SKIP=hugo,x10,changes leaves parts out. The content-only rebuilds' phase timelines
 * (BUILD_TIMINGS=1) are printed under the table: where the time goes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scaleContent } from './scale.ts';

const corpus = resolve(process.argv[2] || process.env['BENCH_CORPUS'] || '../shared/corpus/site-eig-v2');
const skip = new Set((process.env['BENCH_SKIP'] || '').split(',').filter(Boolean));
const rebuildRuns = Number(process.env['BENCH_REBUILDS'] || 3);
const publishRuns = Number(process.env['BENCH_PUBLISH_RUNS'] || 5);
// The 10× set's publications take long (each up to a minute under load): fewer may be asked for.
const publishRunsX10 = Number(process.env['BENCH_PUBLISH_RUNS_X10'] || publishRuns);
const copies = Number(process.env['BENCH_SCALE'] || 10);
const root = mkdtempSync(join(tmpdir(), 'eig-bench-render-'));
const log = (s: string) => console.log(`[bench:render] ${s}`);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const load1 = () => +loadavg()[0]!.toFixed(2);

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

/** Appends a paragraph to the first défi of a content tree (a body-only edit). */
let edits = 0;
function editDefi(contentDir: string): void {
  const dir = join(contentDir, 'defis');
  const file = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort()[0]!;
  writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n\nModification de mesure n° ${++edits}.\n`);
}

interface Kind { liveMs: number; all: number[]; rendered: number; pages: number; phasesMedianMs: Record<string, number>; load: [number, number] }
interface Changes { firstBuildMs: number; kinds: Record<string, Kind>; checkMs: { cold: number; warm: number; warmup?: number }; rssMb: { after20?: number; end: number; publications: number } }
interface SetFigures {
  pages?: number;
  fullBuild?: { seconds: number; load: [number, number] };
  rebuild?: { seconds: number; samples: number[]; load: [number, number] };
  hugo?: { seconds: number; samples: number[]; load: [number, number]; version: string };
  changes?: Changes & { load: [number, number] };
  timeline: string[];
}

const hugoVersion = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const withHugo = !skip.has('hugo') && hugoVersion.status === 0 && existsSync(join(corpus, 'hugo'));

/** All the figures of one content set (ours in `content`/`media`, Hugo's in `hugoSite`). */
function measure(label: string, content: string, media: string, hugoSite: string | undefined, warmUp: boolean, runs: number): SetFigures {
  const env = { CONTENT_DIR: content, MEDIA_DIR: media, SITE_URL: '' };
  const fig: SetFigures = { timeline: [] };
  const out = join(root, `${label}-dist`);
  // Not counted: makes the image variants (once per image, kept in node_modules/.cache/eig-images)
  // and the server bundle, so that the full build below is every page rendered, as after a reset.
  if (warmUp) { log(`${label} : construction de chauffe (variantes d’images, paquet serveur)…`); tsx(['scripts/build.ts'], { ...env, OUT_DIR: join(root, `${label}-warm`) }); rmSync(join(root, `${label}-warm`), { recursive: true, force: true }); }
  let before = load1();
  const first = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out });
  if (first.ok) fig.fullBuild = { seconds: first.seconds, load: [before, load1()] };
  const pages = /Construction (?:incrémentale|complète)[^:\n]*: (\d+) page\(s\)/.exec(first.stdout)?.[1];
  if (pages) fig.pages = Number(pages);
  log(`${label} : construction complète ${first.seconds} s (charge ${before} → ${load1()})`);

  const hugoRuns: number[] = [];
  const rebuilds: number[] = [];
  const hugoOnce = () => {
    rmSync(join(hugoSite!, 'public'), { recursive: true, force: true });
    const r = run('hugo', ['--quiet', '--config', 'config.toml,sec.toml', '-d', 'public'], {}, hugoSite);
    if (r.ok) hugoRuns.push(r.seconds);
  };
  if (hugoSite) { hugoOnce(); hugoRuns.length = 0; } // warm-up (file cache), not counted
  before = load1();
  for (let i = 0; i < rebuildRuns; i++) {
    if (hugoSite) hugoOnce();
    editDefi(content);
    const r = tsx(['scripts/build.ts'], { ...env, OUT_DIR: out, BUILD_TIMINGS: '1' });
    if (!r.ok) continue;
    if (!/Construction incrémentale/.test(r.stdout)) log('ATTENTION : la reconstruction n’a pas été incrémentale');
    rebuilds.push(r.seconds);
    const at = r.stdout.indexOf('Chronologie');
    if (at >= 0) fig.timeline = r.stdout.slice(at).trim().split('\n');
  }
  const load: [number, number] = [before, load1()];
  if (rebuilds.length) fig.rebuild = { seconds: median(rebuilds), samples: rebuilds, load };
  if (hugoRuns.length) fig.hugo = { seconds: median(hugoRuns), samples: hugoRuns, load, version: hugoVersion.stdout.trim().split(' ').slice(0, 2).join(' ') };
  log(`${label} : Hugo ${hugoRuns.join(' s, ')} s ; npm run build, contenu seul : ${rebuilds.join(' s, ')} s`);
  rmSync(out, { recursive: true, force: true });

  if (!skip.has('changes')) {
    before = load1();
    const r = tsx(['scripts/bench/changes.ts', content, media, String(runs)]);
    const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('CHANGES_JSON '));
    if (line) fig.changes = { ...(JSON.parse(line.slice('CHANGES_JSON '.length)) as Changes), load: [before, load1()] };
    for (const l of r.stdout.split('\n').filter((x) => x.startsWith('  '))) log(`${label} :${l}`);
    if (fig.changes) log(`${label} : contrôle froid ${fig.changes.checkMs.cold} ms, chaud ${fig.changes.checkMs.warm} ms ; démarrage ${fig.changes.firstBuildMs} ms ; RSS ${fig.changes.rssMb.after20 ?? '?'} Mo après 20 publications, ${fig.changes.rssMb.end} Mo à la fin`);
  }
  return fig;
}

const sets: Record<string, SetFigures> = {};
try {
  const imported = join(root, 'import');
  if (!tsx(['scripts/import.ts', corpus, imported]).ok) throw new Error('import du corpus en échec');
  const hugoOf = (dir: string, contentDir: string) => {
    cpSync(join(corpus, 'hugo'), dir, { recursive: true });
    cpSync(contentDir, join(dir, 'content'), { recursive: true });
    mkdirSync(join(dir, 'static'), { recursive: true });
    cpSync(join(corpus, 'static', 'img'), join(dir, 'static', 'img'), { recursive: true });
    return dir;
  };
  const hugoCorpus = withHugo ? hugoOf(join(root, 'hugo'), join(corpus, 'content')) : undefined;
  sets['corpus'] = measure('corpus', join(imported, 'content'), join(imported, 'media'), hugoCorpus, true, publishRuns);
  // Kept as soon as known: the 10× set takes long (a full render of it is minutes under load).
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/render.json', `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, copies, sets }, null, 2)}\n`);
  if (!skip.has('x10')) {
    const big = join(root, 'x10');
    scaleContent(join(imported, 'content'), join(imported, 'media'), big, copies);
    let hugoBig: string | undefined;
    if (withHugo) { scaleContent(join(corpus, 'content'), '', join(root, 'hugo-x10-src'), copies, 'title'); hugoBig = hugoOf(join(root, 'hugo-x10'), join(root, 'hugo-x10-src', 'content')); }
    sets['x10'] = measure('x10', join(big, 'content'), join(big, 'media'), hugoBig, false, publishRunsX10); // the corpus's images
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const results = { date: new Date().toISOString(), cores: cpus().length, copies, sets };
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/render.json', `${JSON.stringify(results, null, 2)}\n`);

// The table: one row per figure, one column per content set (time, ratio, load before → after).
const names = Object.keys(sets);
const sec = (ms?: number) => (ms === undefined || Number.isNaN(ms) ? 'non mesuré' : `${(ms / 1000).toFixed(2)} s`);
const ld = (l?: [number, number]) => (l ? ` (charge ${l[0]} → ${l[1]})` : '');
const rows: string[][] = [];
const kindsOf = [...new Set(names.flatMap((n) => Object.keys(sets[n]!.changes?.kinds ?? {})))];
for (const k of kindsOf) {
  rows.push([`Publication → en ligne : ${k} (médiane de ${publishRuns}${publishRunsX10 !== publishRuns ? `, ${publishRunsX10} sur 10×` : ''})`, ...names.map((n) => {
    const s = sets[n]!;
    const x = s.changes?.kinds[k];
    if (!x) return 'non mesuré';
    const ratio = s.fullBuild ? ` = ${(x.liveMs / 1000 / s.fullBuild.seconds).toFixed(2)} × complète` : '';
    return `${sec(x.liveMs)}${ratio}, ${x.rendered}/${x.pages} pages rendues${ld(x.load)}`;
  })]);
}
rows.push(['Construction complète (npm run build, nouveau dossier, toutes les pages)', ...names.map((n) => { const f = sets[n]!.fullBuild; return f ? `${f.seconds.toFixed(2)} s, ${sets[n]!.pages ?? '?'} pages${ld(f.load)}` : 'non mesuré'; })]);
rows.push([`npm run build, contenu seul (médiane de ${rebuildRuns})`, ...names.map((n) => { const f = sets[n]!.rebuild; return f ? `${f.seconds.toFixed(2)} s [${f.samples.join(', ')}]${sets[n]!.hugo ? ` = ${(f.seconds / sets[n]!.hugo!.seconds).toFixed(2)} × Hugo` : ''}${ld(f.load)}` : 'non mesuré'; })]);
rows.push([`Hugo, mêmes tours (${withHugo ? hugoVersion.stdout.trim().split(' ').slice(0, 2).join(' ') : 'absent'})`, ...names.map((n) => { const f = sets[n]!.hugo; return f ? `${f.seconds.toFixed(2)} s [${f.samples.join(', ')}]` : 'non mesuré (hugo absent)'; })]);
rows.push(['Contrôle de publication : au démarrage du serveur (préchauffage) / 1re publication / suivantes (médiane)', ...names.map((n) => { const c = sets[n]!.changes?.checkMs; return c ? `${sec(c.warmup)} / ${sec(c.cold)} / ${sec(c.warm)}` : 'non mesuré'; })]);
rows.push(['Serveur : démarrage (1re construction)', ...names.map((n) => sec(sets[n]!.changes?.firstBuildMs))]);
rows.push(['Serveur : RSS après 20 publications / à la fin', ...names.map((n) => { const r = sets[n]!.changes?.rssMb; return r ? `${r.after20 ?? '?'} Mo / ${r.end} Mo (${r.publications} publications)${ld(sets[n]!.changes!.load)}` : 'non mesuré'; })]);
const header = ['Mesure', ...names.map((n) => (n === 'x10' ? `${copies} × corpus` : 'corpus'))];
const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
console.log(`\nPublication et reconstruction (#23) — ${cpus().length} cœurs, une seule exécution, charge = moyenne sur 1 min avant → après :`);
console.log(header.map((h, i) => h.padEnd(w[i]!)).join(' | '));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i]!)).join(' | '));
for (const n of names) {
  const ph = sets[n]!.changes?.kinds;
  if (ph) { console.log(`\nPhases des publications, ${n} (médianes, ms) :`); for (const [k, x] of Object.entries(ph)) console.log(`  ${k} : ${Object.entries(x.phasesMedianMs).map(([p, v]) => `${p} ${v}`).join(', ')}`); }
  if (sets[n]!.timeline.length) console.log(`\nDernière reconstruction « contenu seul », ${n} :\n${sets[n]!.timeline.slice(1).join('\n')}`);
}
console.log('\nrésultats : bench-results/render.json');
