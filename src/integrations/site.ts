/**
 * What runs after the pages are written (build:done hooks, in this order), for `astro build`
 * (astro.config.ts) and for the long-lived renderer (engine/render/), which runs the same
 * hooks on its own output. A module of its own so that the renderer does not load astro.config.ts
 * (importing `astro/config` costs 1.5–2 s of a content-only rebuild).
 */
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { isSitemapPage } from '../lib/sitemap-xml.ts';
import { decap } from './decap.ts';
import { images } from './images.ts';
import { legacyRedirects } from './legacy-redirects.ts';
import { media } from './media.ts';

export function siteIntegrations(site: { mediaDir: string }, outDir: () => string): AstroIntegration[] {
  return [media(site.mediaDir), images(), decap(), sitemap({ filter: (url) => isSitemapPage(url, outDir()) }), legacyRedirects()];
}
