/**
 * The back-office's preview renderer, a child process of `npm start`'s server (service.ts
 * starts it on the first preview and stops it with the server). It holds the long-lived renderer
 * (renderer.ts, the same server bundle as the publications' builds of this site URL) and renders
 * one draft at a time (preview.ts). A process of its own because the renderer sets
 * CONTENT_DIR/MEDIA_DIR and an overlay on its globals, may have to make the server bundle
 * (a blocking minute, the first time), and must never share state with a publication.
 *
 * Messages (IPC): in `{id, kind: 'render', request, media, contentDir, mediaDir}` → out `{id, answer}`
 * (`media`: the draft's media the frame sent, seen as if in the media folder: draft-media.ts);
 * in `{id, kind: 'image', name}` → out `{id, file}` (an image variant of a preview, encoded into
 * the shared image cache on demand). Out `{ready}` once the renderer is loaded, `{fatal}` if it
 * cannot be.
 */
import { join } from 'node:path';
import { createRenderer, type Renderer } from '../../engine/render/renderer.ts';
import { renderDraft, type PreviewRequest } from './render.ts';
import type { DraftMedium } from '../../src/lib/content/media.ts';
import { clearRegistry, registeredVariants } from '../../src/lib/images/registry.ts';
import { defaultCacheDir, generateWidth, type Variant } from '../../src/lib/images/pipeline.ts';

export type WorkerIn =
  | { id: number; kind: 'render'; request: PreviewRequest; media: [string, DraftMedium][]; contentDir: string; mediaDir: string }
  | { id: number; kind: 'image'; name: string };
export type WorkerOut =
  | { ready: true; ms: number }
  | { fatal: string }
  | { id: number; answer: import('./render.ts').PreviewAnswer & { images?: string[] } }
  | { id: number; file: string | undefined };

const send = (m: WorkerOut) => process.send?.(m);
// The server is gone (even killed): so is this process.
process.on('disconnect', () => process.exit(0));

const siteUrl = process.env['SITE_URL'];
if (!siteUrl || !process.send) {
  console.error('preview-worker : à lancer par le serveur du back-office (SITE_URL et canal IPC requis).');
  process.exit(2);
}
process.env['EIG_QUIET_WARNINGS'] = '1';

const t0 = performance.now();
let renderer: Renderer;
try {
  renderer = await createRenderer({ codeRoot: process.cwd(), siteUrl, log: (l) => console.log(`[aperçu] ${l}`) });
} catch (e) {
  send({ fatal: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
send({ ready: true, ms: Math.round(performance.now() - t0) });

/** Image variants the recent previews asked for, by file name (bounded). */
const variants = new Map<string, Variant>();
const cacheDir = defaultCacheDir();

let queue: Promise<void> = Promise.resolve();
process.on('message', (m: WorkerIn) => {
  queue = queue.then(() => handle(m)).catch((e: unknown) => {
    if (m.kind === 'render') send({ id: m.id, answer: { ok: false, status: 500, error: `Aperçu impossible : ${e instanceof Error ? e.message : String(e)}`, problems: [] } });
    else send({ id: m.id, file: undefined });
  });
});

async function handle(m: WorkerIn): Promise<void> {
  if (m.kind === 'image') {
    const v = variants.get(m.name);
    if (!v) return void send({ id: m.id, file: undefined });
    await generateWidth([v], cacheDir);
    return void send({ id: m.id, file: join(cacheDir, v.name) });
  }
  process.env['CONTENT_DIR'] = m.contentDir;
  process.env['MEDIA_DIR'] = m.mediaDir;
  clearRegistry();
  const answer = await renderDraft(renderer, m.request, m.media);
  const images = registeredVariants();
  for (const v of images) { variants.delete(v.name); variants.set(v.name, v); }
  while (variants.size > 2000) variants.delete(variants.keys().next().value!);
  send({ id: m.id, answer: { ...answer, images: images.map((v) => v.name) } });
}
