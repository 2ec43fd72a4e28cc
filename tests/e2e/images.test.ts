/**
 * Contract of content images on the built demo site: every <img> has width, height and alt;
 * every srcset entry exists in dist/ with the width it announces and the ratio of its <img>
 * (no layout shift); generated files are under /_img/ with a content hash; only the first
 * screen's image is eager. And in Chromium, the browser picks the AVIF source.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { builtPages } from '../helpers/pages.ts';
import { launchBrowser } from '../helpers/browser.ts';

const distDir = inject('distDir');
const base = inject('baseUrl');

interface Tag { name: string; attrs: Record<string, string>; inPicture: boolean; page: string }

function imageTags(): Tag[] {
  const tags: Tag[] = [];
  for (const page of builtPages(distDir)) {
    const file = join(distDir, page, page.endsWith('/') ? 'index.html' : '');
    let depth = 0;
    const parser = new Parser({
      onopentag(name, attrs) {
        if (name === 'picture') depth++;
        if (name === 'img' || name === 'source') tags.push({ name, attrs, inPicture: depth > 0, page });
      },
      onclosetag(name) { if (name === 'picture') depth--; },
    }, { lowerCaseAttributeNames: true });
    parser.write(readFileSync(file, 'utf8'));
    parser.end();
  }
  return tags;
}

const srcsetEntries = (v: string) => v.split(/,\s+/).map((e) => { const [url = '', w = ''] = e.trim().split(/\s+/); return { url, width: Number(w.replace(/w$/, '')) }; });

let tags: Tag[];
beforeAll(() => { tags = imageTags(); });

describe('content images in the built site', () => {
  it('has pictures to check', () => {
    expect(tags.filter((t) => t.name === 'img' && t.inPicture).length).toBeGreaterThan(0);
  });

  it('gives every <img> positive width and height and an alt attribute', () => {
    const bad = tags.filter((t) => t.name === 'img').filter((t) =>
      !(Number(t.attrs['width']) > 0 && Number(t.attrs['height']) > 0) || t.attrs['alt'] === undefined);
    expect(bad.map((t) => `${t.page}: ${t.attrs['src']}`)).toEqual([]);
  });

  it('serves every <img> src and srcset entry from dist, at the announced width and the <img> ratio', async () => {
    const problems: string[] = [];
    const checked = new Set<string>();
    const pictures = tags.filter((t) => t.inPicture);
    for (let i = 0; i < pictures.length; i++) {
      const t = pictures[i]!;
      // The <img> closing each <picture> carries the ratio its sources must match.
      const img = pictures.slice(i).find((x) => x.name === 'img')!;
      const ratio = Number(img.attrs['width']) / Number(img.attrs['height']);
      for (const { url, width } of srcsetEntries(t.attrs['srcset'] ?? '')) {
        if (checked.has(url)) continue;
        checked.add(url);
        if (!/^\/_img\/[a-z0-9-]+-[0-9a-f]{12}-\d+\.(avif|webp|jpg|png)$/.test(url)) { problems.push(`${t.page}: ${url} hors de /_img/ ou sans empreinte`); continue; }
        const file = join(distDir, url);
        if (!existsSync(file)) { problems.push(`${t.page}: ${url} absent de dist/`); continue; }
        const meta = await sharp(file).metadata();
        if (meta.width !== width) problems.push(`${url}: largeur ${meta.width}, annoncée ${width}w`);
        if (Math.abs(meta.width! / meta.height! - ratio) > 0.02 * ratio) problems.push(`${url}: ratio ${meta.width}×${meta.height} ≠ <img> ${img.attrs['width']}×${img.attrs['height']}`);
      }
    }
    for (const t of tags.filter((x) => x.name === 'img')) {
      const src = t.attrs['src'] ?? '';
      if (src.startsWith('/') && !existsSync(join(distDir, decodeURIComponent(src)))) problems.push(`${t.page}: ${src} absent de dist/`);
    }
    expect(problems).toEqual([]);
    expect(checked.size).toBeGreaterThan(0);
  });

  it('offers AVIF then WebP sources with sizes in every <picture>', () => {
    const sources = tags.filter((t) => t.name === 'source');
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(['image/avif', 'image/webp']).toContain(s.attrs['type']);
      expect(s.attrs['sizes'], `${s.page} ${s.attrs['srcset']}`).toBeTruthy();
    }
  });

  it('loads images lazily except at most one eager, high-priority image per page', () => {
    const byPage = new Map<string, Tag[]>();
    for (const t of tags.filter((x) => x.name === 'img')) byPage.set(t.page, [...(byPage.get(t.page) ?? []), t]);
    for (const [page, imgs] of byPage) {
      const eager = imgs.filter((t) => t.attrs['loading'] !== 'lazy');
      expect(eager.length, page).toBeLessThanOrEqual(1);
      for (const t of eager) expect(t.attrs['fetchpriority'], `${page} ${t.attrs['src']}`).toBe('high');
    }
  });
});

describe('content images in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('picks the AVIF file of the right size for the hero of /programme/', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(`${base}/programme/`);
    const img = page.locator('picture img[fetchpriority="high"]').first();
    await img.evaluate((el: HTMLImageElement) => el.decode());
    const { current, natural } = await img.evaluate((el: HTMLImageElement) => ({ current: el.currentSrc, natural: el.naturalWidth }));
    expect(current).toMatch(/\/_img\/.+\.avif$/);
    // 390 CSS px at 2x wants ≈ 780 px: the browser must not take the largest file.
    expect(natural).toBeLessThan(1200);
    await page.close();
  });
});
