import { defineConfig } from 'astro/config';
import { siteConfig } from './src/lib/config.ts';
import { media } from './src/integrations/media.ts';
import { images } from './src/integrations/images.ts';
import { decap } from './src/integrations/decap.ts';
import sitemap from '@astrojs/sitemap';
import { isSitemapPage } from './src/lib/sitemap.ts';
import { legacyRedirects } from './src/integrations/legacy-redirects.ts';
import { dsfr } from './src/integrations/dsfr.ts';

const config = siteConfig();

export default defineConfig({
  site: config.siteUrl,
  // Separate output and cache folders let several builds (tests, benchmarks, previews) run at once.
  outDir: process.env['OUT_DIR'] || 'dist',
  cacheDir: process.env['ASTRO_CACHE_DIR'] || 'node_modules/.astro',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: Number(process.env['PORT'] || 4321) },
  devToolbar: { enabled: false },
  integrations: [dsfr(), media(config.mediaDir), images(), decap(), sitemap({ filter: (url) => isSitemapPage(url, process.env['OUT_DIR'] || 'dist') }), legacyRedirects()],
  vite: { build: { assetsInlineLimit: 0 } },
});
