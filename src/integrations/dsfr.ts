import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { rewriteFontFaces, subsetMarianne } from '../lib/dsfr/fonts.ts';
import { purgeUtilities, usedClasses } from '../lib/dsfr/purge.ts';

/** Import prefix of the subset fonts (CSS `url()` and `?url` imports), resolved to the cache folder. */
export const FONTS_ALIAS = '@eig-fonts';

/**
 * The DSFR's CSS as pages need it (see src/lib/dsfr/):
 * - Marianne subset to the characters French pages use, one woff2 per face (no woff);
 * - on `astro build`, the core's spacing/grid/visibility utilities that no source writes dropped.
 * The core must be imported from a script or component (`import '@gouvfr/dsfr/dist/core/core.main.min.css'`),
 * not through a CSS `@import`, which Vite inlines without running plugins.
 */
export function dsfr(): AstroIntegration {
  return {
    name: 'eig-dsfr',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const fontsDir = await subsetMarianne(join(root, 'node_modules', '.cache', 'eig-fonts'));
        const srcDir = fileURLToPath(config.srcDir);
        let used: Set<string> | undefined;
        updateConfig({
          vite: {
            resolve: { alias: [{ find: FONTS_ALIAS, replacement: fontsDir }] },
            plugins: [{
              name: 'eig-dsfr-core',
              enforce: 'pre',
              transform(code: string, id: string) {
                if (!/@gouvfr\/dsfr\/dist\/core\/core(\.main)?(\.min)?\.css$/.test(id.split('?')[0] ?? '')) return undefined;
                let css = rewriteFontFaces(code, FONTS_ALIAS);
                if (command === 'build') css = purgeUtilities(css, (used ??= usedClasses(srcDir)));
                return { code: css, map: null };
              },
            }],
          },
        });
      },
    },
  };
}
