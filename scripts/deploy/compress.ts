/**
 * `npm run compress` (also run by `npm run build`): writes a gzip (`.gz`, level 9) copy beside
 * every compressible file of the build, and a brotli (`.br`) one beside hashed assets, for nginx's gzip_static and
 * brotli_static (deploy/nginx.conf): the server sends them as they are, without compressing on
 * each request. Deterministic (no timestamps in the gzip header); a copy is only kept when smaller.
 * Compressed copies are cached by content hash (COMPRESS_CACHE_DIR, default
 * node_modules/.cache/eig-compress), so a rebuild only compresses what changed.
 * OUT_DIR (default dist) is the build folder, or pass it as the first argument.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const gz = promisify(gzip);
const br = promisify(brotliCompress);

/** Text-like files worth compressing; images (but SVG), fonts (woff2 is compressed) and Pagefind's compressed fragments are not. */
export const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.csv', '.yml', '.webmanifest', '.ico', '.wasm']);
const MIN_BYTES = 256;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.has(extname(name).toLowerCase())) yield full;
  }
}

export interface CompressStats { files: number; bytes: number; gzipBytes: number; brotliBytes: number; ms: number }

export async function compressDist(distDir: string): Promise<CompressStats> {
  const start = performance.now();
  const stats: CompressStats = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0, ms: 0 };
  const list = [...files(resolve(distDir))];
  const cacheDir = resolve(process.env['COMPRESS_CACHE_DIR'] || 'node_modules/.cache/eig-compress');
  mkdirSync(cacheDir, { recursive: true });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const file = list[i]!;
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
          // A copy linked from the previous build (scripts/lib/render/) is shared: never write through it.
          const current = existsSync(file + ext) ? readFileSync(file + ext) : undefined;
          if (!current?.equals(out)) {
            if (current) unlinkSync(file + ext);
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
