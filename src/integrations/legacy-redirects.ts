import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { siteConfig } from '../lib/config.ts';
import { loadContent } from '../lib/content/load.ts';
import { legacyUrls } from '../lib/legacy/urls.ts';
import { nginxMap, planRedirects, redirectPage } from '../lib/legacy/redirects.ts';
import { insideDir } from '../lib/inside.ts';

/** File name of the redirect map for the production web server (included by deploy/, #7). */
export const NGINX_MAP = 'nginx-redirects.map';

/**
 * Keeps every URL of the previous site working. After the build, each legacy URL (computed
 * from the content tree, see lib/legacy/urls.ts) that no page answers gets a static redirect
 * page to the closest page that exists, and a line in `dist/nginx-redirects.map`.
 * It runs after the pages are written so it knows exactly which ones exist.
 */
export function legacyRedirects(): AstroIntegration {
  return {
    name: 'eig-legacy-redirects',
    hooks: {
      'astro:build:done': ({ dir, logger, pages }) => {
        const out = fileURLToPath(dir);
        // Every page Astro wrote must be inside the output folder (a bad `url:` fails here at the latest).
        for (const p of pages) insideDir(out, p.pathname);
        const { contentDir, mediaDir, siteUrl } = siteConfig();
        const { entries } = loadContent(contentDir, mediaDir);
        const exists = (path: string) => existsSync(join(insideDir(out, decodeURI(path)), 'index.html'));
        const redirects = planRedirects(legacyUrls(entries), exists);
        for (const r of redirects) {
          const folder = insideDir(out, decodeURI(r.from));
          mkdirSync(folder, { recursive: true });
          writeFileSync(join(folder, 'index.html'), redirectPage(r.to, siteUrl));
        }
        writeFileSync(join(out, NGINX_MAP), nginxMap(redirects));
        logger.info(`${redirects.length} redirection(s) d’anciennes adresses écrites (pages et ${NGINX_MAP})`);
      },
    },
  };
}
