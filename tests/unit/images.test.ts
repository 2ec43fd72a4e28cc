import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PLACEHOLDER_URL, fallbackFormat, generateWidth, groupByWidth, planVariants, probe, widthsFor, type SourceInfo } from '../../src/lib/images/pipeline.ts';
import { pictureFor } from '../../src/lib/images/picture.ts';
import { clearRegistry, registeredVariants } from '../../src/lib/images/registry.ts';
import { optimiseBodyImages, unlinkMissingMedia } from '../../src/lib/images/body.ts';
import { markdownToHtml } from '../../src/lib/markdown/render.ts';

let root: string;
let mediaDir: string;
let cacheDir: string;

/** A noisy photo-like image (so encoders have real work) of the given size. */
async function photo(file: string, width: number, height: number) {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + ((i / width) | 0) * 13) % 256;
  await sharp(data, { raw: { width, height, channels: 3 } }).jpeg().toFile(file);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'eig-images-'));
  mediaDir = join(root, 'media');
  cacheDir = join(root, 'cache');
  mkdirSync(join(mediaDir, 'sub'), { recursive: true });
  await photo(join(mediaDir, 'photo.jpg'), 1000, 600);
  await photo(join(mediaDir, 'tiny.jpg'), 100, 50);
  await sharp({ create: { width: 300, height: 300, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toFile(join(mediaDir, 'sub', 'logo été.png'));
  writeFileSync(join(mediaDir, 'picto.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="#000091"/></svg>');
  writeFileSync(join(mediaDir, 'broken.png'), 'not an image');
  // A 1000×600 photo stored sideways with EXIF orientation 6 (displayed 600×1000).
  await sharp(join(mediaDir, 'photo.jpg')).withMetadata({ orientation: 6 }).toFile(join(mediaDir, 'rotated.jpg'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function info(name: string): Promise<SourceInfo> {
  const r = await probe(join(mediaDir, name));
  if (!r.ok) throw new Error(r.reason);
  return r.info;
}

describe('image pipeline', () => {
  it('never plans a width larger than the original, and keeps the original width when a wanted one is larger', async () => {
    const photoInfo = await info('photo.jpg');
    expect(photoInfo).toMatchObject({ width: 1000, height: 600, format: 'jpeg' });
    expect(widthsFor(photoInfo, [320, 640, 1200, 1600])).toEqual([320, 640, 1000]);
    expect(widthsFor(photoInfo, [320, 640])).toEqual([320, 640]);
    expect(widthsFor(await info('tiny.jpg'), [320, 640])).toEqual([100]);
    for (const p of planVariants(photoInfo, [320, 640, 1200, 1600])) {
      for (const v of p.variants) {
        expect(v.width).toBeLessThanOrEqual(1000);
        expect(v.height).toBe(Math.round((v.width * 600) / 1000));
      }
    }
  });

  it('applies EXIF orientation to the displayed size', async () => {
    expect(await info('rotated.jpg')).toMatchObject({ width: 600, height: 1000 });
  });

  it('plans AVIF, WebP and a JPEG fallback for photos, PNG for transparent images', async () => {
    const photoInfo = await info('photo.jpg');
    expect(planVariants(photoInfo, [320]).map((p) => p.format)).toEqual(['avif', 'webp', 'jpeg']);
    const logo = await info('sub/logo été.png');
    expect(logo.hasAlpha).toBe(true);
    expect(fallbackFormat(logo)).toBe('png');
    expect(planVariants(logo, [160]).map((p) => p.format)).toEqual(['avif', 'webp', 'png']);
  });

  it('generates files in the planned formats and sizes', async () => {
    const variants = planVariants(await info('photo.jpg'), [320, 640]).flatMap((p) => p.variants);
    for (const group of groupByWidth(variants)) await generateWidth(group, cacheDir);
    for (const v of variants) {
      const meta = await sharp(join(cacheDir, v.name)).metadata();
      expect(meta.width, v.name).toBe(v.width);
      expect(meta.height, v.name).toBe(v.height);
      expect(meta.format, v.name).toBe(v.format === 'avif' ? 'heif' : v.format);
      if (v.format === 'avif') expect(meta.compression).toBe('av1');
    }
    // A rotated source comes out upright.
    const rotated = planVariants(await info('rotated.jpg'), [300]).flatMap((p) => p.variants);
    for (const group of groupByWidth(rotated)) await generateWidth(group, cacheDir);
    const meta = await sharp(join(cacheDir, rotated[0]!.name)).metadata();
    expect([meta.width, meta.height]).toEqual([300, 500]);
  });

  it('names files deterministically from content, and renames them when the content changes', async () => {
    const a = planVariants(await info('photo.jpg'), [320]).flatMap((p) => p.variants.map((v) => v.name));
    const b = planVariants(await info('photo.jpg'), [320]).flatMap((p) => p.variants.map((v) => v.name));
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^photo-[0-9a-f]{12}-320\.avif$/);
    expect((await info('sub/logo été.png')).hash).not.toBe((await info('photo.jpg')).hash);
    const copy = join(mediaDir, 'changed.jpg');
    await photo(copy, 1000, 600);
    const before = (await info('changed.jpg')).hash;
    await photo(copy, 1000, 601);
    expect((await info('changed.jpg')).hash).not.toBe(before);
  });

  it('reuses the cache on a second run without rewriting files', async () => {
    const dir = join(root, 'cache-run');
    const groups = groupByWidth(planVariants(await info('sub/logo été.png'), [80, 160]).flatMap((p) => p.variants));
    let first = 0;
    for (const g of groups) first += (await generateWidth(g, dir)).generated;
    expect(first).toBe(6);
    const mtimes = readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs);
    let generated = 0;
    let cached = 0;
    for (const g of groups) { const r = await generateWidth(g, dir); generated += r.generated; cached += r.cached; }
    expect({ generated, cached }).toEqual({ generated: 0, cached: 6 });
    expect(readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('pictureFor (what MediaImage renders)', () => {
  it('renders a <picture> with sources and a sized fallback, and registers its variants', async () => {
    clearRegistry();
    const m = await pictureFor({ src: 'img/photo.jpg', mediaDir, preset: 'card' });
    if (m.kind !== 'picture') throw new Error(`expected a picture, got ${m.kind}`);
    expect(m.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(m.img).toMatchObject({ width: 400, height: 240 });
    expect(m.img.src).toMatch(/^\/_img\/photo-[0-9a-f]{12}-480\.jpg$/);
    expect(m.img.srcset.split(', ').map((s) => s.split(' ')[1])).toEqual(['320w', '480w', '640w', '800w']);
    expect(m.sizes).toContain('384px');
    expect(registeredVariants().map((v) => v.name).sort()).toEqual(m.variants.map((v) => v.name).sort());
  });

  it('passes SVG through untouched, sized from its own ratio', async () => {
    const m = await pictureFor({ src: '/img/picto.svg', mediaDir, preset: 'picto' });
    expect(m).toEqual({ kind: 'img', src: '/img/picto.svg', width: 80, height: 40 });
  });

  it('uses a URL-safe name for accented file names', async () => {
    const m = await pictureFor({ src: 'sub/logo été.png', mediaDir, width: 100 });
    if (m.kind !== 'picture') throw new Error(m.kind);
    expect(m.img.src).toMatch(/^\/_img\/logo-ete-[0-9a-f]{12}-100\.png$/);
  });

  it('renders a placeholder for missing, remote, empty and unreadable images', async () => {
    clearRegistry();
    expect(await pictureFor({ src: 'img/nope.jpg', mediaDir, preset: 'card' })).toEqual({ kind: 'placeholder', src: PLACEHOLDER_URL, width: 400, height: 300 });
    expect(PLACEHOLDER_URL).toMatch(/^\/_img\/placeholder-[0-9a-f]{12}\.svg$/);
    expect((await pictureFor({ src: 'https://example.org/x.jpg', mediaDir, width: 200, height: 100 })).kind).toBe('placeholder');
    expect((await pictureFor({ src: undefined, mediaDir })).kind).toBe('placeholder');
    expect((await pictureFor({ src: '../secret.jpg', mediaDir })).kind).toBe('placeholder');
    expect((await pictureFor({ src: 'broken.png', mediaDir })).kind).toBe('placeholder');
    expect(registeredVariants()).toEqual([]);
  });
});

describe('images in Markdown bodies', () => {
  it('turns local body images into sized, lazy <picture>s and leaves the rest of the HTML alone', async () => {
    const html = markdownToHtml('Texte **gras**.\n\n![Une photo « test »](img/photo.jpg)\n\n![](img/picto.svg)\n\n![absente](img/nope.png)');
    const out = await optimiseBodyImages(html, mediaDir);
    expect(out).toContain('<strong>gras</strong>');
    const picture = out.match(/<picture>.*?<\/picture>/s)?.[0] ?? '';
    expect(picture).toMatch(/<source type="image\/avif" srcset="\/_img\/photo-[0-9a-f]{12}-480\.avif 480w, [^"]+ 1000w"/);
    expect(picture).toMatch(/<img src="\/_img\/photo-[0-9a-f]{12}-800\.jpg" [^>]*width="800" height="480" alt="Une photo « test »" loading="lazy"/);
    expect(out).toMatch(/<img src="\/img\/picto\.svg" width="120" height="60" alt="" loading="lazy"/);
    // A missing image becomes the placeholder (no broken image), its path kept for the link report.
    expect(out).toMatch(new RegExp(`<img src="${PLACEHOLDER_URL}" width="\\d+" height="\\d+" alt="absente" data-missing-src="/img/nope.png" loading="lazy"`));
    expect(await optimiseBodyImages(markdownToHtml('<img src="/img/nope.png" alt="">'), mediaDir)).toContain('data-missing-src="/img/nope.png"');
    // A remote image is never requested: the placeholder takes its place, alt kept.
    const remote = await optimiseBodyImages(markdownToHtml('<img src="https://example.org/a.png" alt="Schéma">'), mediaDir);
    expect(remote).not.toContain('example.org');
    expect(remote).toMatch(new RegExp(`<img src="${PLACEHOLDER_URL}" width="800" height="450" alt="Schéma" loading="lazy"`));
    expect(await optimiseBodyImages('<p>Sans image</p>', mediaDir)).toBe('<p>Sans image</p>');
  });

  it('turns a link to a missing /img/ file into its text, and keeps links to present ones', () => {
    const html = markdownToHtml('[Le rapport](/img/absent.pdf) et [la photo](/img/photo.jpg).\n\n{{< arrow-link url="img/absent.pdf" title="Synthèse" >}}');
    const out = unlinkMissingMedia(html, mediaDir);
    expect(out).toContain('<span data-missing-href="/img/absent.pdf">Le rapport</span>');
    expect(out).toContain('<a href="/img/photo.jpg">la photo</a>');
    expect(out).toContain('<span data-missing-href="/img/absent.pdf">Synthèse</span>');
    expect(out).not.toMatch(/\shref="\/img\/absent\.pdf"/);
  });
});
