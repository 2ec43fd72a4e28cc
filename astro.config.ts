import { defineConfig } from 'astro/config';
import { siteConfig } from './src/lib/config.ts';
import { media } from './src/integrations/media.ts';
import { images } from './src/integrations/images.ts';
import { decap } from './src/integrations/decap.ts';
import sitemap from '@astrojs/sitemap';
import { isSitemapPage } from './src/lib/sitemap.ts';
import { legacyRedirects } from './src/integrations/legacy-redirects.ts';
import { renderServer } from './src/integrations/render-server.ts';
import { contentWatch } from './src/integrations/content-watch.ts';
import { dsfr } from './src/integrations/dsfr.ts';
import type { AstroIntegration } from 'astro';

const config = siteConfig();

/**
 * What runs after the pages are written (build:done hooks, in this order). The long-lived
 * renderer (scripts/lib/render/) runs the same hooks on its own output.
 */
export function siteIntegrations(site: { mediaDir: string }, outDir: () => string): AstroIntegration[] {
  return [media(site.mediaDir), images(), decap(), sitemap({ filter: (url) => isSitemapPage(url, outDir()) }), legacyRedirects()];
}


/** EIG_RENDER_SERVER=1: the same pages as a server bundle for the renderer (scripts/lib/render/). */
const renderBuild = process.env['EIG_RENDER_SERVER'] === '1';

export default defineConfig({
  site: config.siteUrl,
  // Separate output and cache folders let several builds (tests, benchmarks, previews) run at once.
  outDir: process.env['OUT_DIR'] || 'dist',
  cacheDir: process.env['ASTRO_CACHE_DIR'] || 'node_modules/.astro',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: Number(process.env['PORT'] || 4321) },
  devToolbar: { enabled: false },
  ...(renderBuild
    ? { output: 'server' as const, adapter: renderServer(), integrations: [dsfr()] }
    : { integrations: [dsfr(), ...siteIntegrations(config, () => process.env['OUT_DIR'] || 'dist'), contentWatch(config.contentDir)] }),
  vite: { build: { assetsInlineLimit: 0 } },
});
