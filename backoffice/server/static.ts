import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, posix, relative, resolve, sep } from 'node:path';
import { mediaHeaders } from '../../src/lib/media-types.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json', '.yml': 'text/yaml; charset=utf-8', '.pf_meta': 'application/octet-stream',
};

/** Folder of the build holding the editors' media (the media integration copies them there). */
export const MEDIA_FOLDER = 'img';

/** Maps a URL path to a file of `root`, the way a static host does (`/a/` → `/a/index.html`). */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  return resolveRequest(root, urlPath)?.file;
}

/**
 * The file a URL path names and the headers it is served with, decided together from the same
 * decoded, normalised path: every file of the media folder gets mediaHeaders (declared type,
 * nosniff, sandboxing CSP) whatever spelling reached it (`//img/x.svg`, `/%69mg/x.svg`,
 * `/x/../img/x.svg`…). Undefined when no file matches.
 */
export function resolveRequest(root: string, urlPath: string): { file: string; headers: Record<string, string> } | undefined {
  let path: string;
  try { path = decodeURIComponent(urlPath.split('?')[0] ?? '/'); } catch { return undefined; }
  const base = resolve(root);
  const full = normalize(join(base, path));
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  const file = [full, join(full, 'index.html'), `${full}.html`].find((c) => existsSync(c) && statSync(c).isFile());
  if (!file) return undefined;
  const rel = relative(base, file).split(sep);
  const headers = rel[0] === MEDIA_FOLDER && rel.length > 1
    ? mediaHeaders(file)
    : { 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
  return { file, headers: { ...headers, 'Cache-Control': rel[0] === '_astro' ? 'public, max-age=31536000, immutable' : 'no-cache' } };
}

/**
 * Who may frame a response, as production nginx says (deploy/nginx.conf): nobody, except the
 * back-office (/admin/) framed by its own pages. Decided on the decoded, normalised path.
 */
export function framingHeaders(url: string): Record<string, string> {
  let path = '/';
  try { path = posix.normalize(decodeURIComponent(url.split('?')[0] ?? '/')); } catch { /* strictest below */ }
  return path.startsWith('/admin/') || path === '/admin'
    ? { 'Content-Security-Policy': "frame-ancestors 'self'", 'X-Frame-Options': 'SAMEORIGIN' }
    : { 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Frame-Options': 'DENY' };
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * Serves a directory (the built site) with the custom 404 page. `rootOf` is read per request so
 * the root can be swapped atomically after a rebuild. `before` handlers may answer first. Every
 * response, the handlers' included, carries the framing headers (a handler may set its own CSP:
 * it should then say frame-ancestors itself; mediaHeaders does).
 */
export function staticServer(rootOf: () => string, before: Handler[] = []): Server {
  return createServer(async (req, res) => {
    const url = req.url ?? '/';
    for (const [k, v] of Object.entries(framingHeaders(url))) res.setHeader(k, v);
    for (const h of before) if (await h(req, res)) return;
    const root = rootOf();
    const path = url.split('?')[0] ?? '/';
    const found = resolveRequest(root, path);
    if (found && !path.endsWith('/') && found.file.endsWith('index.html') && !path.endsWith('index.html')) {
      // Relative to this host only: `//x` or `/\\x` would send the browser to another site.
      res.writeHead(301, { Location: `/${path.replace(/^[/\\]+/, '')}/${url.slice(path.length)}` });
      res.end();
      return;
    }
    if (!found) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'Content-Type': CONTENT_TYPES['.html']! });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res); else res.end('Page non trouvée');
      return;
    }
    res.writeHead(200, found.headers);
    createReadStream(found.file).pipe(res);
  });
}
