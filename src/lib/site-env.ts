/** The site's environment: where the build reads content and media (CONTENT_DIR, MEDIA_DIR) and its public URL (SITE_URL). */
import { resolve } from 'node:path';

/** Where the build reads content and media, and the public URL it is published at. */
export interface SiteConfig {
  contentDir: string;
  mediaDir: string;
  /** Absolute site URL without trailing slash, for canonical and Open Graph URLs. */
  siteUrl: string;
}

/** Where a development build or a test says the site is: never written into a production build. */
export const DEV_SITE_URL = 'http://127.0.0.1:4321';

/**
 * A production build is one started with NODE_ENV=production (what an operator's or a CI's deploy
 * step sets; not CI=true, which the project's own CI sets for `npm test`, whose builds use loopback
 * URLs on purpose). Such a build must be told its public URL: without SITE_URL (or with one that is
 * not an absolute http(s) URL) it gets a French message to stop with, instead of the loopback default.
 */
export function productionSiteUrlProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['NODE_ENV'] !== 'production') return undefined;
  const url = env['SITE_URL'] ?? '';
  if (!url) return `Construction de production (NODE_ENV=production) sans SITE_URL : indiquez l’adresse publique du site, par exemple SITE_URL=https://exemple.gouv.fr (sinon les liens canoniques, le plan du site et les flux pointeraient vers ${DEV_SITE_URL}).`;
  if (!/^https?:\/\/[^/\s]+/.test(url)) return `Construction de production : SITE_URL « ${url} » n’est pas une adresse absolue (https://…).`;
  return undefined;
}

export function siteConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SiteConfig {
  return {
    contentDir: resolve(cwd, env['CONTENT_DIR'] || 'content'),
    mediaDir: resolve(cwd, env['MEDIA_DIR'] || 'media'),
    siteUrl: (env['SITE_URL'] || DEV_SITE_URL).replace(/\/+$/, ''),
  };
}
