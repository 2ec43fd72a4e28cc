import { defineConfig } from 'astro/config';
import { siteConfig } from './src/lib/config.ts';
import { media } from './src/integrations/media.ts';

const config = siteConfig();

export default defineConfig({
  site: config.siteUrl,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: Number(process.env['PORT'] || 4321) },
  devToolbar: { enabled: false },
  integrations: [media(config.mediaDir)],
  vite: { build: { assetsInlineLimit: 0 } },
});
