/**
 * `npm run bench:corpus [-- <legacy-dir>]`: on the previous site's tree (default: the shared
 * corpus), measures the import, the content check and the full build (fresh output and cache
 * folders each run), BENCH_RUNS times (default 3): wall time min/median and peak RSS of the
 * largest process (GNU time -v when installed, else the children's maxRSS). Prints the figures
 * and writes them to bench-results/corpus.json. Targets: import ≤ 5 s, check ≤ 2 s,
 * build ≤ 15 s, peak RSS ≤ 1.5 GB. A benchmark, not a test: it never fails on a figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const legacy = resolve(process.argv[2] ?? '../shared/corpus/site-eig-v2');
const runs = Number(process.env['BENCH_RUNS'] || 3);
const TIME = '/usr/bin/time';
const hasGnuTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident');

interface Sample { seconds: number; cpuSeconds: number; rssMB: number; status: number | null }

function measure(args: string[], env: NodeJS.ProcessEnv): Sample {
  const started = performance.now();
  const before = process.resourceUsage().maxRSS; // not the children's; only used without GNU time
  const cmd = hasGnuTime ? TIME : process.execPath;
  const argv = hasGnuTime ? ['-v', process.execPath, ...args] : args;
  const r = spawnSync(cmd, argv, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  let rssMB = 0;
  // CPU time (user + system) says more than wall time when other jobs share the machine.
  let cpuSeconds = 0;
  if (hasGnuTime) {
    rssMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
    cpuSeconds = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? 0) + Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? 0);
  }
  else rssMB = Math.max(before, process.resourceUsage().maxRSS) / 1024; // fallback, approximate
  if (r.status !== 0) console.error(`  échec (${r.status}) : ${args.join(' ')}\n${(r.stdout + r.stderr).split('\n').slice(-15).join('\n')}`);
  return { seconds, cpuSeconds, rssMB, status: r.status };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
const stats = (xs: Sample[]) => ({
  minSeconds: Math.min(...xs.map((x) => x.seconds)), medianSeconds: median(xs.map((x) => x.seconds)),
  minCpuSeconds: Math.min(...xs.map((x) => x.cpuSeconds)), medianCpuSeconds: median(xs.map((x) => x.cpuSeconds)),
  peakRssMB: Math.max(...xs.map((x) => x.rssMB)), runs: xs.map((x) => ({ seconds: +x.seconds.toFixed(2), cpuSeconds: +x.cpuSeconds.toFixed(2), rssMB: +x.rssMB.toFixed(0), ok: x.status === 0 })),
});

function countPages(dir: string): { pages: number; redirects: number } {
  let pages = 0;
  let redirects = 0;
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const full = join(d, n);
      if (statSync(full).isDirectory()) walk(full);
      else if (n.endsWith('.html')) {
        if (readFileSync(full, 'utf8').includes('http-equiv="refresh"')) redirects++;
        else pages++;
      }
    }
  };
  walk(dir);
  return { pages, redirects };
}

if (!existsSync(join(legacy, 'content'))) {
  console.error(`Arbre de l’ancien site introuvable : ${legacy} (argument : <dossier-ancien-site>)`);
  process.exit(2);
}
const root = mkdtempSync(join(tmpdir(), 'eig-bench-corpus-'));
const out = join(root, 'import');
console.log(`Banc d’essai sur ${legacy} (${runs} passage(s), ${cpus().length} cœurs, charge ${loadavg()[0]!.toFixed(1)}, RSS via ${hasGnuTime ? 'GNU time -v' : 'resourceUsage'})`);

const imports: Sample[] = [];
for (let i = 0; i < runs; i++) { imports.push(measure(['--import', 'tsx', 'scripts/import.ts', legacy, out], {})); console.log(`  import ${i + 1} : ${imports.at(-1)!.seconds.toFixed(2)} s`); }
const contentEnv = { CONTENT_DIR: join(out, 'content'), MEDIA_DIR: join(out, 'media') };
const checks: Sample[] = [];
for (let i = 0; i < runs; i++) { checks.push(measure(['--import', 'tsx', 'scripts/check.ts'], contentEnv)); console.log(`  check ${i + 1} : ${checks.at(-1)!.seconds.toFixed(2)} s`); }
const builds: Sample[] = [];
let pages = { pages: 0, redirects: 0 };
for (let i = 0; i < runs; i++) {
  const dist = join(root, `dist-${i}`);
  builds.push(measure(['--import', 'tsx', 'scripts/build.ts'], { ...contentEnv, OUT_DIR: dist, ASTRO_CACHE_DIR: join(root, `cache-${i}`) }));
  console.log(`  build ${i + 1} : ${builds.at(-1)!.seconds.toFixed(2)} s, ${builds.at(-1)!.rssMB.toFixed(0)} Mo`);
  if (existsSync(dist)) { pages = countPages(dist); if (i < runs - 1) rmSync(dist, { recursive: true, force: true }); }
}
const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as { summary: unknown };
const result = {
  legacy, runs, loadAverage: loadavg().map((l) => +l.toFixed(1)), cores: cpus().length, memoryGB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version,
  import: stats(imports), check: stats(checks), build: stats(builds), pages, importSummary: report.summary,
  targets: { importSeconds: 5, checkSeconds: 2, buildSeconds: 15, peakRssMB: 1536 },
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/corpus.json', `${JSON.stringify(result, null, 2)}\n`);
const line = (name: string, s: ReturnType<typeof stats>, target: number) =>
  console.log(`${name.padEnd(7)} min ${s.minSeconds.toFixed(2)} s, médiane ${s.medianSeconds.toFixed(2)} s (cible ≤ ${target} s), CPU min ${s.minCpuSeconds.toFixed(2)} s / médiane ${s.medianCpuSeconds.toFixed(2)} s, pic RSS ${s.peakRssMB.toFixed(0)} Mo`);
line('import', result.import, 5);
line('check', result.check, 2);
line('build', result.build, 15);
console.log(`charge moyenne en fin de banc : ${loadavg()[0]!.toFixed(1)} (au-delà de ${cpus().length}, les temps réels sont faussés par d’autres tâches)`);
console.log(`pages : ${pages.pages} pages HTML + ${pages.redirects} pages de redirection ; résultats : bench-results/corpus.json`);
rmSync(root, { recursive: true, force: true });
