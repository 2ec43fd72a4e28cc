/**
 * Reading a built site (dist/) without a browser: the page list (from the sitemap when there is
 * one, else every HTML file), and what each page references (links, images, srcset entries,
 * stylesheets, scripts…), parsed with htmlparser2. Used by the link, weight and HTML gates and the
 * accessibility test.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { Parser } from 'htmlparser2';
import { XMLParser } from 'fast-xml-parser';
import { builtPages } from './pages.ts';

/** One URL a page points to, with where it was found. */
export interface Reference {
  /** Tag and attribute, e.g. `img[srcset]`. */
  where: string;
  /** The URL as written in the page. */
  url: string;
  /** True when inside <main> (the page's own content, Markdown bodies included). */
  inMain: boolean;
  /** True when inside a rendered Markdown body (`.eig-markdown`). */
  inBody: boolean;
  /** `rel` of a <link>, `type` of a <script>, for the weight gate. */
  rel?: string;
}

export interface ParsedPage {
  refs: Reference[];
  /** Every id and name an anchor can target. */
  ids: Set<string>;
  /** Classes used anywhere in the page. */
  classes: Set<string>;
  /** Inline <script> and <style> bodies (for the CSP). */
  inlineScripts: string[];
  inlineStyles: string[];
  /** Elements carrying a style="" attribute, as `tag.class` strings. */
  styleAttributes: string[];
}

const URL_ATTRS: Record<string, string[]> = {
  a: ['href'], area: ['href'], link: ['href'], script: ['src'], img: ['src', 'srcset'], source: ['src', 'srcset'],
  video: ['src', 'poster'], audio: ['src'], track: ['src'], iframe: ['src'], embed: ['src'], object: ['data'], form: ['action'],
  use: ['href', 'xlink:href'], image: ['href', 'xlink:href'],
};

