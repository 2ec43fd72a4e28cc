/**
 * Benchmark (figures, not a test): publish → live latency of the embedded back-office against a
 * full build of the same content in the same run, and the size the back-office adds.
 *
 *   npx tsx scripts/bench/publish.ts [runs=5] [--no-search]
 *
 * Starts `npm start`'s core (backoffice/server/stack.ts: decap-server behind the gate, the
 * in-process publisher) on a temporary copy of content/ and media/, then, `runs` times: saves a
 * new first key number of program.md as a draft through the API as Decap does (persistEntry with
 * useWorkflow), moves it to review then ready (updateUnpublishedEntryStatus), publishes it
 * (publishUnpublishedEntry), and polls /programme/ every 50 ms until the number shows: that is
 * publish → live. Then builds the same (published) content in full, in child processes:
 * `npm run build` into a new folder (long-lived renderer, its code bundle cached: every page
 * rendered) and `EIG_ASTRO_BUILD=1 npm run build` (plain `astro build`, bundling included), and
 * prints the ratios. `--no-search`: publications without the Pagefind index (its share).
 * BENCH_CONTENT_DIR / BENCH_MEDIA_DIR: another content tree (e.g. the imported corpus) instead
 * of the demo's content/ and media/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { publish, saveDraft, setStatus } from '../../backoffice/api/client.ts';
import { decapDist } from '../../src/integrations/decap.ts';

const runs = Number(process.argv[2] || 5);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Size in bytes of a folder (du -sb). */
const du = (path: string): number => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);

/**
 * Packages installed only because of the back-office: reachable from decap-cms/decap-server and
 * not from any other dependency of the project (package-lock.json, Node's resolution rules).
 */
function exclusivePackages(root: string, backOffice: string[]): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; dev?: boolean }> };
  const pkgs = lock.packages;
  const resolveDep = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (pkgs[candidate]) return candidate;
      if (!base) return undefined;
      const i = base.lastIndexOf('/node_modules/');
      base = i < 0 ? '' : base.slice(0, i);
    }
  };
  const walk = (starts: string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      const info = pkgs[p] ?? {};
      for (const d of Object.keys({ ...info.dependencies, ...info.optionalDependencies, ...info.peerDependencies })) {
        const r = resolveDep(p, d);
        if (r) stack.push(r);
      }
    }
    return seen;
  };
  const top = pkgs[''] as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const others = Object.keys({ ...top.dependencies, ...top.devDependencies }).filter((n) => !backOffice.includes(n)).map((n) => `node_modules/${n}`);
  const rest = walk(others);
  return [...walk(backOffice.map((n) => `node_modules/${n}`))].filter((p) => !rest.has(p));
}

const codeRoot = process.cwd();
const noSearch = process.argv.includes('--no-search');
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadBefore = load();
const tmp = mkdtempSync(join(tmpdir(), 'eig-bench-publish-'));
const project = { contentDir: join(tmp, 'project', 'content'), mediaDir: join(tmp, 'project', 'media') };
cpSync(resolve(process.env['BENCH_CONTENT_DIR'] || 'content'), project.contentDir, { recursive: true });
cpSync(resolve(process.env['BENCH_MEDIA_DIR'] || 'media'), project.mediaDir, { recursive: true });

console.log(`Démarrage (dépôt dédié, decap-server, première construction)${noSearch ? ', sans index de recherche' : ''}… charge : ${loadBefore}`);
const stack = await startStack({ dataDir: join(tmp, 'data'), source: project, port: 0, log: () => {}, ...(noSearch ? { searchIndex: false } : {}) });
const initial = Date.now();
await stack.waitForServed(publishedHead(stack.repoDir), 900_000);
const firstBuildMs = stack.status().lastBuildMs ?? Date.now() - initial;
console.log(`Première construction (démarrage du serveur) : ${sec(firstBuildMs)}${stack.status().lastPublication?.bundled ? ' (paquet serveur refait : code changé)' : ''}`);

