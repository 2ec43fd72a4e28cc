/**
 * What `MediaImage.astro` renders for a media value: a `<picture>` with AVIF/WebP sources and a
 * fallback `<img>`, a plain `<img>` for SVG and animated images (served untouched from `/img/`),
 * or a neutral placeholder when the image is missing, remote or unreadable.
 */
import { join } from 'node:path';
import { resolveMedia } from '../content/media.ts';
import { IMAGE_URL_PREFIX, MIME, PLACEHOLDER_URL, isPassthrough, planVariants, probe, type Variant } from './pipeline.ts';
import { fixedPreset, presets, type DisplayPreset, type PresetName } from './presets.ts';
import { registerVariants, warnOnce } from './registry.ts';

export interface PictureOptions {
  /** Media value as written in content: `img/x.png`, `/img/x.png`, `x.png` or an http(s) URL. */
  src: unknown;
  mediaDir: string;
  /** How the image is displayed; without it, the caller's `width` at 1x and 2x. */
  preset?: PresetName | undefined;
  /** `width` attribute (default: the preset's display width, at most the image's own width); the height always follows the real image ratio. */
  width?: number | undefined;
  /** Only used for the placeholder and when the ratio cannot be read. */
  height?: number | undefined;
  /** Overrides the preset's `sizes`. */
  sizes?: string | undefined;
}

export type PictureModel =
  | { kind: 'placeholder'; src: string; width: number; height: number }
  | { kind: 'img'; src: string; width: number; height: number }
  | {
    kind: 'picture';
    sources: { type: string; srcset: string }[];
    img: { src: string; srcset: string; width: number; height: number };
    sizes: string;
    variants: Variant[];
  };

const srcsetOf = (vs: readonly Variant[]) => vs.map((v) => `${IMAGE_URL_PREFIX}${v.name} ${v.width}w`).join(', ');

export async function pictureFor(o: PictureOptions): Promise<PictureModel> {
  const preset: DisplayPreset = o.preset ? presets[o.preset] : fixedPreset(o.width ?? 400);
  let width = Math.round(o.width ?? preset.display);
  const placeholder = { kind: 'placeholder' as const, src: PLACEHOLDER_URL, width, height: Math.round(o.height ?? (width * 3) / 4) };
  const ref = resolveMedia(o.src, o.mediaDir);
  // Missing and remote images are reported once by the content checks (npm run check).
  if (ref.kind !== 'local' || !ref.exists) return placeholder;
  const probed = await probe(ref.file ?? join(o.mediaDir, ref.path));
  if (!probed.ok) {
    warnOnce(ref.path, `[images] ${ref.path} : ${probed.reason} ; remplacée par un espace neutre.`);
    return placeholder;
  }
  const info = probed.info;
  // Without an explicit width, a small image is not blown up past its own size.
  if (o.width === undefined) width = Math.min(width, info.width);
  const height = Math.max(1, Math.round((width * info.height) / info.width));
  if (isPassthrough(info)) return { kind: 'img', src: ref.url, width, height };
  const planned = planVariants(info, preset.widths);
  const all = planned.flatMap((p) => p.variants);
  registerVariants(all);
  const fallback = planned[planned.length - 1]!;
  const modern = planned.slice(0, -1);
  // The fallback src is the variant closest to the display width (the smallest one at least as wide).
  const best = fallback.variants.find((v) => v.width >= width) ?? fallback.variants[fallback.variants.length - 1]!;
  return {
    kind: 'picture',
    sources: modern.map((p) => ({ type: MIME[p.format], srcset: srcsetOf(p.variants) })),
    img: { src: `${IMAGE_URL_PREFIX}${best.name}`, srcset: srcsetOf(fallback.variants), width, height },
    sizes: o.sizes ?? preset.sizes,
    variants: all,
  };
}
