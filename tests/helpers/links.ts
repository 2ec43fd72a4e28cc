/**
 * Broken internal references of a built site: links, images, srcset entries, stylesheets,
 * scripts, icons, meta refresh targets, `#fragment`s, and `url()` inside built CSS. Every
 * reference must resolve to a file of the build, as nginx would serve it.
 *
 * `brokenLinks(dist)` lists them; `writeBrokenLinksReport(dist, file, { scope: 'body' })` writes
 * the ones found in content bodies (rendered Markdown) as a JSON report, which is how the
 * imported corpus's own content defects are listed rather than hidden.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileFor, internalTarget, parsePage, type ParsedPage } from './built.ts';

export interface BrokenLink {
  /** URL path of the page (or CSS file) holding the reference. */
  page: string;
  /** Tag and attribute, or `css url()`. */
  where: string;
  url: string;
  reason: string;
  /** True when the reference sits in a content body (rendered Markdown). */
  inBody: boolean;
}

export interface LinkOptions {
  /** `all` (default): every reference of every page. `body`: only inside content bodies. */
  scope?: 'all' | 'body';
  /** URL paths of the pages to scan (default: every HTML file of the build). */
  pages?: string[];
}

/** Every HTML file of a build as URL paths (`/a/` for `a/index.html`), Pagefind's files excepted. */
export function htmlFiles(distDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { if (name !== '_astro' && name !== 'pagefind') walk(full); }
      else if (name.endsWith('.html')) out.push(`/${relative(distDir, full).split(sep).join('/').replace(/(^|\/)index\.html$/, '$1')}`);
    }
  };
  walk(distDir);
  return out.sort();
}

function cssFiles(distDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.css')) out.push(full);
    }
  };
  walk(distDir);
  return out;
}

/** Target of `<meta http-equiv="refresh" content="0;url=/x/">` in a page, if any. */
function metaRefresh(html: string): string | undefined {
  const m = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*>/i.exec(html);
  return m ? /url=([^"'>\s]+)/i.exec(m[0])?.[1] : undefined;
}

export function brokenLinks(distDir: string, options: LinkOptions = {}): BrokenLink[] {
  const scope = options.scope ?? 'all';
  const pages = options.pages ?? htmlFiles(distDir);
  const parsed = new Map<string, ParsedPage>();
  const parseFile = (file: string) => {
    let p = parsed.get(file);
    if (!p) { p = parsePage(readFileSync(file, 'utf8')); parsed.set(file, p); }
    return p;
  };
  const broken: BrokenLink[] = [];
  for (const page of pages) {
    const file = fileFor(distDir, page);
    if (!file) { broken.push({ page, where: 'page', url: page, reason: 'page absente de la construction', inBody: false }); continue; }
    const html = readFileSync(file, 'utf8');
    const p = parseFile(file);
    const refresh = metaRefresh(html);
    const refs = refresh ? [...p.refs, { where: 'meta[refresh]', url: refresh, inMain: false, inBody: false }] : p.refs;
    for (const ref of refs) {
      if (scope === 'body' && !ref.inBody) continue;
      const target = internalTarget(ref.url, page);
      if (!target) continue;
      const report = (reason: string) => broken.push({ page, where: ref.where, url: ref.url, reason, inBody: ref.inBody });
      const targetFile = target.path === page || target.path === '' ? file : fileFor(distDir, target.path);
      if (!targetFile) { report('cible absente de la construction'); continue; }
      if (target.hash && targetFile.endsWith('.html') && !target.hash.startsWith(':~:')) {
        let id: string;
        try { id = decodeURIComponent(target.hash); } catch { id = target.hash; }
        if (!parseFile(targetFile).ids.has(id)) report(`ancre #${id} absente de la page cible`);
      }
    }
  }
  if (scope === 'all' && !options.pages) {
    for (const css of cssFiles(distDir)) {
      const urlPath = `/${relative(distDir, css).split(sep).join('/')}`;
      const text = readFileSync(css, 'utf8');
      for (const m of text.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
        const target = internalTarget(m[2]!, urlPath);
        if (target && target.path && !fileFor(distDir, target.path)) {
          broken.push({ page: urlPath, where: 'css url()', url: m[2]!, reason: 'cible absente de la construction', inBody: false });
        }
      }
    }
  }
  return broken;
}

/** One line per broken reference, for test failure messages and reports. */
export function formatBroken(list: BrokenLink[]): string[] {
  return list.map((b) => `${b.page} ${b.where} ${b.url} → ${b.reason}`);
}

/**
 * Writes the broken references of a build as JSON (`{ generatedFrom, scope, pages, count,
 * byPage, broken }`) and returns them. With `scope: 'body'` only content bodies are reported:
 * the defects of the content itself, not of the templates.
 */
export function writeBrokenLinksReport(distDir: string, reportFile: string, options: LinkOptions = {}): BrokenLink[] {
  const broken = brokenLinks(distDir, options);
  const byPage: Record<string, number> = {};
  for (const b of broken) byPage[b.page] = (byPage[b.page] ?? 0) + 1;
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify({
    generatedFrom: distDir,
    scope: options.scope ?? 'all',
    pages: (options.pages ?? htmlFiles(distDir)).length,
    count: broken.length,
    byPage,
    broken,
  }, null, 2)}\n`);
  return broken;
}

/** Broken references grouped by URL and reason: `url → reason (N pages : /a/, /b/…)`. */
export function summarizeBroken(list: BrokenLink[]): string[] {
  const groups = new Map<string, Set<string>>();
  for (const b of list) {
    const key = `${b.url} → ${b.reason}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(`${b.page} ${b.where}`));
  }
  return [...groups].map(([key, pages]) => `${key} (${pages.size} : ${[...pages].slice(0, 3).join(', ')}${pages.size > 3 ? '…' : ''})`);
}
