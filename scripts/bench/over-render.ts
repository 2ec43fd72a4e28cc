/**
 * Pages rendered again although their bytes do not change (#23): for each kind of change of
 * scripts/bench/changes.ts, on a copy of a content tree, the long-lived renderer updates from a
 * full render and this prints the pages rendered, those whose bytes really changed, and the
 * changed keys (src/lib/content/reads.ts) that made pages render, grouped by key kind. Figures,
 * not a test:
 *
 *   npx tsx scripts/bench/over-render.ts <content dir> <media dir> [--keys]
 *
 * A page is counted for a key when it read it and the key's fingerprint changed; a page whose
 * bytes are the same although it rendered read something too coarse. `--keys` lists, per kind,
 * every changed key with how many rendered pages read it.
 * Uses its own bundle cache (OVER_RENDER_CACHE, default node_modules/.cache/eig-over-render).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRenderer } from '../../engine/render/renderer.ts';
import { loadState, stateFile, type State } from '../../engine/render/state.ts';
import { changeKinds } from './change-kinds.ts';

const args = process.argv.slice(2);
const listKeys = args.includes('--keys');
const [contentArg, mediaArg] = args.filter((a) => !a.startsWith('--'));
if (!contentArg || !mediaArg) { console.error('usage : npx tsx scripts/bench/over-render.ts <dossier content> <dossier media> [--keys]'); process.exit(2); }

const tmp = mkdtempSync(join(tmpdir(), 'eig-over-render-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const content = join(tmp, 'content');
const media = join(tmp, 'media');
cpSync(resolve(contentArg), content, { recursive: true });
cpSync(resolve(mediaArg), media, { recursive: true });
// Under node_modules: the bundle resolves its packages from there.
const cacheDir = process.env['OVER_RENDER_CACHE'] ?? join(process.cwd(), 'node_modules/.cache/eig-over-render');

const rendered: string[] = [];
/** Render time of each page rendered by the last update (the renderer's `rendu : /<file> (<ms> ms)` lines). */
const took = new Map<string, number>();
const renderer = await createRenderer({ codeRoot: process.cwd(), cacheDir, log: (l) => { const m = /^rendu : \/(\S+) \((\d+) ms\)/.exec(l); if (m) { rendered.push(m[1]!); took.set(m[1]!, Number(m[2])); } } });
const stateOf = async (dir: string): Promise<State> => {
  await renderer.close();
  const s = loadState(stateFile(cacheDir, renderer.codeHash, dir));
  if (!s) throw new Error(`état absent pour ${dir}`);
  return s;
};

// What the changes act on: those of scripts/bench/changes.ts, each once (run 0).
const kinds = changeKinds(content, media, 1);

/** A key's kind, for grouping: `C blog`, `E defis/* title`, `R themes *`, `M *`, `*`. */
const group = (k: string) => k.startsWith('E ') ? k.replace(/^E ([^/]+)\/\S+ /, 'E $1/* ') : k.startsWith('R ') ? k.replace(/^(R \S+) .*/, '$1 *') : k.startsWith('M ') ? 'M *' : k;
const same = (a: string, b: string) => existsSync(a) && existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));

let prevDir = join(tmp, 'out-0');
let t = performance.now();
const first = await renderer.full(content, media, prevDir);
console.log(`Rendu complet : ${first.pages} pages, ${first.rendered} fichiers rendus, ${Math.round(performance.now() - t)} ms`);
let prev = await stateOf(prevDir);
const summary: string[] = [];
let n = 0;
for (const [kind, apply] of Object.entries(kinds)) {
  apply(0);
  const outDir = join(tmp, `out-${++n}`);
  rendered.length = 0;
  took.clear();
  t = performance.now();
  const r = await renderer.update(content, media, [], prevDir, outDir);
  const ms = Math.round(performance.now() - t);
  const next = await stateOf(outDir);
  const changedKeys = new Set<string>(['*']);
  for (const [k, v] of next.fingerprints) if (prev.fingerprints.get(k) !== v) changedKeys.add(k);
  for (const k of prev.fingerprints.keys()) if (!next.fingerprints.has(k)) changedKeys.add(k);
  const differ = rendered.filter((f) => !same(join(prevDir, f), join(outDir, f)));
  const byGroup = new Map<string, { pages: number; needless: number }>();
  const byKey = new Map<string, number>();
  for (const f of rendered) {
    const reads = prev.pages.get(f)?.reads;
    // A new page: rendered because it is new.
    const causes = reads ? [...new Set(reads.filter((k) => changedKeys.has(k)))] : ['(page nouvelle)'];
    const needless = !differ.includes(f);
    for (const g of new Set(causes.map(group))) { const e = byGroup.get(g) ?? { pages: 0, needless: 0 }; e.pages++; if (needless) e.needless++; byGroup.set(g, e); }
    for (const k of causes) byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  const renderMs = [...took.values()].reduce((a, b) => a + b, 0);
  const line = `${kind} : ${r.rendered} rendue(s), ${differ.length} changée(s) (mise à jour ${ms} ms, dont rendu des pages ${renderMs} ms)`;
  summary.push(line);
  console.log(`\n${line}`);
  console.log(`  changées : ${differ.slice(0, 12).join(' ') || '—'}${differ.length > 12 ? ' …' : ''}`);
  console.log(`  les plus lentes : ${[...took].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, v]) => `${f} ${v} ms`).join(', ')}`);
  for (const [g, e] of [...byGroup].sort((a, b) => b[1].pages - a[1].pages)) console.log(`  ${String(e.pages).padStart(4)} page(s) (${e.needless} sans changement) ont lu ${g}`);
  if (listKeys) for (const [k, c] of [...byKey].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`      ${String(c).padStart(4)} ${k}`);
  rmSync(prevDir, { recursive: true, force: true });
  prevDir = outDir;
  prev = next;
}
await renderer.close();
console.log(`\nRésumé (pages rendues, pages dont les octets changent) :\n${summary.map((s) => `  ${s}`).join('\n')}`);
process.exit(0);
