import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
  '.webp': 'image/webp', '.avif': 'image/avif', '.pdf': 'application/pdf', '.ico': 'image/x-icon',
};

/**
 * Serves the media folder (MEDIA_DIR) at `/img/`: from disk in dev, copied into the build
 * output at the end of a build. Media stay out of `public/` so another tree can be pointed at.
 */
export function media(mediaDir: string): AstroIntegration {
  return {
    name: 'eig-media',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/img', (req, res, next) => {
          const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
          const file = join(mediaDir, path);
          if (!file.startsWith(mediaDir) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        if (existsSync(mediaDir)) cpSync(mediaDir, join(fileURLToPath(dir), 'img'), { recursive: true });
      },
    },
  };
}
