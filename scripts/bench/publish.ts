/**
 * Benchmark (figures, not a test): publish → visible latency of the embedded back-office, and
 * the size the back-office adds to node_modules and to the build.
 *
 *   npx tsx scripts/bench/publish.ts [runs=5]
 *
 * Starts `npm start`'s core on a temporary copy of content/ and media/, then, `runs` times:
 * saves a new first key number of program.md as a draft through decap-server's API (persistEntry
 * with useWorkflow), moves it to review then ready (updateUnpublishedEntryStatus), publishes it
 * (publishUnpublishedEntry), and polls /programme/ every 100 ms until the number shows.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { startStack } from '../lib/cms-stack.ts';
import { git, publishedHead } from '../lib/cms-repo.ts';
import { saveAndPublish } from '../lib/cms-api.ts';

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
const tmp = mkdtempSync(join(tmpdir(), 'eig-bench-publish-'));
const project = { contentDir: join(tmp, 'project', 'content'), mediaDir: join(tmp, 'project', 'media') };
cpSync(resolve('content'), project.contentDir, { recursive: true });
cpSync(resolve('media'), project.mediaDir, { recursive: true });

console.log('Démarrage (dépôt dédié, decap-server, première construction)…');
const stack = await startStack({ dataDir: join(tmp, 'data'), source: project, port: 0, log: () => {} });
const initial = Date.now();
await stack.waitForServed(publishedHead(stack.repoDir), 900_000);
console.log(`Première construction : ${sec(stack.status().lastBuildMs ?? Date.now() - initial)}`);

const apiUrl = `${stack.url}/api/v1`;
const latencies: number[] = [];
const builds: number[] = [];
let fetchErrors = 0;
for (let i = 0; i < runs; i++) {
  const value = String(9000 + i * 7 + (Date.now() % 7));
  const raw = git(stack.repoDir, ['show', 'main:content/program.md']);
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw) ?? [];
  const doc = parseDocument(front);
  doc.setIn(['numbers', 0, 'num'], value);
  const entry = { collection: 'pages', slug: 'program', path: 'content/program.md', raw: `---\n${doc.toString()}---\n${body}` };
  // Draft, review and ready are not timed: only publish → visible is.
  const started = Date.now();
  await saveAndPublish(apiUrl, entry);
  const publishedAt = Date.now();
  const pattern = new RegExp(`class="eig-number"[^>]*>\\s*${value}\\s*<`);
  for (;;) {
    // A refused or reset connection under heavy load is counted and retried, not fatal.
    const html = await fetch(`${stack.url}/programme/`).then((r) => r.text()).catch(() => { fetchErrors++; return ''; });
    if (pattern.test(html)) break;
    if (Date.now() - publishedAt > 900_000) throw new Error('le nombre publié n’apparaît pas');
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = Date.now() - publishedAt;
  latencies.push(ms);
  builds.push(stack.status().lastBuildMs ?? 0);
  console.log(`  publication ${i + 1}/${runs} : visible après ${sec(ms)} (construction ${sec(stack.status().lastBuildMs ?? 0)}, workflow API ${publishedAt - started} ms)`);
}

const servedDir = stack.status().servedDir!;
const adminBytes = du(join(servedDir, 'admin'));
await stack.stop();
rmSync(stack.buildsDir, { recursive: true, force: true });
rmSync(tmp, { recursive: true, force: true });

const exclusive = exclusivePackages(codeRoot, ['decap-cms', 'decap-server']);
const nodeModulesBytes = exclusive.reduce((sum, p) => sum + du(join(codeRoot, p)), 0);
const results = {
  runs,
  publishToVisibleMs: { median: median(latencies), min: Math.min(...latencies), max: Math.max(...latencies), all: latencies },
  buildMs: { median: median(builds), all: builds },
  fetchErrors,
  loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  nodeModules: { packages: exclusive.length, bytes: nodeModulesBytes },
  distAdminBytes: adminBytes,
};
console.log(`\nPublication → visible (médiane de ${runs}) : ${sec(results.publishToVisibleMs.median)} (min ${sec(results.publishToVisibleMs.min)}, max ${sec(results.publishToVisibleMs.max)})`);
console.log(`Construction (médiane) : ${sec(results.buildMs.median)} ; charge de la machine : ${results.loadAverage}`);
console.log(`node_modules ajoutés par le back-office : ${exclusive.length} paquets, ${(nodeModulesBytes / 1e6).toFixed(0)} Mo (decap-cms, decap-server et leurs dépendances exclusives)`);
console.log(`dist/admin : ${(adminBytes / 1e6).toFixed(1)} Mo`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/publish.json', `${JSON.stringify(results, null, 2)}\n`);
