/**
 * Publish → live for each kind of change (#23), on one content tree, in the back-office server's
 * own code (backoffice/server/stack.ts, its in-process publisher). Figures, not a test:
 *
 *   npx tsx scripts/bench/changes.ts <content dir> <media dir> [runs=5]
 *
 * The stack starts on a copy of the tree (first full render), then each kind of change is
 * published `runs` times: the change is written into the back-office repository's work tree,
 * the merged tree is checked as the publication guard checks it (backoffice/guard/tree-check.ts,
 * its worker and mirror: the first check is cold, the next ones warm), committed on the
 * published branch (what the merge does), and the time runs until the server serves that
 * commit. Publish → live = check + commit + the watcher's build and swap (poll every 20 ms, as
 * the API's « publier » triggers it at once). Kinds: text edit, new entry with a new image, image
 * replaced, entry deleted, entry renamed, term renamed, a person moved to another défi.
 * The last stdout line is `CHANGES_JSON {…}` (scripts/bench/render.ts reads it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { treeChecker } from '../../backoffice/guard/tree-check.ts';
import { changeKinds } from './change-kinds.ts';

const [contentArg, mediaArg, runsArg] = process.argv.slice(2);
if (!contentArg || !mediaArg) { console.error('usage : npx tsx scripts/bench/changes.ts <dossier content> <dossier media> [exécutions=5]'); process.exit(2); }
const runs = Number(runsArg || 5);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN; };
const load1 = () => +loadavg()[0]!.toFixed(2);
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

const tmp = mkdtempSync(join(tmpdir(), 'eig-bench-changes-'));
// Removed however the run ends (a failed change throws): the repository, the builds, the mirror.
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const t0 = performance.now();
const stack = await startStack({ dataDir: join(tmp, 'data'), source: { contentDir: resolve(contentArg), mediaDir: resolve(mediaArg) }, port: 0, log: () => {}, pollMs: 20 });
const repo = stack.repoDir;
await stack.waitForServed(publishedHead(repo), 3_600_000);
const firstMs = Math.round(performance.now() - t0);
console.log(`Première construction (démarrage) : ${(firstMs / 1000).toFixed(1)} s, ${stack.status().lastPublication?.pages ?? '?'} pages`);
git(repo, ['checkout', '--quiet', 'main']);
const checker = treeChecker(repo, join(tmp, 'mirror'));
// As the server's guard does at start (backoffice/guard/guard.ts): the published tree checked
// once in the background, so the first publication's check is warm; its time is the warm-up's.
const tw = performance.now();
await checker.check(git(repo, ['rev-parse', 'HEAD^{tree}']), { background: true });
const warmupMs = Math.round(performance.now() - tw);
console.log(`Contrôle de l’arbre publié au démarrage (préchauffage) : ${warmupMs} ms`);

// What the changes act on, chosen once in the published tree (scripts/bench/change-kinds.ts).
const kinds = changeKinds(join(repo, 'content'), join(repo, 'media'), runs);

interface Sample { liveMs: number; checkMs: number; rendered: number; pages: number; phases: Record<string, number> }
const results: Record<string, { samples: Sample[]; load: [number, number] }> = {};
const checks: number[] = [];
let publications = 0;
let rssAfter20: number | undefined;
for (const [kind, apply] of Object.entries(kinds)) {
  const before = load1();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    apply(i);
    const started = performance.now();
    git(repo, ['add', '--all', 'content', 'media']);
    const tree = git(repo, ['write-tree']);
    const tc = performance.now();
    const { problems } = await checker.check(tree);
    const checkMs = performance.now() - tc;
    checks.push(checkMs);
    const errors = problems.filter((x) => x.severity === 'error');
    if (errors.length) throw new Error(`${kind} : le contrôle refuse la publication : ${errors.map((e) => `${e.file}: ${e.message}`).join(' ; ')}`);
    git(repo, ['commit', '--quiet', '--no-verify', '-m', `Banc : ${kind} ${i}`]);
    const st = await stack.waitForServed(publishedHead(repo), 1_800_000);
    const liveMs = performance.now() - started;
    const p = st.lastPublication;
    samples.push({ liveMs, checkMs, rendered: p?.rendered ?? -1, pages: p?.pages ?? -1, phases: p?.ms ?? {} });
    if (++publications === 20) rssAfter20 = mb();
    console.log(`  ${kind} ${i + 1}/${runs} : en ligne après ${(liveMs / 1000).toFixed(2)} s (contrôle ${checkMs.toFixed(0)} ms, ${p?.rendered}/${p?.pages} page(s) rendue(s)) ; phases (ms) : ${Object.entries(p?.ms ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  results[kind] = { samples, load: [before, load1()] };
}
await checker.close();
await stack.stop();
rmSync(tmp, { recursive: true, force: true });

const out = {
  firstBuildMs: firstMs,
  kinds: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, {
    liveMs: median(r.samples.map((s) => s.liveMs)), all: r.samples.map((s) => Math.round(s.liveMs)),
    rendered: median(r.samples.map((s) => s.rendered)), pages: r.samples[0]?.pages,
    phasesMedianMs: Object.fromEntries([...new Set(r.samples.flatMap((s) => Object.keys(s.phases)))].map((p) => [p, median(r.samples.map((s) => s.phases[p] ?? 0))])),
    load: r.load,
  }])),
  checkMs: { cold: Math.round(checks[0] ?? NaN), warm: Math.round(median(checks.slice(1))), warmup: warmupMs },
  rssMb: { after20: rssAfter20, end: mb(), publications },
};
console.log(`CHANGES_JSON ${JSON.stringify(out)}`);
process.exit(0);
