/**
 * The image pipeline: reads a source image once (size, format, content hash), plans the files a
 * display needs (widths × AVIF/WebP/fallback) and generates them with sharp into a
 * content-addressed cache. File names carry a hash of the source bytes and of the encoder
 * settings, so a name never changes meaning: the cache needs no invalidation and the files can
 * be served with long immutable caching under `/_img/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import sharp from 'sharp';

/** Public URL prefix of generated files. */
export const IMAGE_URL_PREFIX = '/_img/';

export type OutputFormat = 'avif' | 'webp' | 'jpeg' | 'png';

/**
 * The neutral placeholder shown instead of a missing, remote or unreadable image: a light grey
 * box (readable in light and dark schemes) that stretches to the `width`/`height` it is given.
 */
export const PLACEHOLDER_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9" preserveAspectRatio="none"><rect width="16" height="9" fill="#929292" fill-opacity="0.25"/></svg>';
export const PLACEHOLDER_NAME = `placeholder-${createHash('sha256').update(PLACEHOLDER_SVG).digest('hex').slice(0, 12)}.svg`;
export const PLACEHOLDER_URL = `/_img/${PLACEHOLDER_NAME}`;

/** Encoder settings; part of every file name's hash, so changing one renames (regenerates) files. */
// Chosen for a cold build of ~450 images on 2 shared cores (scripts/bench/images.ts): AVIF at
// effort 1 is ~1.7× faster than effort 2 for ~4% more bytes; the fallbacks (served only to
// browsers without AVIF/WebP) favour speed over size.
export const ENCODERS = {
  version: 1,
  avif: { quality: 50, effort: 1 },
  webp: { quality: 72, effort: 2 },
  jpeg: { quality: 80 },
  png: { compressionLevel: 6 },
} as const;

export const MIME: Record<OutputFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png' };

/** What the pipeline knows about a source file. */
export interface SourceInfo {
  file: string;
  /** Hash of the bytes and the encoder settings (12 hex). */
  hash: string;
  /** Size as displayed (EXIF orientation applied). */
  width: number;
  height: number;
  /** sharp's name of the input format: jpeg, png, webp, gif, svg, heif, tiff… */
  format: string;
  hasAlpha: boolean;
  animated: boolean;
}

/** One file to generate. */
export interface Variant {
  /** Absolute path of the source. */
  source: string;
  /** File name in the cache and under `/_img/`. */
  name: string;
  width: number;
  height: number;
  format: OutputFormat;
}

export type ProbeResult = { ok: true; info: SourceInfo } | { ok: false; reason: string };

const probeCache = new Map<string, { key: string; result: ProbeResult }>();

/** Reads a source image's size, format and hash (memoised on path, size and mtime). */
export async function probe(file: string): Promise<ProbeResult> {
  let st;
  try { st = statSync(file); } catch { return { ok: false, reason: 'fichier introuvable' }; }
  if (!st.isFile()) return { ok: false, reason: 'pas un fichier' };
  const key = `${st.size}:${st.mtimeMs}`;
  const memo = probeCache.get(file);
  if (memo && memo.key === key) return memo.result;
  let result: ProbeResult;
  try {
    const bytes = readFileSync(file);
    const meta = await sharp(bytes, { failOn: 'none' }).metadata();
    if (!meta.width || !meta.height || !meta.format) throw new Error('dimensions illisibles');
    const swap = (meta.orientation ?? 1) >= 5;
    const hash = createHash('sha256').update(bytes).update(JSON.stringify(ENCODERS)).digest('hex').slice(0, 12);
    result = {
      ok: true,
      info: {
        file, hash,
        width: swap ? meta.height : meta.width,
        height: swap ? meta.width : meta.height,
        format: meta.format,
        hasAlpha: meta.hasAlpha ?? false,
        animated: (meta.pages ?? 1) > 1,
      },
    };
  } catch (e) {
    result = { ok: false, reason: `image illisible (${e instanceof Error ? e.message : String(e)})` };
  }
  probeCache.set(file, { key, result });
  return result;
}

/** SVG and animated images are served as they are (resizing would lose vectors or frames). */
export function isPassthrough(info: SourceInfo): boolean {
  return info.format === 'svg' || info.animated;
}

