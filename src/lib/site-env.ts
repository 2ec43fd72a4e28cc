/** The site's environment: where the build reads content and media (CONTENT_DIR, MEDIA_DIR) and its public URL (SITE_URL). */
import { resolve } from 'node:path';

/** Where the build reads content and media, and the public URL it is published at. */
export interface SiteConfig {
  contentDir: string;
  mediaDir: string;
  /** Absolute site URL without trailing slash, for canonical and Open Graph URLs. */
  siteUrl: string;
}

export function siteConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SiteConfig {
  return {
    contentDir: resolve(cwd, env['CONTENT_DIR'] || 'content'),
    mediaDir: resolve(cwd, env['MEDIA_DIR'] || 'media'),
    siteUrl: (env['SITE_URL'] || 'http://127.0.0.1:4321').replace(/\/+$/, ''),
  };
}
