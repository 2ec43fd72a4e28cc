/**
 * Entry of the renderer's server bundle (see src/integrations/render-server.ts): hands Astro's
 * manifest and its `App` (the same pages, compiled once per code version) to the long-lived
 * renderer, engine/render/renderer.ts, which drives them in-process.
 */
import type { SSRManifest } from 'astro';
import { App } from 'astro/app';

export function createExports(manifest: SSRManifest) {
  return { manifest, createApp: () => new App(manifest) };
}
