import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ensureDecapBundle, isBundleFile } from './decap-bundle.ts';

/**
 * Decap CMS's prebuilt bundle: the `dist/` of the pinned `decap-cms` tarball, checked and
 * extracted into node_modules/.cache/ at install (decap-bundle.ts), without its dependency tree.
 */
export const decapDist = (): string => ensureDecapBundle();

/**
 * The files /admin/ needs: the main bundle, its lazy chunks (`<n>.decap-cms.js`), its two
 * `.wasm` and licence notice. Source maps and the duplicate `cms.js` build are left out.
 */
export function decapFiles(dist = decapDist()): string[] {
  return readdirSync(dist).filter(isBundleFile).sort();
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8' };

/**
 * Serves Decap's bundle under /admin/ from node_modules in dev, and copies it into the build
 * output's admin/ folder at the end of a build: the back-office loads with no request leaving
 * the machine. The page itself is src/pages/admin/index.astro.
 */
export function decap(): AstroIntegration {
  return {
    name: 'eig-decap',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const files = new Set(decapFiles());
        server.middlewares.use('/admin', (req, res, next) => {
          const name = basename((req.url ?? '/').split('?')[0] ?? '/');
          if (!files.has(name)) return next();
          res.setHeader('Content-Type', TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
          createReadStream(join(decapDist(), name)).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        const out = join(fileURLToPath(dir), 'admin');
        mkdirSync(out, { recursive: true });
        const dist = decapDist();
        for (const f of decapFiles(dist)) copyFileSync(join(dist, f), join(out, f));
        if (!existsSync(join(out, 'decap-cms.js'))) throw new Error(`decap-cms.js absent de ${dist}`);
      },
    },
  };
}
