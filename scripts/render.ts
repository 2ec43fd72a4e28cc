/**
 * `tsx scripts/render.ts <outDir>`: the pages of CONTENT_DIR/MEDIA_DIR (default content/, media/)
 * rendered by the long-lived renderer (engine/render/renderer.ts) into <outDir>: every
 * page, /_img/, media, /admin/, sitemap, redirects; no search index, CSP or compression (see
 * scripts/build.ts for a complete build). Used by the pages test layer.
 */
import { resolve } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { createRenderer } from '../engine/render/renderer.ts';

const out = process.argv[2];
if (!out) {
  console.error('Usage : tsx scripts/render.ts <dossier de sortie>');
  process.exit(2);
}
const { contentDir, mediaDir } = siteConfig();
const t0 = performance.now();
const renderer = await createRenderer({ codeRoot: process.cwd(), log: (l) => console.log(l) });
const r = await renderer.full(contentDir, mediaDir, resolve(out));
await renderer.close();
console.log(`Rendu : ${r.pages} page(s) en ${((performance.now() - t0) / 1000).toFixed(1)} s${renderer.bundled ? ' (paquet serveur construit)' : ''}.`);
