import type { AstroIntegration } from 'astro';
import { invalidateContent } from '../lib/content/repository.ts';

/**
 * `astro dev` shows edited content: pages read the content tree through a cache
 * (src/lib/content/repository.ts); a change under CONTENT_DIR empties it and reloads the browser.
 */
export function contentWatch(contentDir: string): AstroIntegration {
  return {
    name: 'eig-content-watch',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.watcher.add(contentDir);
        const changed = (file: string) => {
          if (!file.startsWith(contentDir)) return;
          invalidateContent();
          server.ws.send({ type: 'full-reload' });
        };
        for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, changed);
      },
    },
  };
}
