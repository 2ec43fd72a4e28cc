import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentType } from '../../content/model/types.ts';
import { parseMarkdownFile, type ParsedFile } from '../content/frontmatter.ts';
import { classify } from '../content/load.ts';
import { listFiles } from '../files.ts';
import type { ImportReport } from './report.ts';

/** One Markdown file of the legacy tree that belongs to a content type. */
export interface LegacyFile {
  /** Path relative to `<legacy>/content`, as on disk. */
  path: string;
  /** Same path in composed (NFC) form, used for classification and messages. */
  rel: string;
  type: ContentType;
  parsed: ParsedFile;
}

const IGNORED = /^(\.|Thumbs\.db$)/;


const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin = new TextDecoder('windows-1252');

/**
 * Reads `<legacy>/content/**`: every file is either parsed (duplicate YAML keys allowed, the
 * last one wins) or reported (not Markdown, unknown to the model, unreadable YAML).
 */
export function readLegacyFiles(contentDir: string, report: ImportReport, progress: (done: number, total: number) => void): LegacyFile[] {
  const paths = listFiles(contentDir, IGNORED);
  const files: LegacyFile[] = [];
  paths.forEach((path, n) => {
    if ((n + 1) % 100 === 0 || n + 1 === paths.length) progress(n + 1, paths.length);
    const rel = path.normalize('NFC');
    const c = classify(rel);
    if ('issue' in c) {
      const kind = c.severity === 'error' ? 'not-markdown' : 'unknown-file';
      report.add({ kind, file: rel, message: kind === 'not-markdown' ? 'fichier non Markdown dans un dossier de collection : non copié' : 'fichier inconnu du modèle de contenu : non copié' });
      return;
    }
    const bytes = readFileSync(join(contentDir, path));
    let source: string;
    try { source = utf8.decode(bytes); } catch {
      source = latin.decode(bytes);
      report.add({ kind: 'invalid-encoding', file: rel, message: 'fichier non UTF-8 : lu en Windows-1252 et écrit en UTF-8' });
    }
    const parsed = parseMarkdownFile(source, { allowDuplicateKeys: true });
    if (parsed.errors.length) {
      for (const e of parsed.errors) report.add({ kind: 'invalid-yaml', file: rel, line: e.line, message: `${e.message} : fichier non importé` });
      return;
    }
    for (const d of parsed.duplicateKeys) report.add({ kind: 'duplicate-key', file: rel, line: d.line, field: d.key, message: 'clé en double : la dernière valeur est gardée' });
    files.push({ path, rel, type: c.type, parsed });
  });
  return files;
}
