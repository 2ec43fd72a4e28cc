/**
 * `npx tsx scripts/bench/content-limits.ts [content-dir…]` (default: the demo content and, when
 * present, the previous site's corpus): the figures behind src/lib/content/limits.ts (issue #17).
 * - per tree: the largest file, front matter and count of keys and list items, against the limits;
 * - one front matter of N keys, N from 1,000 to 40,000: the YAML parse, the line of every key by
 *   the old way (`Document.getIn` then the parent's line: a scan of the pairs per key) and by
 *   the index of yaml-paths.ts, and the whole check of one file as `npm run check` does it
 *   (parseMarkdownFile + validateEntry: refused before the parse above the limits);
 * - a file at the limits (≈185 Ko, 1,990 keys), checked whole.
 * Median of BENCH_RUNS (default 3). A benchmark, not a test: it never fails on a figure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { folderTypes } from '../../src/content/model/index.ts';
import { frontMatterText, parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { countEntries, FILE_MAX_BYTES, FRONT_MATTER_MAX_BYTES, FRONT_MATTER_MAX_ENTRIES } from '../../src/lib/content/limits.ts';
import { validateEntry } from '../../src/lib/content/validate.ts';
import { lineFinder } from '../../src/lib/content/yaml-paths.ts';

const runs = Number(process.env['BENCH_RUNS'] || 3);
const corpus = resolve('../shared/corpus/site-eig-v2/content');
const trees = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : [resolve('content'), ...(existsSync(corpus) ? [corpus] : [])];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => unknown) => median(Array.from({ length: runs }, () => { const t = performance.now(); fn(); return performance.now() - t; }));
const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

console.log(`${cpus().length} cœur(s), charge ${loadavg().map((l) => l.toFixed(1)).join(' ')} ; limites : fichier ${kb(FILE_MAX_BYTES)}, en-tête ${kb(FRONT_MATTER_MAX_BYTES)}, ${FRONT_MATTER_MAX_ENTRIES} clés et éléments`);
for (const dir of trees) {
  const max = { file: [0, ''] as [number, string], yaml: [0, ''] as [number, string], entries: [0, ''] as [number, string] };
  let files = 0;
  for (const p of markdownFiles(dir)) {
    files++;
    const source = readFileSync(p, 'utf8');
    const yaml = frontMatterText(source) ?? '';
    const rel = p.slice(dir.length + 1);
    const figures = { file: Buffer.byteLength(source), yaml: Buffer.byteLength(yaml), entries: countEntries(yaml) };
    for (const k of ['file', 'yaml', 'entries'] as const) if (figures[k] > max[k][0]) max[k] = [figures[k], rel];
  }
  console.log(`${dir} (${files} fichiers .md) : plus grand fichier ${kb(max.file[0])} (${max.file[1]}), plus grand en-tête ${kb(max.yaml[0])} (${max.yaml[1]}), le plus de clés et éléments ${max.entries[0]} (${max.entries[1]})`);
  console.log(`  marge : en-tête ×${(FRONT_MATTER_MAX_BYTES / max.yaml[0]).toFixed(0)}, clés ×${(FRONT_MATTER_MAX_ENTRIES / max.entries[0]).toFixed(0)}, fichier ×${(FILE_MAX_BYTES / max.file[0]).toFixed(0)}`);
}

const defis = folderTypes.find((t) => t.name === 'defis')!;
const frontMatter = (n: number, value: string) => `title: Un défi\n${Array.from({ length: n }, (_, i) => `cle${i}: ${value}`).join('\n')}\n`;
/** The old lineOf (before issue #17): getIn, then the parent's line. */
const oldLineOf = (doc: Document, lineAt: (p: number) => number, path: (string | number)[]): number | undefined => {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node?.range) return lineAt(node.range[0]);
  return path.length > 1 ? oldLineOf(doc, lineAt, path.slice(0, -1)) : undefined;
};

console.log('\nUn en-tête de N clés (médiane de ' + runs + ') :');
console.log(`  ${'N'.padStart(6)} ${'taille'.padStart(9)} ${'analyse YAML'.padStart(13)} ${'lignes, getIn'.padStart(14)} ${'lignes, index'.padStart(14)} ${'vérification du fichier'.padStart(24)}`);
for (const n of [1_000, 4_000, 8_000, 16_000, 40_000]) {
  const yaml = frontMatter(n, 'v');
  const lines = new LineCounter();
  const parse = time(() => parseDocument(yaml, { lineCounter: lines, uniqueKeys: false }));
  const doc = parseDocument(yaml, { lineCounter: lines, uniqueKeys: false });
  const lineAt = (p: number) => lines.linePos(p).line;
  const keys = Array.from({ length: n }, (_, i) => [`cle${i}`]);
  // The old way is quadratic: measured once, and only up to 16,000 keys (40,000: minutes).
  const old = n <= 16_000 ? (() => { const t = performance.now(); for (const k of keys) oldLineOf(doc, lineAt, k); return performance.now() - t; })() : undefined;
  const indexed = time(() => { const find = lineFinder(doc, lineAt); for (const k of keys) find(k); });
  const source = `---\n${yaml}---\nTexte.\n`;
  const check = time(() => validateEntry(defis, 'defis/x.md', parseMarkdownFile(source)));
  const refused = parseMarkdownFile(source).errors[0]?.message;
  console.log(`  ${String(n).padStart(6)} ${kb(yaml.length).padStart(9)} ${`${parse.toFixed(0)} ms`.padStart(13)} ${(old === undefined ? '(minutes)' : `${old.toFixed(0)} ms`).padStart(14)} ${`${indexed.toFixed(1)} ms`.padStart(14)} ${`${check.toFixed(1)} ms`.padStart(24)}${refused ? ` (refusé : ${refused.slice(0, 60)}…)` : ''}`);
}

const limit = `---\n${frontMatter(1_990, 'valeur '.repeat(12).trim())}---\nTexte.\n`;
const parsed = parseMarkdownFile(limit);
const check = time(() => validateEntry(defis, 'defis/x.md', parseMarkdownFile(limit)));
console.log(`\nFichier aux limites (${kb(Buffer.byteLength(limit))}, ${countEntries(frontMatterText(limit) ?? '')} clés, ${parsed.errors.length ? 'refusé' : 'accepté'}) : vérification ${check.toFixed(0)} ms`);
