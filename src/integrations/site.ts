/**
 * What runs after the pages are written (build:done hooks, in this order), for `astro build`
 * (astro.config.ts) and for the long-lived renderer (engine/render/), which runs the same
 * hooks on its own output. A module of its own so that the renderer does not load astro.config.ts
 * (importing `astro/config` costs 1.5–2 s of a content-only rebuild).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isSitemapPage } from '../lib/sitemap-xml.ts';
import { decap } from './decap.ts';
import { images } from './images.ts';
import { legacyRedirects } from './legacy-redirects.ts';
import { media } from './media.ts';

export const SITEMAP = '@astrojs/sitemap';
type Sitemap = typeof import('@astrojs/sitemap').default;

/**
 * `sitemap`: @astrojs/sitemap itself (astro.config.ts imports it: Vite's module runner that loads
 * the config is closed by build:done). Without it (the renderer), it is imported only if its
 * build:done hook runs: its module graph costs ≈0.3 s of a content-only rebuild, which links the
 * previous sitemap when its pages did not change (engine/render/integrations.ts).
 */
export function siteIntegrations(site: { mediaDir: string }, outDir: () => string, options: { sitemap?: Sitemap } = {}): AstroIntegration[] {
  const filter = (url: string) => isSitemapPage(url, outDir());
  return [media(site.mediaDir), images(), decap(), options.sitemap ? options.sitemap({ filter }) : lateSitemap(filter), legacyRedirects()];
}

type Hook = (arg: unknown) => unknown;
const hookOf = (i: AstroIntegration, name: string) => (i.hooks as Record<string, Hook | undefined>)[name];

/** @astrojs/sitemap imported when its build:done hook runs; the hooks before it are replayed, in order, on it. */
function lateSitemap(filter: (url: string) => boolean): AstroIntegration {
  const before: [string, unknown][] = [];
  const record = (name: string) => (arg: unknown): void => { before.push([name, arg]); };
  return {
    name: SITEMAP,
    hooks: {
      'astro:config:done': record('astro:config:done'),
      'astro:routes:resolved': record('astro:routes:resolved'),
      'astro:build:done': async (arg: { logger: AstroIntegrationLogger }) => {
        const { default: sitemap } = await import('@astrojs/sitemap');
        const real = sitemap({ filter });
        for (const [name, a] of before) await hookOf(real, name)?.(a);
        await hookOf(real, 'astro:build:done')?.(arg);
      },
    },
  };
}
