/**
 * The Content Security Policies of the built site, written at build time to
 * `dist/nginx-csp.conf` (nginx `set` lines, included by deploy/nginx.conf's server block).
 *
 * No 'unsafe-inline' on the public site: the build inlines no script or stylesheet by default
 * (astro.config.ts), and the few inline blocks a page may still carry (e.g. the no-JavaScript
 * filter rules) are allowed by their sha256 hash, computed here from the built pages. A new inline
 * block therefore needs a rebuild and an nginx reload, nothing else.
 *
 * Four policies:
 * - `$eig_csp`: every public page;
 * - `$eig_csp_search`: /recherche/, which also runs Pagefind's WebAssembly ('wasm-unsafe-eval');
 * - `$eig_csp_admin`: /admin/ (Decap CMS): its styles are injected at run time (CSS-in-JS, so
 *   'unsafe-inline' for styles, scoped to /admin/ only), 'unsafe-eval' (decap-cms.js calls eval:
 *   without it Chromium reports a script-src eval violation), its WebAssembly, blob:/data: previews of
 *   uploaded images, and in production the GitHub API and the OAuth host of its configuration;
 * - `$eig_csp_media`: /img/ (editors' media): nothing runs, sandboxed (src/lib/media-types.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { parse as parseYaml } from 'yaml';
import { IFRAME_HOSTS } from '../../src/lib/markdown/embeds.ts';
import { MEDIA_HEADERS } from '../../src/lib/media-types.ts';

export const CSP_FILE = 'nginx-csp.conf';

export interface InlineBlocks { scripts: Set<string>; styles: Set<string>; styleAttributes: string[]; handlers: string[] }

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Inline <script>/<style> bodies, style="" attributes and on…="" handlers of one HTML page. */
export function inlineBlocks(html: string, page: string, into: InlineBlocks = { scripts: new Set(), styles: new Set(), styleAttributes: [], handlers: [] }): InlineBlocks {
  let current: { kind: 'scripts' | 'styles'; text: string } | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script' && !attrs['src'] && !/json|importmap/.test(attrs['type'] ?? '')) current = { kind: 'scripts', text: '' };
      if (name === 'style') current = { kind: 'styles', text: '' };
      if (attrs['style'] !== undefined) into.styleAttributes.push(`${page} <${name} style="${attrs['style']}">`);
      for (const a of Object.keys(attrs)) if (/^on[a-z]+$/.test(a)) into.handlers.push(`${page} <${name} ${a}>`);
    },
    ontext(t) { if (current) current.text += t; },
    onclosetag(name) {
      if (current && (name === 'script' || name === 'style')) { into[current.kind].add(current.text); current = undefined; }
    },
  }, { decodeEntities: false });
  parser.write(html);
  parser.end();
  return into;
}

/**
 * Origins of the external services the pages' forms post to (the contact form's form service,
 * set in content): `form-action` allows exactly these, from the built pages.
 */
export function formOrigins(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<form\b[^>]*\saction="(https:\/\/[^"]+)"/gi)) {
    try { out.add(new URL(m[1]!.replace(/&amp;/g, '&')).origin); } catch { /* not a URL: nothing to allow */ }
  }
  return [...out];
}

/**
 * The pages our templates rendered. Never a file of /img/ (editors' media, copied as they are:
 * an inline script found there must not be allowed by a hash), nor Astro's and Pagefind's assets.
 */
function htmlFilesOf(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && statSync(full).isDirectory());
    if (isDir) return (dir === root && (e.name === 'img' || e.name === '_img')) || e.name === '_astro' || e.name === 'pagefind' ? [] : htmlFilesOf(full, root);
    return e.name.endsWith('.html') ? [full] : [];
  });
}

