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
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { treeChecker } from '../../backoffice/guard/tree-check.ts';

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

// What the changes act on, chosen once in the published tree.
const C = (...p: string[]) => join(repo, 'content', ...p);
const M = (...p: string[]) => join(repo, 'media', ...p);
const mds = (dir: string) => readdirSync(C(dir)).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort();
const read = (p: string) => readFileSync(p, 'utf8');
const defis = mds('defis');
const related = new Set(mds('blog').flatMap((f) => [...read(C('blog', f)).matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]!)));
const articles = mds('blog').filter((f) => !related.has(f.slice(0, -3)));
const themes = mds('themes');
const people = mds('personnes').filter((f) => /^defis:\n {2}- \S+/m.test(read(C('personnes', f))));
const raster = (f: string) => /\.(jpe?g|png)$/i.test(f);
const images = readdirSync(M()).filter(raster).map((f) => ({ f, size: statSync(M(f)).size })).filter((x) => x.size > 1_000).sort((a, b) => a.size - b.size);
const [imgA, imgB] = [images[0]?.f ?? '', images[1]?.f ?? ''];
// An entry's image (a raster portrait in the corpus; an SVG in the demo), replaced in turns by
// two other media files of its own type.
const entryImages = ['personnes', 'blog', 'defis'].flatMap((d) => mds(d).map((f) => /^image: img\/(.+)$/m.exec(read(C(d, f)))?.[1])).filter((i): i is string => !!i && existsSync(M(i)));
const portrait = entryImages.find((i) => raster(i) && i !== imgA && i !== imgB) ?? entryImages[0]!;
const ext = (f: string) => f.split('.').pop()!.toLowerCase();
const [repA, repB] = raster(portrait) ? [imgA, imgB] : readdirSync(M()).filter((f) => ext(f) === ext(portrait) && f !== portrait && !entryImages.includes(f)).slice(0, 2);
if (articles.length < 2 * runs || defis.length < runs + 3 || !people.length || !themes.length || !portrait || !repA || !repB) throw new Error('contenu trop petit pour ce banc');
const person = people[0]!;

/** Each kind: what one publication of it writes into the work tree (run `i`). */
const kinds: Record<string, (i: number) => void> = {
  'modification de texte': (i) => writeFileSync(C('defis', defis[0]!), `${read(C('defis', defis[0]!))}\n\nModification de mesure n° ${i}.\n`),
  'nouvelle entrée et nouvelle image': (i) => {
    copyFileSync(M(i % 2 ? imgA : imgB), M(`bench-nouveau-${i}.jpg`));
    writeFileSync(C('defis', `bench-nouveau-${i}.md`), read(C('defis', defis[1]!)).replace(/^title: .*$/m, `title: Défi de mesure ${i}`).replace(/^image: .*$/m, `image: img/bench-nouveau-${i}.jpg`));
  },
  'image remplacée': (i) => copyFileSync(M(i % 2 ? repA : repB), M(portrait)),
  'entrée supprimée': (i) => rmSync(C('blog', articles[i]!)),
  'entrée renommée': (i) => renameSync(C('blog', articles[runs + i]!), C('blog', articles[runs + i]!.replace(/\.md$/, '-renomme.md'))),
  'terme renommé': (i) => writeFileSync(C('themes', themes[0]!), read(C('themes', themes[0]!)).replace(/^title: .*$/m, `title: Thème renommé ${i}`)),
  'personne changée de défi': (i) => writeFileSync(C('personnes', person), read(C('personnes', person)).replace(/^(defis:\n {2}- )\S+/m, `$1${defis[2 + (i % 2)]!.slice(0, -3)}`)),
};

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
