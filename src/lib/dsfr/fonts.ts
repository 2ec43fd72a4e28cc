/**
 * Marianne, the DSFR's font, cut down to what the pages use: the DSFR ships each face with every
 * glyph it has (≈58 Ko per weight); French pages need Basic Latin, Latin-1 and a few typographic
 * signs. Each face is subset at build time from the npm package's woff2 (never copied into git)
 * with `subset-font` (HarfBuzz compiled to wasm: no network, no native binary) and kept in a cache
 * folder keyed by the package versions and the character set. A character outside the set falls
 * back, for that character only, to the next font of the DSFR stack (`unicode-range`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Code point ranges kept: Basic Latin, Latin-1, Œœ Ÿ, spaces, dashes, quotes, bullet, ellipsis, €, →. */
export const FONT_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0xff], [0x152, 0x153], [0x178, 0x178], [0x2000, 0x200a], [0x2010, 0x2027],
  [0x202f, 0x202f], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2192, 0x2192],
];

/** The CSS `unicode-range` value for {@link FONT_RANGES}. */
export function unicodeRange(ranges = FONT_RANGES): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');
}

/** Every character of {@link FONT_RANGES}, the text given to the subsetter. */
export function fontCharacters(ranges = FONT_RANGES): string {
  return ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join('');
}

/** Marianne's faces in the DSFR package (file names without extension). */
export const MARIANNE_FACES = [
  'Marianne-Light', 'Marianne-Light_Italic', 'Marianne-Regular', 'Marianne-Regular_Italic',
  'Marianne-Medium', 'Marianne-Medium_Italic', 'Marianne-Bold', 'Marianne-Bold_Italic',
] as const;

const require = createRequire(import.meta.url);

/** The DSFR package's fonts folder. */
export function dsfrFontsDir(): string {
  return join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');
}

function version(pkg: string): string {
  return String((JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version?: unknown }).version);
}

/**
 * Writes the subset woff2 of every Marianne face into `<cacheRoot>/<key>/` (skipped when already
 * there) and returns that folder. Files are written under a temporary name then renamed, so
 * concurrent builds sharing the cache never read half a file.
 */
export async function subsetMarianne(cacheRoot: string): Promise<string> {
  const chars = fontCharacters();
  const key = createHash('sha256').update(`${version('@gouvfr/dsfr')}\n${version('subset-font')}\n${chars}`).digest('hex').slice(0, 12);
  const dir = join(cacheRoot, key);
  mkdirSync(dir, { recursive: true });
  const missing = MARIANNE_FACES.filter((f) => !existsSync(join(dir, `${f}.woff2`)));
  if (missing.length === 0) return dir;
  // require, not import(): the Astro config is loaded by a module runner closed before hooks run.
  const subsetFont = require('subset-font') as typeof import('subset-font').default;
  const source = dsfrFontsDir();
  for (const face of missing) {
    const out = await subsetFont(readFileSync(join(source, `${face}.woff2`)), chars, { targetFormat: 'woff2' });
    const tmp = join(dir, `${face}.${process.pid}.tmp`);
    writeFileSync(tmp, out);
    renameSync(tmp, join(dir, `${face}.woff2`));
  }
  return dir;
}

/**
 * The DSFR core CSS with its @font-face rules pointing at the subset files (`<alias>/<face>.woff2`,
 * resolved by Vite) and the woff fallbacks dropped (every browser the DSFR supports reads woff2).
 * Spectral keeps the package's files, woff2 only: no page of this site uses it.
 */
export function rewriteFontFaces(css: string, alias: string): string {
  return css.replace(/@font-face\{[^}]*\}/g, (rule) => {
    const face = /url\(\.\.\/fonts\/([A-Za-z_-]+)\.woff2\)/.exec(rule)?.[1];
    if (!face) return rule;
    const marianne = (MARIANNE_FACES as readonly string[]).includes(face);
    const src = marianne ? `src:url(${alias}/${face}.woff2) format("woff2");unicode-range:${unicodeRange()}` : `src:url(../fonts/${face}.woff2) format("woff2")`;
    return rule.replace(/src:[^;}]*/, src);
  });
}
