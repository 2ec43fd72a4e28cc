/**
 * Benchmark of the image pipeline (figures, not pass/fail): every raster image of a folder
 * (default: the shared corpus's images) planned for one display preset, generated into a fresh
 * cache (cold), then again with that cache (warm). Prints a table and writes JSON.
 *
 *   npx tsx scripts/bench/images.ts [--dir <images>] [--preset card] [--limit N] [--concurrency 2] [--json out.json]
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWidth, groupByWidth, isPassthrough, planVariants, probe, runLimited, type Variant } from '../../src/lib/images/pipeline.ts';
import { presets, type PresetName } from '../../src/lib/images/presets.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '../shared/corpus/site-eig-v2/static/img' },
    preset: { type: 'string', default: 'card' },
    limit: { type: 'string' },
    concurrency: { type: 'string', default: process.env['IMAGE_CONCURRENCY'] || '2' },
    json: { type: 'string' },
  },
});
const dir = resolve(values.dir);
const presetName = values.preset as PresetName;
if (!(presetName in presets)) throw new Error(`--preset : un de ${Object.keys(presets).join(', ')}`);
const concurrency = Number(values.concurrency);
const RASTER = new Set(['.jpg', '.jpeg', '.jfif', '.png', '.gif', '.webp', '.svg', '.avif', '.tif', '.tiff']);

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const f = join(d, n);
    return statSync(f).isDirectory() ? walk(f) : RASTER.has(extname(n).toLowerCase()) ? [f] : [];
  });
}

let files = walk(dir).sort();
if (values.limit) files = files.slice(0, Number(values.limit));

const t0 = performance.now();
const variants: Variant[] = [];
let passthrough = 0;
let unreadable = 0;
let sourceBytes = 0;
for (const f of files) {
  const r = await probe(f);
  if (!r.ok) { unreadable++; continue; }
  if (isPassthrough(r.info)) { passthrough++; continue; }
  sourceBytes += statSync(f).size;
  variants.push(...planVariants(r.info, presets[presetName].widths).flatMap((p) => p.variants));
}
const probeMs = performance.now() - t0;
const groups = groupByWidth(variants);
const cacheDir = mkdtempSync(join(tmpdir(), 'eig-bench-images-'));

async function run() {
  const start = performance.now();
  let generated = 0;
  let cached = 0;
  const errors = await runLimited(groups, concurrency, async (g) => { const r = await generateWidth(g, cacheDir); generated += r.generated; cached += r.cached; });
  return { seconds: (performance.now() - start) / 1000, generated, cached, errors: errors.length };
}

const cold = await run();
const warm = await run();
const bytes: Record<string, { files: number; bytes: number }> = {};
for (const v of variants) {
  const key = `${v.format} ${v.width <= 480 ? '≤480w' : '>480w'}`;
  const b = (bytes[key] ??= { files: 0, bytes: 0 });
  b.files++;
  b.bytes += statSync(join(cacheDir, v.name)).size;
}
rmSync(cacheDir, { recursive: true, force: true });

const result = {
  dir, preset: presetName, concurrency, images: files.length, passthrough, unreadable,
  rasterSourceMB: +(sourceBytes / 1e6).toFixed(1), variants: variants.length,
  probeSeconds: +(probeMs / 1000).toFixed(2),
  cold: { ...cold, seconds: +cold.seconds.toFixed(2) }, warm: { ...warm, seconds: +warm.seconds.toFixed(3) },
  outputByFormat: Object.fromEntries(Object.entries(bytes).sort().map(([k, v]) => [k, { files: v.files, totalKB: Math.round(v.bytes / 1024), avgKB: +(v.bytes / 1024 / v.files).toFixed(1) }])),
};
console.log(`Images: ${result.images} (${passthrough} SVG/animées servies telles quelles, ${unreadable} illisibles), sources matricielles ${result.rasterSourceMB} Mo`);
console.log(`Préréglage « ${presetName} », ${variants.length} fichiers, ${concurrency} en parallèle ; lecture/empreinte ${result.probeSeconds} s`);
console.log(`froid : ${result.cold.seconds} s (${cold.generated} générés, ${cold.errors} échecs) | chaud : ${result.warm.seconds} s (${warm.cached} depuis le cache)`);
console.table(result.outputByFormat);
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
