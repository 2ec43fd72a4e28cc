import { cpSync, createReadStream, existsSync, lstatSync } from 'node:fs';
import { basename, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isMediaFile, mediaHeaders } from '../lib/media-types.ts';


/**
 * Serves the media folder (MEDIA_DIR) at `/img/`: from disk in dev, copied into the build
 * output at the end of a build. Media stay out of `public/` so another tree can be pointed at.
 * Only the site's media types are copied (an `.html` dropped in media/ never becomes a page of
 * the site), hidden files and symbolic links never.
 */
export function media(mediaDir: string): AstroIntegration {
  return {
    name: 'eig-media',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/img', (req, res, next) => {
          const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
          const file = join(mediaDir, path);
          if (!file.startsWith(mediaDir) || !existsSync(file) || !lstatSync(file).isFile()) return next();
          for (const [k, v] of Object.entries(mediaHeaders(file))) res.setHeader(k, v);
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        if (existsSync(mediaDir)) {
          cpSync(mediaDir, join(fileURLToPath(dir), 'img'), {
            recursive: true,
            // Symbolic links are never copied (a deploy that follows them would publish their target).
            filter: (src) => {
              const s = lstatSync(src);
              return !basename(src).startsWith('.') && !s.isSymbolicLink() && (s.isDirectory() || isMediaFile(src));
            },
          });
        }
      },
    },
  };
}
