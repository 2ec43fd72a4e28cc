import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { siteConfig } from '../lib/site-env.ts';
import { loadContent } from '../lib/content/load.ts';
import { handedOver } from '../lib/content/handover.ts';
import { siteNow } from '../lib/content/clock.ts';
import { legacyUrls } from '../lib/legacy/urls.ts';
import { mediaRedirects, readMoves } from '../lib/legacy/media-moves.ts';
import { formatIssue } from '../lib/content/issues.ts';
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
        for (const [file, text] of legacyFiles(out, pages, logger)) {
          mkdirSync(dirname(join(out, file)), { recursive: true });
          writeFileSync(join(out, file), text);
        }
      },
    },
  };
}

/**
 * The files the integration writes into `out` (path relative to it → text), its warnings logged:
 * the renderer (engine/render/integrations.ts) links the previous output's when they are the same.
 */
export function legacyFiles(out: string, pages: readonly { pathname: string }[], logger: AstroIntegrationLogger): Map<string, string> {
  // Every page Astro wrote must be inside the output folder (a bad `url:` fails here at the latest).
  for (const p of pages) insideDir(out, p.pathname);
  const { contentDir, mediaDir, siteUrl } = siteConfig();
  // The set this build checked and rendered, when handed over (handover.ts): not a third load.
  const { entries } = handedOver(contentDir, mediaDir, siteNow()) ?? loadContent(contentDir, mediaDir);
  const exists = (path: string) => existsSync(join(insideDir(out, decodeURI(path)), 'index.html'));
  const redirects = planRedirects(legacyUrls(entries), exists);
  const files = new Map<string, string>();
  for (const r of redirects) {
    const folder = insideDir(out, decodeURI(r.from));
    files.set(join(relative(out, folder), 'index.html'), redirectPage(r.to, siteUrl));
  }
  // Old image addresses: only the web server can redirect them (no page to put a refresh in).
  const recorded = readMoves(contentDir);
  for (const i of recorded.issues) logger.warn(formatIssue(i));
  const images = mediaRedirects(recorded.moves, (file) => existsSync(join(mediaDir, file)));
  if (images.gone.length) logger.warn(`${images.gone.length} ancienne(s) adresse(s) d’image sans fichier dans les médias (supprimé ou renommé depuis l’import) : non redirigée(s), par exemple ${images.gone[0]}`);
  files.set(NGINX_MAP, nginxMap([...redirects, ...images.redirects]));
  logger.info(`${redirects.length} redirection(s) d’anciennes adresses de pages écrites (pages et ${NGINX_MAP}), ${images.redirects.length} d’images (${NGINX_MAP})`);
  return files;
}
