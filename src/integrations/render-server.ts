import type { AstroIntegration } from 'astro';

/**
 * A minimal adapter for the renderer's server build (EIG_RENDER_SERVER=1, see astro.config.ts):
 * it serves nothing, it only exports the compiled pages' manifest and Astro's `App` so that
 * engine/render/renderer.ts renders them in its own process, without HTTP. A dedicated
 * adapter of 20 lines instead of @astrojs/node: no server, no new dependency.
 */
export function renderServer(): AstroIntegration {
  return {
    name: 'eig-render-server',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'eig-render-server',
          serverEntrypoint: new URL('../lib/render/server-entry.ts', import.meta.url).pathname,
          exports: ['manifest', 'createApp'],
          adapterFeatures: { buildOutput: 'server', edgeMiddleware: false },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable', sharpImageService: 'stable', envGetSecret: 'unsupported' },
        });
      },
    },
  };
}
