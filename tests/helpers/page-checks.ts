/**
 * Checks shared by the demo and the imported-corpus tests:
 * - `rawMarkup`: raw shortcodes (`{{<`, `{{%`) or Markdown markup (`**`, `](`, a `#` heading
 *   marker) left in a page's visible text, its meta/Open Graph descriptions or a feed;
 * - `missingAssets`: images, `srcset` entries and `/img/` files a page references that the
 *   build lacks;
 * - `pageWidth`: how wide a page lays out in a phone viewport (no sideways scrolling);
 * - `axeViolations`: axe-core's violations on a page, one readable line each.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser } from 'htmlparser2';
import type { Page } from 'playwright-core';
import { brokenLinks, type BrokenLink } from './links.ts';

const MARKUP: readonly { re: RegExp; what: string }[] = [
  { re: /\{\{[<%]/, what: 'raccourci brut' },
  { re: /\*\*\S|\S\*\*/, what: 'gras Markdown (**)' },
  { re: /\]\(/, what: 'lien Markdown (](…)' },
  { re: /(^|\n)\s*#{1,6}\s/, what: 'titre Markdown (#)' },
];

function findMarkup(text: string, where: string): string[] {
  const out: string[] = [];
  for (const { re, what } of MARKUP) {
    const m = re.exec(text);
    if (m) out.push(`${where} : ${what} dans « ${text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ').trim()} »`);
  }
  return out;
}

/** Raw markup in a page: visible text (code blocks excepted), description and Open Graph/Twitter descriptions. */
export function rawMarkup(html: string): string[] {
  const found: string[] = [];
  const blocks: string[] = [];
  let skip = 0;
  let current = '';
  const BLOCK = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dd', 'dt', 'blockquote', 'section', 'article', 'header', 'footer', 'main', 'nav', 'ul', 'ol', 'br', 'figcaption', 'summary']);
  const flush = () => { if (current.trim()) blocks.push(current); current = ''; };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (['script', 'style', 'code', 'pre', 'noscript', 'template', 'textarea'].includes(name)) skip++;
      if (BLOCK.has(name)) flush();
      if (name === 'meta') {
        const key = attrs['name'] ?? attrs['property'] ?? '';
        if (/^(description|og:description|twitter:description|og:title|twitter:title)$/.test(key)) found.push(...findMarkup(attrs['content'] ?? '', `<meta ${key}>`));
      }
      if (name === 'img' && attrs['alt']) found.push(...findMarkup(attrs['alt'], '<img alt>'));
    },
    ontext(t) { if (!skip) current += t; },
    onclosetag(name) {
      if (['script', 'style', 'code', 'pre', 'noscript', 'template', 'textarea'].includes(name)) skip--;
      if (BLOCK.has(name)) flush();
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  flush();
  for (const b of blocks) found.push(...findMarkup(b, 'texte'));
  return found;
}

/** Raw markup in the titles and descriptions of an RSS feed. */
export function rawMarkupInFeed(xml: string): string[] {
  const found: string[] = [];
  for (const m of xml.matchAll(/<(title|description)>([\s\S]*?)<\/\1>/g)) {
    const text = m[2]!.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    found.push(...findMarkup(text, `<${m[1]}>`));
  }
  return found;
}

