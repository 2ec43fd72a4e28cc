import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentIssue } from '../content/issues.ts';
import type { Redirect } from './redirects.ts';

/**
 * Where the previous site's images went. The importer flattens `static/img/promotion-6/defis/x.png`
 * into `media/promotion-6-defis-x.png` (see lib/import/media.ts), so the old address
 * `/img/promotion-6/defis/x.png`, linked from elsewhere or indexed, would answer 404. The importer
 * records each move in this file at the content root (a dot file: not an entry, not shown in the
 * back-office), and the build turns the moves whose file is still in the media folder into lines of
 * the redirect map.
 */
export const LEGACY_MEDIA_FILE = '.legacy-media.json';

/** Old path under `/img/` (as the previous site served it, decoded) → file name in the media folder. */
export type MediaMoves = Record<string, string>;

/**
 * The file's text, for the moves that changed an address (a file already at the top level under
 * its own name needs none); keys sorted, so the same import gives the same bytes.
 */
export function serializeMoves(moves: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...moves].filter(([from, to]) => from !== `/img/${to}`).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * The moves recorded in a content tree (none when the file is absent), and every problem with
 * its file, line and key: unreadable JSON, a value that is not a plain file name.
 */
export function readMoves(contentDir: string): { moves: MediaMoves; issues: ContentIssue[] } {
  const path = join(contentDir, LEGACY_MEDIA_FILE);
  if (!existsSync(path)) return { moves: {}, issues: [] };
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { moves: {}, issues: [{ file: LEGACY_MEDIA_FILE, message: `JSON illisible (${e instanceof Error ? e.message : String(e)}) : anciennes adresses d’images non redirigées`, severity: 'warning' }] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { moves: {}, issues: [{ file: LEGACY_MEDIA_FILE, message: 'un objet { "ancienne adresse": "nom du fichier" } est attendu : anciennes adresses d’images non redirigées', severity: 'warning' }] };
  }
  const lines = text.split('\n');
  const lineOf = (key: string) => { const i = lines.findIndex((l) => l.includes(JSON.stringify(key))); return i < 0 ? undefined : i + 1; };
  const moves: MediaMoves = {};
  const issues: ContentIssue[] = [];
  for (const [from, to] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof to !== 'string' || !to || to.includes('/') || to.includes('\\') || to.startsWith('.') || !from.startsWith('/img/')) {
      issues.push({ file: LEGACY_MEDIA_FILE, line: lineOf(from), field: from, message: 'ancienne adresse hors de /img/ ou nom de fichier invalide : ignorée', severity: 'warning' });
      continue;
    }
    moves[from] = to;
  }
  return { moves, issues };
}

/**
 * Redirects for the moves whose file is still in the media folder (`exists` gets the file name).
 * The others are returned apart, so the build can say how many old addresses lost their file
 * (an editor deleted or renamed it since the import).
 */
export function mediaRedirects(moves: MediaMoves, exists: (file: string) => boolean): { redirects: Redirect[]; gone: string[] } {
  const redirects: Redirect[] = [];
  const gone: string[] = [];
  for (const [from, to] of Object.entries(moves)) {
    if (exists(to)) redirects.push({ from, to: `/img/${to}` });
    else gone.push(from);
  }
  return { redirects, gone };
}
