import { siteConfig } from '../config.ts';
import { ContentError, formatIssue } from './issues.ts';
import { loadContent, type ContentSet } from './load.ts';

let cached: ContentSet | undefined;

/**
 * The validated content of CONTENT_DIR/MEDIA_DIR, read once per process. Throws a
 * {@link ContentError} listing every error; warnings are printed once.
 */
export function contentSet(): ContentSet {
  if (cached) return cached;
  const { contentDir, mediaDir } = siteConfig();
  const set = loadContent(contentDir, mediaDir);
  if (set.issues.some((i) => i.severity === 'error')) throw new ContentError(set.issues, 'content/');
  const warnings = set.issues.filter((i) => i.severity === 'warning');
  if (warnings.length) console.warn(`[contenu] ${warnings.length} avertissement(s) :\n${warnings.map((w) => formatIssue(w)).join('\n')}`);
  return (cached = set);
}
