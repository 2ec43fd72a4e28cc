import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { mediaHeaders } from '../../src/lib/media-types.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json', '.yml': 'text/yaml; charset=utf-8', '.pf_meta': 'application/octet-stream',
};

/** Maps a URL path to a file of `root`, the way a static host does (`/a/` → `/a/index.html`). */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  let path: string;
  try { path = decodeURIComponent(urlPath.split('?')[0] ?? '/'); } catch { return undefined; }
  const full = normalize(join(root, path));
  if (!full.startsWith(resolve(root))) return undefined;
  for (const candidate of [full, join(full, 'index.html'), `${full}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * Serves a directory (the built site) with the custom 404 page. `rootOf` is read per request so
 * the root can be swapped atomically after a rebuild. `before` handlers may answer first.
 */
export function staticServer(rootOf: () => string, before: Handler[] = []): Server {
  return createServer(async (req, res) => {
    for (const h of before) if (await h(req, res)) return;
    const root = rootOf();
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const file = resolveStatic(root, path);
    if (file && !path.endsWith('/') && file.endsWith('index.html') && !path.endsWith('index.html')) {
      res.writeHead(301, { Location: `${path}/${url.slice(path.length)}` });
      res.end();
      return;
    }
    if (!file) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'Content-Type': CONTENT_TYPES['.html']! });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res); else res.end('Page non trouvée');
      return;
    }
    res.writeHead(200, {
      // Editors' media: their own types only, nosniff, sandboxed (src/lib/media-types.ts).
      ...(path.startsWith('/img/') ? mediaHeaders(file) : { 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' }),
      'Cache-Control': file.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
}
