/**
 * `npm run check`: validates CONTENT_DIR/MEDIA_DIR against the content model without building.
 * Prints every problem as `path:line: field: message`, then a count. Exit 1 on errors.
 */
import { relative } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { formatIssue, summarize } from '../src/lib/content/issues.ts';
import { loadContent, type ContentSet } from '../src/lib/content/load.ts';

export function runCheck(): boolean {
  return checkContent() !== undefined;
}

/** The check, printed; the content set when it has no error (`now`: the instant it is loaded for). */
export function checkContent(now?: Date): ContentSet | undefined {
  const { contentDir, mediaDir } = siteConfig();
  const set = loadContent(contentDir, mediaDir, undefined, now);
  const prefix = `${relative(process.cwd(), contentDir) || '.'}/`;
  const sorted = [...set.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const issue of sorted) console.log(formatIssue(issue, prefix));
  console.log(`${set.entries.length} fichier(s) lus, ${summarize(set.issues)}`);
  return set.issues.some((i) => i.severity === 'error') ? undefined : set;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = runCheck() ? 0 : 1;
  } catch (e) {
    // Content problems are issues above; anything else is reported in one line, not a stack trace.
    console.error(`Vérification interrompue : ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