/** Hosts Decap talks to in production (GitHub API, OAuth base URL), from its built config. */
function adminHosts(distDir: string): string[] {
  const file = join(distDir, 'admin', 'config.yml');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  // Only its top-level `backend:` block: the whole file (every collection, ≈70 KB) takes
  // 0.3–0.5 s to parse, the largest part of this step on a rebuild. The whole file when the block is not found as such.
  const block = /^backend:.*\n(?:(?:[ \t#].*|[ \t]*)(?:\n|$))*/m.exec(text)?.[0];
  const config = parseYaml(block ?? text) as { backend?: { name?: string; base_url?: string; api_root?: string; proxy_url?: string } } | null;
  const hosts = new Set<string>();
  const backend = config?.backend;
  if (backend?.name === 'github') hosts.add(backend.api_root ? new URL(backend.api_root).origin : 'https://api.github.com');
  if (backend?.base_url) hosts.add(new URL(backend.base_url).origin);
  if (backend?.proxy_url) hosts.add(new URL(backend.proxy_url).origin);
  return [...hosts];
}

/** What one page contributes to the policies. */
interface PageBlocks { scripts: string[]; styles: string[]; styleAttributes: string[]; handlers: string[]; forms: string[] }

/**
 * Each page's inline blocks, cached by the hash of its path and bytes (CSP_CACHE_DIR, default
 * node_modules/.cache/eig-csp): a rebuild parses only the pages that changed. The cache keeps
 * up to 8000 pages, then only those of the last build. A page file seen before (same path, device,
 * inode, size and modification time: the renderer's unchanged pages are hard links to the previous
 * build's) is not even read: its key is remembered by that identity (ids.json).
 */
function pageCache() {
  const dir = resolve(process.env['CSP_CACHE_DIR'] || 'node_modules/.cache/eig-csp');
  const file = join(dir, 'pages.json');
  const idsFile = join(dir, 'ids.json');
  let known: Record<string, PageBlocks> = {};
  try { known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, PageBlocks>; } catch { /* none yet */ }
  let ids: Record<string, string> = {};
  try { ids = JSON.parse(readFileSync(idsFile, 'utf8')) as Record<string, string>; } catch { /* none yet */ }
  const used: Record<string, PageBlocks> = {};
  const usedIds: Record<string, string> = {};
  let parsed = 0;
  let read = 0;
  return {
    get(page: string, path: string): PageBlocks {
      const s = statSync(path);
      const id = `${page}\0${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
      let key = ids[id];
      if (key === undefined || !known[key]) {
        const html = readFileSync(path, 'utf8');
        read++;
        key = createHash('sha1').update(page).update('\0').update(html).digest('base64');
        if (!known[key]) return this.parse(page, html, key, id);
      }
      usedIds[id] = key;
      used[key] = known[key]!;
      return known[key]!;
    },
    parse(page: string, html: string, key: string, id: string): PageBlocks {
      usedIds[id] = key;
      let b = known[key];
      if (!b) {
        const blocks = inlineBlocks(html, page);
        b = { scripts: [...blocks.scripts], styles: [...blocks.styles], styleAttributes: blocks.styleAttributes, handlers: blocks.handlers, forms: page.startsWith('/admin/') ? [] : formOrigins(html) };
        parsed++;
      }
      used[key] = b;
      return b;
    },
    save() {
      try {
        // Identities of this build's pages, and of earlier ones while the cache stays small.
        if (read) {
          mkdirSync(dir, { recursive: true });
          const tmpIds = `${idsFile}.${process.pid}.tmp`;
          writeFileSync(tmpIds, JSON.stringify(Object.keys(ids).length + read <= 16000 ? { ...ids, ...usedIds } : usedIds));
          renameSync(tmpIds, idsFile);
        }
      } catch { /* a cache only */ }
      if (!parsed && Object.keys(used).length === Object.keys(known).length) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        // The pages of this build, and of earlier ones while the cache stays small (demo and
        // corpus builds, tests and the back-office alternate on one machine).
        const keep = Object.keys(known).length + parsed <= 8000 ? { ...known, ...used } : used;
        writeFileSync(tmp, JSON.stringify(keep));
        renameSync(tmp, file);
      } catch { /* a cache only */ }
    },
  };
}

export interface Policies { site: string; search: string; admin: string; inline: { site: InlineBlocks; admin: InlineBlocks } }

export function buildPolicies(distDir: string): Policies {
  const root = resolve(distDir);
  const site: InlineBlocks = { scripts: new Set(), styles: new Set(), styleAttributes: [], handlers: [] };
  const admin: InlineBlocks = { scripts: new Set(), styles: new Set(), styleAttributes: [], handlers: [] };
  const forms = new Set<string>();
  const cache = pageCache();
  for (const file of htmlFilesOf(root)) {
    const page = `/${relative(root, file).split(sep).join('/')}`;
    const found = cache.get(page, file);
    const into = page.startsWith('/admin/') ? admin : site;
    for (const t of found.scripts) into.scripts.add(t);
    for (const t of found.styles) into.styles.add(t);
    into.styleAttributes.push(...found.styleAttributes);
    into.handlers.push(...found.handlers);
    if (!page.startsWith('/admin/')) for (const o of found.forms) forms.add(o);
  }
  cache.save();
  const hashes = (set: Set<string>) => [...set].map(sha256).sort();
  const frames = [...new Set(IFRAME_HOSTS)].map((h) => `https://${h}`);
  const common = [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...[...forms].sort()].join(' '),
  ];
  const publicPolicy = (extraScript: string[]) => [
    ...common,
    ['script-src', "'self'", ...extraScript, ...hashes(site.scripts)].join(' '),
    ['style-src', "'self'", ...hashes(site.styles)].join(' '),
    ['frame-src', ...frames].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
  const adminPolicy = [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...adminHosts(root)].join(' '),
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ['script-src', "'self'", "'unsafe-eval'", "'wasm-unsafe-eval'", ...hashes(admin.scripts)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "frame-ancestors 'self'",
  ].join('; ');
  return { site: publicPolicy([]), search: publicPolicy(["'wasm-unsafe-eval'"]), admin: adminPolicy, inline: { site, admin } };
}

/** Writes dist/nginx-csp.conf and returns the policies. */
export function writeCsp(distDir: string): Policies {
  const p = buildPolicies(distDir);
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  writeFileSync(join(distDir, CSP_FILE), [
    '# Content Security Policies of this build, computed by engine/deploy/csp.ts (do not edit).',
    '# Included by deploy/nginx.conf in the server block; reload nginx after deploying a new build.',
    `set $eig_csp ${q(p.site)};`,
    `set $eig_csp_search ${q(p.search)};`,
    `set $eig_csp_admin ${q(p.admin)};`,
    `set $eig_csp_media ${q(MEDIA_HEADERS['Content-Security-Policy']!)};`,
    '',
  ].join('\n'));
  return p;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || process.env['OUT_DIR'] || 'dist';
  const p = writeCsp(dist);
  console.log(`CSP : ${p.inline.site.scripts.size} script(s) et ${p.inline.site.styles.size} style(s) en ligne autorisés par empreinte → ${join(dist, CSP_FILE)}`);
}
