import { siteConfig } from '../site-env.ts';
import { ContentError, formatIssue } from './issues.ts';
import { loadContent, type ContentSet } from './load.ts';
import { EVERYTHING, recordRead } from './reads.ts';
import { siteNow } from './clock.ts';
import { handedOver } from './handover.ts';

/**
 * Which content the pages read. The static build reads CONTENT_DIR/MEDIA_DIR once; the
 * long-lived renderer (engine/render/) renders the same pages again after each content
 * change, from its server bundle: it bumps the generation on `globalThis` (the bundle and the
 * scripts hold two copies of this module in one process) and the next read loads afresh.
 */
const GENERATION = Symbol.for('eig.content.generation');
type WithGeneration = typeof globalThis & { [GENERATION]?: number };

/** Makes the next {@link contentSet} call read the content tree again. */
export function invalidateContent(): void {
  const g = globalThis as WithGeneration;
  g[GENERATION] = (g[GENERATION] ?? 0) + 1;
}

/**
 * The back-office preview's unsaved draft (backoffice/preview/render.ts): files, by path
 * relative to the content root, read instead of (or beside) CONTENT_DIR's by {@link loadContent}.
 * Held in memory only, on `globalThis` like the generation; never set by a build.
 */
const OVERLAY = Symbol.for('eig.content.overlay');
type WithOverlay = typeof globalThis & { [OVERLAY]?: ReadonlyMap<string, string> | undefined };

/** Sets (or clears, `undefined`) the overlaid files; the next read loads afresh. */
export function setContentOverlay(files: ReadonlyMap<string, string> | undefined): void {
  (globalThis as WithOverlay)[OVERLAY] = files;
  invalidateContent();
}

let cached: { key: string; set: ContentSet } | undefined;

/** What the cached set was read for: folders and generation. */
export function contentKey(): string {
  const { contentDir, mediaDir } = siteConfig();
  return `${contentDir}\n${mediaDir}\n${(globalThis as WithGeneration)[GENERATION] ?? 0}`;
}

/**
 * The validated content of CONTENT_DIR/MEDIA_DIR, read once per generation. Throws a
 * {@link ContentError} listing every error; warnings are printed once. A page that reads it
 * depends on every entry (see reads.ts); query.ts reads it through {@link loadedContentSet}.
 */
export function contentSet(): ContentSet {
  recordRead(EVERYTHING);
  return loadedContentSet();
}

/** {@link contentSet} without recording the read (query.ts records finer reads itself). */
export function loadedContentSet(): ContentSet {
  const key = contentKey();
  if (cached?.key === key) return cached.set;
  const { contentDir, mediaDir } = siteConfig();
  const overlay = (globalThis as WithOverlay)[OVERLAY];
  // The set the build's or the publication's check has just loaded, when it is this one (handover.ts).
  const set = (overlay ? undefined : handedOver(contentDir, mediaDir, siteNow())) ?? loadContent(contentDir, mediaDir, overlay);
  if (set.issues.some((i) => i.severity === 'error')) throw new ContentError(set.issues, 'content/');
  const warnings = set.issues.filter((i) => i.severity === 'warning');
  if (warnings.length && process.env['EIG_QUIET_WARNINGS'] !== '1') console.warn(`[contenu] ${warnings.length} avertissement(s) :\n${warnings.map((w) => formatIssue(w)).join('\n')}`);
  cached = { key, set };
  return set;
}
