/**
 * `npm run build` through the long-lived renderer (engine/render/renderer.ts):
 * - code unchanged since the last build of this output folder on this machine (same code hash,
 *   state kept in node_modules/.cache/eig-render): only the pages whose content changed are
 *   rendered, the others are hard links to the previous build;
 * - otherwise (first build, code changed): the server bundle is made for the new code and every
 *   page rendered — a full build, proven equal to `astro build`'s (tests/pages/incremental.test.ts).
 * The new build is written beside the old one and swapped in by a rename: a failed build leaves
 * the previous one untouched. PREV_OUT_DIR=<folder>: the previous build lives elsewhere (the
 * back-office's server writes each publication into a new folder): start from it.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { detail, phase } from './timeline.ts';
import { createRenderer, swapDir, type RenderResult } from './render/renderer.ts';

export interface RenderedBuild extends RenderResult { incremental: boolean; bundled: boolean; seconds: number }

/**
 * Renders CONTENT_DIR/MEDIA_DIR into `finalOut` and runs `after(dir, previous)` (search index,
 * CSP, compression) on the new folder before it replaces `finalOut`; `previous` is the build
 * the new one was made from (incremental builds only): unchanged files there are the same inodes.
 */
export async function renderedBuild(finalOut: string, after: (dir: string, previous: string | undefined) => Promise<void>, options: { afterPages?: (dir: string, previous: string | undefined) => void; now?: Date } = {}): Promise<RenderedBuild> {
  const t0 = performance.now();
  const out = resolve(finalOut);
  const { contentDir, mediaDir } = siteConfig();
  // EIG_RENDER_CACHE_DIR: another cache of server bundles and states (the bench's "full build
  // after a code change" uses an empty one).
  const cacheDir = process.env['EIG_RENDER_CACHE_DIR'];
  const renderer = await createRenderer({ codeRoot: process.cwd(), log: (l) => console.log(l), persist: false, ...(cacheDir ? { cacheDir } : {}), ...(options.afterPages ? { afterPages: options.afterPages } : {}) });
  for (const [k, v] of Object.entries(renderer.startupMs ?? {})) detail(k, v);
  phase('rendu : démarrage (paquet serveur)');
  const ready = performance.now() - t0;
  const staging = `${out}.next-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const prev = resolve(process.env['PREV_OUT_DIR'] || out);
    const incremental = existsSync(prev) && renderer.canUpdateFrom(prev);
    const r = incremental
      ? await renderer.update(contentDir, mediaDir, [], prev, staging, options.now)
      : await renderer.full(contentDir, mediaDir, staging, options.now);
    const t1 = performance.now();
    await after(staging, incremental ? prev : undefined);
    r.ms['search+serving'] = Math.round(performance.now() - t1);
    swapDir(staging, out, { background: true });
    phase('bascule (rename ; ancien dossier supprimé en arrière-plan)');
    renderer.relocate(out);
    phase('état enregistré (dépendances des pages)');
    r.ms['startup'] = Math.round(ready);
    return { ...r, incremental, bundled: renderer.bundled, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    await renderer.close();
  }
}
