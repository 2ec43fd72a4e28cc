import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/lib/site-env.ts';
import { renderServer } from './src/integrations/render-server.ts';
import { contentWatch } from './src/integrations/content-watch.ts';
import { dsfr } from './src/integrations/dsfr.ts';
import { siteIntegrations } from './src/integrations/site.ts';

const config = siteConfig();

// What runs after the pages are written: src/integrations/site.ts (shared with the renderer).
export { siteIntegrations };

/** EIG_RENDER_SERVER=1: the same pages as a server bundle for the renderer (engine/render/). */
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
    : { integrations: [dsfr(), ...siteIntegrations(config, () => process.env['OUT_DIR'] || 'dist', { sitemap }), contentWatch(config.contentDir)] }),
  vite: { build: { assetsInlineLimit: 0 } },
});