/** Entries of a srcset attribute (`a.webp 400w, b.webp 800w` → [a.webp, b.webp]). */
export function srcsetUrls(value: string): string[] {
  return value.split(/,\s+/).map((part) => part.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

export function parsePage(html: string): ParsedPage {
  const out: ParsedPage = { refs: [], ids: new Set(), classes: new Set(), inlineScripts: [], inlineStyles: [], styleAttributes: [] };
  const stack: { name: string; main: boolean; body: boolean }[] = [];
  let text: { kind: 'script' | 'style'; body: string } | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      const parent = stack[stack.length - 1];
      const cls = (attrs['class'] ?? '').split(/\s+/).filter(Boolean);
      const main = (parent?.main ?? false) || name === 'main';
      const body = (parent?.body ?? false) || cls.includes('eig-markdown');
      stack.push({ name, main, body });
      for (const c of cls) out.classes.add(c);
      if (attrs['id']) out.ids.add(attrs['id']);
      if (name === 'a' && attrs['name']) out.ids.add(attrs['name']);
      if (attrs['style'] !== undefined) out.styleAttributes.push(`${name}${cls.length ? `.${cls.join('.')}` : ''}`);
      for (const attr of URL_ATTRS[name] ?? []) {
        const value = attrs[attr];
        if (value === undefined) continue;
        const urls = attr === 'srcset' ? srcsetUrls(value) : [value];
        const rel = name === 'link' ? attrs['rel'] : name === 'script' ? (attrs['type'] ?? 'classic') : undefined;
        for (const url of urls) out.refs.push({ where: `${name}[${attr}]`, url, inMain: main, inBody: body, ...(rel ? { rel } : {}) });
      }
      // A body image or document the content points to but the media folder lacks (rendered as a
      // placeholder or as plain text, src/lib/images/body.ts): still a content defect to report.
      for (const attr of ['data-missing-src', 'data-missing-href']) {
        if (attrs[attr]) out.refs.push({ where: `${name}[${attr}]`, url: attrs[attr], inMain: main, inBody: body });
      }
      if (name === 'meta' && /^(og|twitter):image$/.test(attrs['property'] ?? attrs['name'] ?? '') && attrs['content']) {
        out.refs.push({ where: 'meta[content]', url: attrs['content'], inMain: false, inBody: false });
      }
      if (name === 'script' && !attrs['src'] && !/json|importmap/.test(attrs['type'] ?? '')) text = { kind: 'script', body: '' };
      if (name === 'style') text = { kind: 'style', body: '' };
    },
    ontext(t) { if (text) text.body += t; },
    onclosetag(name) {
      stack.pop();
      if (text && (name === 'script' || name === 'style')) {
        (text.kind === 'script' ? out.inlineScripts : out.inlineStyles).push(text.body);
        text = undefined;
      }
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return out;
}

/** The site URL pages were built for (SITE_URL), used to recognise absolute internal URLs. */
export function siteOrigin(): string {
  return new URL(process.env['SITE_URL'] || 'http://127.0.0.1:4321').origin;
}

/**
 * The path inside the site a reference points to, or undefined for external URLs,
 * `mailto:`/`tel:`/`data:` and same-page `#` links. `pagePath` is the URL path of the page.
 */
export function internalTarget(url: string, pagePath: string): { path: string; hash: string } | undefined {
  const trimmed = url.trim();
  if (!trimmed || /^(mailto|tel|data|blob|javascript):/i.test(trimmed)) return undefined;
  let u: URL;
  try { u = new URL(trimmed, `http://site.invalid${pagePath}`); } catch { return undefined; }
  if (u.origin !== 'http://site.invalid' && u.origin !== siteOrigin()) return undefined;
  return { path: u.pathname, hash: u.hash.slice(1) };
}

/** The file of `distDir` a URL path is served from (the way nginx's try_files does), or undefined. */
export function fileFor(distDir: string, urlPath: string): string | undefined {
  let path: string;
  try { path = decodeURIComponent(urlPath); } catch { return undefined; }
  const root = resolve(distDir);
  const full = normalize(join(root, path.normalize('NFC')));
  if (!full.startsWith(root)) return undefined;
  for (const candidate of [full, join(full, 'index.html'), `${full}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The sitemap file of a build (sitemap-index.xml or sitemap.xml), if any. */
export function sitemapFile(distDir: string): string | undefined {
  return ['sitemap-index.xml', 'sitemap.xml'].map((f) => join(distDir, f)).find((f) => existsSync(f));
}

/**
 * URL paths to check: every `<loc>` of the sitemap (following a sitemap index), or, when the
 * build has no sitemap yet, every built HTML page. `source` says which.
 */
export function pagesToCheck(distDir: string): { source: string; paths: string[] } {
  const first = sitemapFile(distDir);
  if (!first) return { source: 'toutes les pages HTML construites (pas de sitemap)', paths: builtPages(distDir) };
  const xml = new XMLParser({ ignoreAttributes: true });
  const paths = new Set<string>();
  const visit = (file: string) => {
    const doc = xml.parse(readFileSync(file, 'utf8')) as {
      sitemapindex?: { sitemap?: { loc: string } | { loc: string }[] };
      urlset?: { url?: { loc: string } | { loc: string }[] };
    };
    const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    for (const s of list(doc.sitemapindex?.sitemap)) {
      const child = fileFor(distDir, new URL(s.loc).pathname);
      if (!child) throw new Error(`${file}: le sitemap ${s.loc} est absent de la construction`);
      visit(child);
    }
    for (const u of list(doc.urlset?.url)) paths.add(new URL(u.loc).pathname);
  };
  visit(first);
  return { source: first.slice(distDir.length + 1), paths: [...paths].sort() };
}

/** The HTML of a built page by URL path. */
export function readPage(distDir: string, urlPath: string): string {
  const file = fileFor(distDir, urlPath);
  if (!file) throw new Error(`${urlPath} : aucune page construite`);
  return readFileSync(file, 'utf8');
}