/** The fallback format for browsers without AVIF/WebP: PNG for transparency, JPEG otherwise. */
export function fallbackFormat(info: SourceInfo): OutputFormat {
  return info.format === 'png' || info.format === 'gif' || info.hasAlpha ? 'png' : 'jpeg';
}

/**
 * The widths to generate: the wanted ones that do not upscale, plus the original width when a
 * wanted one was larger (so large screens get the best the source has). Sorted, unique.
 */
export function widthsFor(info: SourceInfo, wanted: readonly number[]): number[] {
  const kept = wanted.filter((w) => w > 0 && w <= info.width);
  if (kept.length < wanted.length || kept.length === 0) kept.push(info.width);
  return [...new Set(kept.map((w) => Math.round(w)))].sort((a, b) => a - b);
}

/** Readable, URL-safe stem of a source file name (ASCII, ≤ 40 chars). */
export function stemOf(file: string): string {
  const s = basename(file, extname(file)).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return s || 'image';
}

const EXT: Record<OutputFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png' };

/** Every file a display of this source needs, per format (modern formats first, fallback last). */
export function planVariants(info: SourceInfo, wanted: readonly number[]): { format: OutputFormat; variants: Variant[] }[] {
  const widths = widthsFor(info, wanted);
  const stem = stemOf(info.file);
  const formats: OutputFormat[] = ['avif', 'webp', fallbackFormat(info)];
  return formats.map((format) => ({
    format,
    variants: widths.map((width) => ({
      source: info.file,
      name: `${stem}-${info.hash}-${width}.${EXT[format]}`,
      width,
      height: Math.max(1, Math.round((width * info.height) / info.width)),
      format,
    })),
  }));
}

/** Default cache folder, shared by every build of this checkout (content-addressed, so safe). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return env['IMAGE_CACHE_DIR'] ? join(env['IMAGE_CACHE_DIR']) : join(cwd, 'node_modules', '.cache', 'eig-images');
}

let configured = false;
/** Two cores are shared by everyone: one libvips thread per image, few images at a time. */
function configureSharp() {
  if (configured) return;
  configured = true;
  sharp.concurrency(1);
  sharp.cache(false);
}

export interface GenerateResult { generated: number; cached: number }

/**
 * Makes sure every variant of one source at one width is in the cache: decodes and resizes
 * once (JPEG shrink-on-load applies), then encodes each missing format. Writes are atomic
 * (temporary file + rename), so builds sharing the cache can run at once.
 */
export async function generateWidth(variants: readonly Variant[], cacheDir: string): Promise<GenerateResult> {
  configureSharp();
  const missing = variants.filter((v) => !existsSync(join(cacheDir, v.name)));
  if (missing.length === 0) return { generated: 0, cached: variants.length };
  mkdirSync(cacheDir, { recursive: true });
  const first = missing[0]!;
  const { data, info } = await sharp(first.source, { failOn: 'none', animated: false })
    .rotate()
    .resize({ width: first.width, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (const v of missing) {
    const raw = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const encoded = v.format === 'avif' ? raw.avif(ENCODERS.avif)
      : v.format === 'webp' ? raw.webp(ENCODERS.webp)
      : v.format === 'png' ? raw.png(ENCODERS.png)
      : raw.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpeg);
    const out = join(cacheDir, v.name);
    const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await encoded.toFile(tmp);
      renameSync(tmp, out);
    } catch (e) {
      try { unlinkSync(tmp); } catch { /* already gone */ }
      throw e;
    }
  }
  return { generated: missing.length, cached: variants.length - missing.length };
}

/** Groups variants by source and width, the unit of work of `generateWidth`. */
export function groupByWidth(variants: Iterable<Variant>): Variant[][] {
  const groups = new Map<string, Variant[]>();
  for (const v of variants) {
    const key = `${v.source}\n${v.width}`;
    const g = groups.get(key);
    if (g) { if (!g.some((x) => x.name === v.name)) g.push(v); } else groups.set(key, [v]);
  }
  return [...groups.values()];
}

/** Runs tasks with at most `limit` at a time; resolves when all are done, errors collected. */
export async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try { await task(item); } catch (e) { errors.push(e); }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return errors;
}
