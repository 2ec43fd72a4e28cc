/**
 * A content set loaded once, read by the other copies of the loading code in this process.
 * `npm run build` (scripts/build.ts) and a publication (backoffice/publish/publisher.ts) load
 * CONTENT_DIR/MEDIA_DIR for their check; the pages' server bundle holds its own copy of
 * repository.ts, which would load the same tree again (≈1 s of a build on the corpus, ≈100 ms of
 * a publication), and so would the legacy redirects after the pages. The checked set is handed
 * over on `globalThis` (two module copies), for the same folders and the same instant of the
 * site's clock (entries scheduled after it are left out, load.ts): the render of that check,
 * which withdraws it when it ends (engine/render/renderer.ts), so no later load can take it.
 */
import { resolve } from 'node:path';
import type { ContentSet } from './load.ts';

const KEY = Symbol.for('eig.content.handover');
interface HandedOver { contentDir: string; mediaDir: string; at: number; set: ContentSet }
type WithHandover = typeof globalThis & { [KEY]?: HandedOver | undefined };

/** Offers `set`, loaded for `now`, to the next loads of its folders at that same instant. */
export function handOver(set: ContentSet, now: Date): void {
  (globalThis as WithHandover)[KEY] = { contentDir: resolve(set.contentDir), mediaDir: resolve(set.mediaDir), at: now.getTime(), set };
}

/** The set handed over for these folders and this instant, if any. */
export function handedOver(contentDir: string, mediaDir: string, now: Date): ContentSet | undefined {
  const h = (globalThis as WithHandover)[KEY];
  return h && h.at === now.getTime() && h.contentDir === resolve(contentDir) && h.mediaDir === resolve(mediaDir) ? h.set : undefined;
}

/** Ends the offer (the render it was made for is over). */
export function withdrawHandover(): void {
  (globalThis as WithHandover)[KEY] = undefined;
}
