/**
 * What a first visit of a built page downloads before it is usable, computed from dist/ (no
 * browser, deterministic): the HTML, its stylesheets, its scripts and every module they import
 * statically, each counted gzip-compressed (level 9, as `npm run compress` writes them). Fonts and
 * images are left out, as the budget says.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileFor, internalTarget, parsePage } from './built.ts';

export interface PageWeight {
  page: string;
  html: number;
  css: number;
  js: number;
  total: number;
  /** URL path → gzip bytes, of every stylesheet and script counted. */
  files: Record<string, number>;
  /** Concatenated text of every script the page loads (to look for components' code). */
  jsText: string;
  /** URL paths of the scripts the page loads (entries and their static imports). */
  scripts: string[];
  classes: Set<string>;
}

const gzCache = new Map<string, { size: number; text: string }>();
function gz(file: string) {
  let v = gzCache.get(file);
  if (!v) {
    const buf = readFileSync(file);
    v = { size: gzipSync(buf, { level: 9 }).length, text: buf.toString('utf8') };
    gzCache.set(file, v);
  }
  return v;
}

/** Static imports of an ES module (`import "./a.js"`, `import x from "./b.js"`, `export … from`). */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$\s{},*]*?from\s*)?["']([^"']+)["']/g)) out.push(m[1]!);
  return out;
}

export function pageWeight(distDir: string, page: string): PageWeight {
  const file = fileFor(distDir, page);
  if (!file) throw new Error(`${page} : aucune page construite`);
  const parsed = parsePage(readFileSync(file, 'utf8'));
  const w: PageWeight = { page, html: gz(file).size, css: 0, js: 0, total: 0, files: {}, jsText: '', scripts: [], classes: parsed.classes };
  const add = (kind: 'css' | 'js', url: string, from: string) => {
    const target = internalTarget(url, from);
    if (!target || w.files[target.path] !== undefined) return;
    const f = fileFor(distDir, target.path);
    if (!f) throw new Error(`${page} : ${url} est absent de la construction`);
    const { size, text } = gz(f);
    w.files[target.path] = size;
    w[kind] += size;
    if (kind === 'js') {
      w.scripts.push(target.path);
      w.jsText += `${text}\n`;
      for (const imp of staticImports(text)) add('js', imp, target.path);
    }
  };
  for (const ref of parsed.refs) {
    if (ref.where === 'link[href]' && /\bstylesheet\b/.test(ref.rel ?? '')) add('css', ref.url, page);
    if (ref.where === 'link[href]' && /\bmodulepreload\b/.test(ref.rel ?? '')) add('js', ref.url, page);
    if (ref.where === 'script[src]') add('js', ref.url, page);
  }
  for (const script of parsed.inlineScripts) for (const imp of staticImports(script)) add('js', imp, page);
  w.total = w.html + w.css + w.js;
  return w;
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
