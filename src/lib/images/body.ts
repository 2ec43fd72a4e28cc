/**
 * Images inside rendered Markdown bodies (sanitised HTML from src/lib/markdown/render.ts): each
 * `<img src="/img/…">` becomes the same `<picture>` MediaImage renders, with the 'content' preset
 * (a text column), lazy, width/height from the real ratio. Alt and title are kept as written.
 * Remote (http/https) images become the neutral placeholder: no third-party request (the content
 * checks and the importer report them). Missing local images become the placeholder too, their
 * path kept in `data-missing-src`; links to missing `/img/` files (PDFs…) become their text alone
 * (`data-missing-href`): a visitor never meets a broken image or a dead download, and the import
 * report and `npm run check` list these content defects.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mediaKey, recordRead } from '../content/reads.ts';
import { PLACEHOLDER_URL } from './pipeline.ts';
import { pictureFor } from './picture.ts';

const IMG = /<img\b([^>]*)>/gi;
const ATTR = /([a-zA-Z][\w-]*)(?:="([^"]*)")?/g;

function attrsOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTR)) out.set(m[1]!.toLowerCase(), m[2] ?? '');
  return out;
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Rewrites the body's local images; the HTML is otherwise returned unchanged. */
export async function optimiseBodyImages(html: string, mediaDir: string): Promise<string> {
  if (!html.includes('<img')) return html;
  const parts: (string | Promise<string>)[] = [];
  let last = 0;
  for (const m of html.matchAll(IMG)) {
    parts.push(html.slice(last, m.index));
    last = m.index + m[0].length;
    parts.push(rewrite(m[0], attrsOf(m[1] ?? ''), mediaDir));
  }
  parts.push(html.slice(last));
  return (await Promise.all(parts)).join('');
}

async function rewrite(original: string, attrs: Map<string, string>, mediaDir: string): Promise<string> {
  const src = decode(attrs.get('src') ?? '');
  const alt = ` alt="${attrs.get('alt') ?? ''}"`;
  const hinted = Number(attrs.get('width'));
  const width = hinted > 0 ? hinted : undefined;
  if (/^(https?:)?\/\//i.test(src)) {
    const w = width ?? 800;
    return `<img src="${PLACEHOLDER_URL}" width="${w}" height="${Number(attrs.get('height')) || Math.round((w * 9) / 16)}"${alt} loading="lazy" decoding="async">`;
  }
  if (!src.startsWith('/img/')) return original;
  const model = await pictureFor({ src, mediaDir, preset: 'content', width });
  if (model.kind === 'placeholder') return `<img src="${PLACEHOLDER_URL}" width="${model.width}" height="${model.height}"${alt} data-missing-src="${attrs.get('src') ?? ''}" loading="lazy" decoding="async">`;
  const title = attrs.has('title') ? ` title="${attrs.get('title')}"` : '';
  const common = `${alt}${title} loading="lazy" decoding="async"`;
  if (model.kind === 'img') return `<img src="${model.src}" width="${model.width}" height="${model.height}"${common}>`;
  const sources = model.sources.map((s) => `<source type="${s.type}" srcset="${s.srcset}" sizes="${model.sizes}">`).join('');
  return `<picture>${sources}<img src="${model.img.src}" srcset="${model.img.srcset}" sizes="${model.sizes}" width="${model.img.width}" height="${model.img.height}"${common}></picture>`;
}

const MEDIA_LINK = /<a\b([^>]*?)\shref="(\/img\/[^"]*)"([^>]*)>([\s\S]*?)<\/a>/gi;

/** Links of a body to `/img/…` files that the media folder lacks become their text alone. */
export function unlinkMissingMedia(html: string, mediaDir: string): string {
  if (!html.includes('href="/img/')) return html;
  return html.replace(MEDIA_LINK, (whole, _before: string, href: string, _after: string, text: string) => {
    let path = decode(href).split(/[?#]/)[0]!.slice('/img/'.length);
    try { path = decodeURIComponent(path); } catch { /* keep as written */ }
    recordRead(mediaKey(path));
    if (existsSync(join(mediaDir, path))) return whole;
    return `<span data-missing-href="${href}">${text}</span>`;
  });
}
