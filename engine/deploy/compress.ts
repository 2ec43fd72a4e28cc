/**
 * `npm run compress` (also run by `npm run build`): writes a gzip (`.gz`, level 9) copy beside
 * every compressible file of the build, and a brotli (`.br`) one beside hashed assets, for nginx's gzip_static and
 * brotli_static (deploy/nginx.conf): the server sends them as they are, without compressing on
 * each request. Deterministic (no timestamps in the gzip header); a copy is only kept when smaller.
 * Compressed copies are cached by content hash (COMPRESS_CACHE_DIR, default
 * node_modules/.cache/eig-compress), so a rebuild only compresses what changed. Given the previous
 * build (`compressDist(dir, previous)`), a file that is the same inode as the previous build's
 * (hard-linked by the renderer, engine/render/) gets the previous .gz/.br linked as they are,
 * without being read.
 * OUT_DIR (default dist) is the build folder, or pass it as the first argument.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const gz = promisify(gzip);
const br = promisify(brotliCompress);

/** Text-like files worth compressing; images (but SVG), fonts (woff2 is compressed) and Pagefind's compressed fragments are not. */
export const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.csv', '.yml', '.webmanifest', '.ico', '.wasm']);
const MIN_BYTES = 256;

/** Regular files only: a symbolic link (to a folder outside the build) is never followed nor written through. */
function* files(dir: string, skip: ReadonlySet<string> = new Set()): Generator<string> {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, f.name);
    if (f.isDirectory()) { if (!skip.has(f.name)) yield* files(full); }
    else if (f.isFile() && COMPRESSIBLE.has(extname(f.name).toLowerCase())) yield full;
  }
}

export interface CompressStats { files: number; bytes: number; gzipBytes: number; brotliBytes: number; ms: number }

const statOf = (p: string): Stats | undefined => { try { return statSync(p); } catch { return undefined; } };

/**
 * The previous build's compressed copies of `file`, when `file` is the previous build's own file
 * (same inode: the bytes are the same) and those copies are complete: linked into place.
 * Returns the sizes linked, or undefined (then compress as usual).
 */
function linkPrevious(file: string, prevFile: string): { size: number; gz?: number; br?: number } | undefined {
  const a = statOf(file);
  const b = statOf(prevFile);
  if (!a || !b || a.ino !== b.ino || a.dev !== b.dev) return undefined;
  if (a.size < MIN_BYTES) return { size: a.size };
  // No gzip copy there (a build made with SKIP_COMPRESS=1, or gzip was not smaller): compress
  // as usual (from the hash cache).
  if (!statOf(`${prevFile}.gz`)) return undefined;
  const out: { size: number; gz?: number; br?: number } = { size: a.size };
  for (const ext of ['.gz', '.br'] as const) {
    const prev = statOf(prevFile + ext);
    const cur = statOf(file + ext);
    if (!prev) { if (cur) unlinkSync(file + ext); continue; }
    if (!cur || cur.ino !== prev.ino) {
      if (cur) unlinkSync(file + ext);
      try { linkSync(prevFile + ext, file + ext); } catch { copyFileSync(prevFile + ext, file + ext); }
    }
    out[ext === '.gz' ? 'gz' : 'br'] = prev.size;
  }
  return out;
}

/** `skip`: top-level folders left out (e.g. `pagefind` while the search index is being written). */
export async function compressDist(distDir: string, previous?: string, options: { skip?: string[] } = {}): Promise<CompressStats> {
  const start = performance.now();
  const stats: CompressStats = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0, ms: 0 };
  const root = resolve(distDir);
  const prevRoot = previous === undefined ? undefined : resolve(previous);
  const list = [...files(root, new Set(options.skip))];
  const cacheDir = resolve(process.env['COMPRESS_CACHE_DIR'] || 'node_modules/.cache/eig-compress');
  mkdirSync(cacheDir, { recursive: true });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const file = list[i]!;
      const linked = prevRoot ? linkPrevious(file, join(prevRoot, relative(root, file))) : undefined;
      if (linked) {
        if (linked.size < MIN_BYTES) continue;
        stats.files++;
        stats.bytes += linked.size;
        stats.gzipBytes += linked.gz ?? 0;
        stats.brotliBytes += linked.br ?? 0;
        continue;
      }
      const data = readFileSync(file);
      if (data.length < MIN_BYTES) continue;
      // Brotli for hashed assets (CSS, JS, SVG: compressed once, then from the cache; Decap's
      // multi-megabyte bundle at a fast level). Pages, feeds and data files change with every
      // publication: gzip only (brotli saves little on a few-Ko page and would slow each rebuild).
      const hashed = file.includes(`${sep}_astro${sep}`) || file.includes(`${sep}admin${sep}`) || file.includes(`${sep}pagefind${sep}`);
      const quality = data.length > 256_000 ? 4 : constants.BROTLI_MAX_QUALITY;
      const key = join(cacheDir, createHash('sha256').update(data).digest('hex'));
      let g: Buffer; let b: Buffer | undefined;
      if (existsSync(`${key}.gz`) && (!hashed || existsSync(`${key}.br`))) {
        g = readFileSync(`${key}.gz`); b = hashed ? readFileSync(`${key}.br`) : undefined;
      } else {
        [g, b] = await Promise.all([
          gz(data, { level: 9 }),
          hashed ? br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }) : undefined,
        ]);
        writeFileSync(`${key}.gz`, g); if (b) writeFileSync(`${key}.br`, b);
      }
      stats.files++;
      stats.bytes += data.length;
      for (const [ext, out] of [['.gz', g], ['.br', b]] as const) {
        if (!out) continue;
        if (out.length < data.length) {
          // A copy linked from the previous build (engine/render/) is shared: never write through it.
          const current = existsSync(file + ext) ? readFileSync(file + ext) : undefined;
          if (!current?.equals(out)) {
            // Unlinked first, whatever it is (a dangling symbolic link would be written through).
            rmSync(file + ext, { force: true });
            writeFileSync(file + ext, out);
          }
          if (ext === '.gz') stats.gzipBytes += out.length; else stats.brotliBytes += out.length;
        } else if (existsSync(file + ext)) unlinkSync(file + ext);
      }
    }
  };
  await Promise.all([worker(), worker()]); // 2 cores
  stats.ms = Math.round(performance.now() - start);
  return stats;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || process.env['OUT_DIR'] || 'dist';
  if (!existsSync(dist)) { console.error(`Compression : ${dist} n’existe pas (lancez npm run build).`); process.exit(1); }
  const s = await compressDist(dist);
  console.log(`Compression : ${s.files} fichiers, ${(s.bytes / 1e6).toFixed(1)} Mo → gzip ${(s.gzipBytes / 1e6).toFixed(1)} Mo, brotli ${(s.brotliBytes / 1e6).toFixed(1)} Mo (${s.ms} ms)`);
}