/** References to files a page shows or offers (images, srcset entries, /img/ documents) that are missing from the build. */
export function missingAssets(distDir: string, pages?: string[]): BrokenLink[] {
  return brokenLinks(distDir, pages ? { pages } : {}).filter((b) => !b.where.includes('data-missing') && (
    /^(img|source)\[(src|srcset)\]/.test(b.where) || b.where === 'meta[content]' || (b.where === 'a[href]' && /^\/(img|_img)\//.test(b.url))));
}

/** Width the page lays out at (the document's scroll width), after loading `url`. */
export async function pageWidth(page: Page, url: string, waitUntil: 'load' | 'domcontentloaded' = 'load'): Promise<number> {
  await page.goto(url, { waitUntil });
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/** The elements that stick out of the viewport, for the failure message (in the document given, the page's by default). */
function widest(doc?: Document): string[] {
  const d = doc ?? document;
  const vw = d.documentElement.clientWidth;
  const max = d.documentElement.scrollWidth;
  const out: string[] = [];
  for (const el of d.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    // The elements that reach the page's full width, outermost first.
    if (r.right >= max - 1 && r.right > vw + 1 && r.width > 0) {
      const parent = el.parentElement?.getBoundingClientRect();
      if (!parent || parent.right <= vw + 1) out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (${Math.round(r.right)} px)`);
    }
    if (out.length >= 3) break;
  }
  return out;
}

/** The elements that stick out of the viewport of the page loaded, for the failure message. */
export async function widestElements(page: Page): Promise<string[]> {
  return page.evaluate(`(${widest.toString()})()`) as Promise<string[]>;
}

/** A page laid out wider than its viewport: its path, width and the elements that stick out. */
export interface WidePage { path: string; width: number; widest: string[] }

/**
 * Every path of `paths` laid out in a `width`-px viewport, `batch` pages at a time, each in an
 * iframe of that size inside one page (media queries answer to the iframe's width, as to a
 * phone's): one call to the browser per batch instead of a navigation and its round trips per
 * page, about twice as fast on a loaded machine for the same widths (measured against
 * `pageWidth` on 60 corpus pages: the same 60 widths). Each frame is measured at its `load`
 * (images in). The server must let its own pages frame it (the test's server drops
 * X-Frame-Options and frame-ancestors); `page` must already be on that origin.
 */
export async function widePages(page: Page, paths: readonly string[], width = 390, batch = 12): Promise<WidePage[]> {
  const out: WidePage[] = [];
  for (let i = 0; i < paths.length; i += batch) {
    out.push(...await page.evaluate(async ({ urls, width, widestSource }) => {
      const widestIn = new Function('doc', `return (${widestSource})(doc);`) as (d: Document) => string[];
      document.body.replaceChildren();
      const found = await Promise.all(urls.map((path) => new Promise<{ path: string; width: number; widest: string[] } | undefined>((ok) => {
        const f = document.createElement('iframe');
        f.style.cssText = `width:${width}px;height:844px;border:0;display:block`;
        f.addEventListener('load', () => {
          const d = f.contentDocument;
          if (!d?.body) return ok({ path, width: -1, widest: ['document illisible (cadre refusé ?)'] });
          const w = Math.max(d.documentElement.scrollWidth, d.body.scrollWidth);
          ok(w > width ? { path, width: w, widest: widestIn(d) } : undefined);
        }, { once: true });
        f.src = path;
        document.body.append(f);
      })));
      return found.filter((x) => x !== undefined);
    }, { urls: paths.slice(i, i + batch), width, widestSource: widest.toString() }));
  }
  return out;
}

export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The axe rules whose answer depends on colours, the only thing a page's scheme (light, dark)
 * changes: the dark scheme's run checks these (tests/a11y/axe.test.ts).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * axe-core on the page already loaded (axe injected by an init script), but the parts `exclude`
 * selects: one line per violation. `frames: false` leaves the content of iframes out (the
 * iframes themselves, their title, are still checked). `rules`: only these rules (default: every
 * rule of AXE_TAGS).
 */
export async function axeViolations(page: Page, exclude: string[] = [], frames = true, rules?: string[]): Promise<string[]> {
  const found = await page.evaluate(async ({ tags, exclude, frames, rules }) => {
    const runOnly = rules ? { type: 'rule' as const, values: rules } : { type: 'tag' as const, values: tags };
    const r = await window.axe.run(exclude.length ? { exclude } : document, { iframes: frames, runOnly, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, { tags: AXE_TAGS, exclude, frames, rules });
  return found.map((v) => `${v.id} [${v.impact}] ${v.help} — ${v.nodes.length} élément(s) : ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes[0]?.failureSummary ? ` — ${v.nodes[0].failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`);
}

export const AXE_SAMPLE_PER_TYPE = 8;

/** A page's type: its first path segment (défis, personnes, blog, each taxonomy…), `pages` for the single pages. */
export function pageType(path: string): string {
  const segments = path.split('/').filter(Boolean);
  return segments.length > 1 ? segments[0]! : 'pages';
}

/**
 * A fixed sample of the built pages, spread over every page type ({@link pageType}): up to
 * AXE_SAMPLE_PER_TYPE pages of each type, evenly spaced in URL order, and every single page, so
 * every run checks the same pages.
 */
export function sampleByType(paths: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const p of paths) groups.set(pageType(p), [...(groups.get(pageType(p)) ?? []), p]);
  const out: string[] = [];
  for (const [key, list] of groups) {
    const n = key === 'pages' ? list.length : Math.min(AXE_SAMPLE_PER_TYPE, list.length);
    for (let i = 0; i < n; i++) out.push(list[Math.floor((i * list.length) / n)]!);
  }
  return [...new Set(out)];
}