const apiUrl = `${stack.url}/api/v1`;
// The stack (and so the publisher) lives in this process: its memory after each publication.
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const rss: number[] = [mb()];
const latencies: number[] = [];
const builds: number[] = [];
const phases: Record<string, number>[] = [];
/** The publish API call alone (guard's check of the merged tree, merge), ms. */
const publishCalls: number[] = [];
let fetchErrors = 0;
for (let i = 0; i < runs; i++) {
  const value = String(9000 + i * 7 + (Date.now() % 7));
  const raw = git(stack.repoDir, ['show', 'main:content/program.md']);
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw) ?? [];
  const doc = parseDocument(front);
  doc.setIn(['numbers', 0, 'num'], value);
  const entry = { collection: 'pages', slug: 'program', path: 'content/program.md', raw: `---\n${doc.toString()}---\n${body}` };
  // Draft, review and ready are not timed: only publish → live is.
  const started = Date.now();
  await saveDraft(apiUrl, entry);
  await setStatus(apiUrl, entry, 'pending_review');
  await setStatus(apiUrl, entry, 'pending_publish');
  const publishedAt = Date.now();
  await publish(apiUrl, entry);
  const publishCall = Date.now() - publishedAt;
  publishCalls.push(publishCall);
  const pattern = new RegExp(`class="eig-number"[^>]*>\\s*${value}\\s*<`);
  for (;;) {
    // A refused or reset connection under heavy load is counted and retried, not fatal.
    const html = await fetch(`${stack.url}/programme/`).then((r) => r.text()).catch(() => { fetchErrors++; return ''; });
    if (pattern.test(html)) break;
    if (Date.now() - publishedAt > 900_000) throw new Error('le nombre publié n’apparaît pas');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = Date.now() - publishedAt;
  latencies.push(ms);
  const st = stack.status();
  builds.push(st.lastBuildMs ?? 0);
  if (st.lastPublication) phases.push(st.lastPublication.ms);
  rss.push(mb());
  const p = st.lastPublication;
  console.log(`  publication ${i + 1}/${runs} : en ligne après ${sec(ms)} (construction ${sec(st.lastBuildMs ?? 0)}${p ? `, ${p.rendered}/${p.pages} page(s) rendue(s), pid ${p.pid === process.pid ? 'du serveur' : p.pid}` : ''}, appel « publier » ${publishCall} ms, brouillon→prêt ${publishedAt - started} ms, RSS ${rss.at(-1)} Mo)`);
  if (p) console.log(`    phases (ms) : ${Object.entries(p.ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
const loadDuring = load();

const servedDir = stack.status().servedDir!;
const adminBytes = du(join(servedDir, 'admin'));
// The published tree, for the full builds below (same content as the last publication).
const published = join(tmp, 'published-copy');
git(stack.repoDir, ['worktree', 'add', '--quiet', '--detach', published, 'main']);
await stack.stop();

/** `npm run build` of the published content into a new folder, in a child process; wall time in ms. */
const fullBuild = (env: Record<string, string>): number => {
  const out = join(codeRoot, '.cache', `bench-publish-full-${process.pid}`);
  mkdirSync(join(codeRoot, '.cache'), { recursive: true });
  rmSync(out, { recursive: true, force: true });
  const t0 = Date.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: codeRoot, stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: join(published, 'content'), MEDIA_DIR: join(published, 'media'), OUT_DIR: out, SITE_URL: stack.url, SKIP_COMPRESS: '1', ...env },
  });
  const ms = Date.now() - t0;
  rmSync(out, { recursive: true, force: true });
  return ms;
};
console.log('Construction complète du même contenu (npm run build, nouveau dossier)…');
const fullRenderer = fullBuild({});
console.log(`  ${sec(fullRenderer)}`);
console.log('Construction complète du même contenu (astro build, EIG_ASTRO_BUILD=1)…');
const fullAstro = fullBuild({ EIG_ASTRO_BUILD: '1' });
console.log(`  ${sec(fullAstro)}`);
rmSync(stack.buildsDir, { recursive: true, force: true });
rmSync(tmp, { recursive: true, force: true });

// decap-cms is no npm dependency (only its checked dist/, src/integrations/decap-bundle.ts).
const exclusive = exclusivePackages(codeRoot, ['decap-server']);
const nodeModulesBytes = exclusive.reduce((sum, p) => sum + du(join(codeRoot, p)), 0) + du(decapDist());
const phaseMedian: Record<string, number> = {};
for (const k of new Set(phases.flatMap((p) => Object.keys(p)))) phaseMedian[k] = median(phases.map((p) => p[k] ?? 0));
const med = median(latencies);
const results = {
  runs,
  searchIndex: !noSearch,
  publishToVisibleMs: { median: med, min: Math.min(...latencies), max: Math.max(...latencies), all: latencies },
  buildMs: { median: median(builds), all: builds },
  phasesMedianMs: phaseMedian,
  publishCallMs: { median: median(publishCalls), all: publishCalls },
  firstBuildMs,
  fullBuildMs: { npmRunBuild: fullRenderer, astroBuild: fullAstro },
  ratio: { npmRunBuild: med / fullRenderer, astroBuild: med / fullAstro },
  fetchErrors,
  rssMb: { afterFirstBuild: rss[0], afterEach: rss.slice(1) },
  loadAverage: { before: loadBefore, publications: loadDuring, end: load() },
  nodeModules: { packages: exclusive.length, bytes: nodeModulesBytes },
  distAdminBytes: adminBytes,
};
console.log(`\nPublication → en ligne (médiane de ${runs}) : ${sec(med)} (min ${sec(results.publishToVisibleMs.min)}, max ${sec(results.publishToVisibleMs.max)})${noSearch ? ' — sans index de recherche' : ''}`);
console.log(`Appel « publier » de l’API (garde + fusion, médiane) : ${median(publishCalls)} ms`);
console.log(`Phases (médianes, ms) : ${Object.entries(phaseMedian).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`Construction complète du même contenu : npm run build ${sec(fullRenderer)} → rapport ${results.ratio.npmRunBuild.toFixed(2)} ; astro build ${sec(fullAstro)} → rapport ${results.ratio.astroBuild.toFixed(2)} (objectif ≤ 0,25)`);
console.log(`Mémoire du serveur (RSS) : ${rss[0]} Mo après la première construction, ${rss.at(-1)} Mo après ${runs} publications (max ${Math.max(...rss)} Mo)`);
console.log(`Charge de la machine : avant ${results.loadAverage.before} ; après les publications ${loadDuring} ; à la fin ${results.loadAverage.end}`);
console.log(`node_modules ajoutés par le back-office : ${exclusive.length} paquets, ${(nodeModulesBytes / 1e6).toFixed(0)} Mo (decap-server et ses dépendances exclusives, plus le paquet prêt à l’emploi de Decap)`);
console.log(`dist/admin : ${(adminBytes / 1e6).toFixed(1)} Mo`);
mkdirSync('bench-results', { recursive: true });
writeFileSync(`bench-results/publish${noSearch ? '-no-search' : ''}.json`, `${JSON.stringify(results, null, 2)}\n`);
