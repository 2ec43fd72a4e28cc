import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileTypes, folderTypes, type CollectionData } from '../../content/model/index.ts';
import type { CollectionName, Field } from '../../content/model/fields.ts';
import type { ContentType, FileType, FolderType } from '../../content/model/types.ts';
import { parseMarkdownFile } from './frontmatter.ts';
import type { ContentIssue } from './issues.ts';
import { resolveMedia } from './media.ts';
import { slugFromFile } from './slug.ts';
import { validateEntry } from './validate.ts';
import { shortcodeIssues } from './shortcode-check.ts';
import { autoNumberIssues } from './auto-number-check.ts';
import { menuIssues } from './menu-check.ts';
import { listFiles } from '../files.ts';
import { capIssuesPerFile, fileSizeProblem } from './limits.ts';
import { siteNow } from './clock.ts';

export interface Entry {
  /** Collection name, or `pages` for single pages. */
  collection: CollectionName | 'pages';
  type: ContentType;
  /** Slug (folder entries) or page name (single pages). */
  id: string;
  /** Path relative to the content root. */
  file: string;
  /** Public URL, always with a trailing slash. */
  url: string;
  title: string;
  /**
   * The front matter as the type's zod schema parsed it (typed views: query.ts). Shared by every
   * load that reuses this file's parse (see the per-file cache below): read it, never change it.
   */
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
  /** 1-based line of a front-matter value in the file (from the one parse of the file). */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The file's text (for checks that point inside multi-line values). */
  source: string;
}

/** An entry of one collection with its data typed by the model (see {@link collectionEntries}). */
export type TypedEntry<D> = Omit<Entry, 'data'> & { data: D };

/**
 * The entries of one collection, their data typed by the model: each was validated by the zod
 * schema of its own type (to-zod.ts, typed with `DataOf`), so the type is what the data is.
 */
export function collectionEntries<C extends CollectionName>(set: ContentSet, collection: C): TypedEntry<CollectionData[C]>[] {
  return set.entries.filter((e) => e.collection === collection) as TypedEntry<CollectionData[C]>[];
}

export interface ContentSet {
  contentDir: string;
  mediaDir: string;
  entries: Entry[];
  /**
   * Entries whose `publishAt` (« Publier le ») is still to come: checked like the others, left
   * out of `entries`, so of every page, list, feed, search index and data set (issue #21).
   */
  scheduled: Entry[];
  issues: ContentIssue[];
  /** Files the schema refused, with the fields valid on their own (to name them by their titles). */
  rejected: Rejected[];
}

/** A symbolic link in content/ or media/: never read nor copied (it would publish its target). */
export const SYMLINK_REFUSED = 'lien symbolique refusé : les entrées et les médias doivent être des fichiers ordinaires';
const IGNORED = /^(\.|_?README|Thumbs\.db$)/;

export function normalizeUrl(url: string): string {
  let u = url.trim();
  if (!u.startsWith('/')) u = `/${u}`;
  if (!u.endsWith('/') && !/\.[a-z0-9]+$/i.test(u)) u = `${u}/`;
  return u;
}


/** Which content type a file (path relative to the content root) belongs to, or why it has none. */
export function classify(rel: string): { type: ContentType } | { issue: string; severity: 'error' | 'warning' } {
  const file: FileType | undefined = fileTypes.find((t) => t.file === rel);
  if (file) return { type: file };
  const parts = rel.split('/');
  const folder: FolderType | undefined = folderTypes.find((t) => t.folder === parts[0]);
  if (folder && parts.length === 2) {
    if (!rel.endsWith('.md')) return { issue: `n’est pas un fichier Markdown (.md) : ignoré dans la collection « ${folder.label} »`, severity: 'error' };
    return { type: folder };
  }
  return { issue: 'fichier inconnu du modèle de contenu : ignoré', severity: 'warning' };
}

/** One file's share of a load: what depends on its bytes and path only. */
interface FileResult {
  issues: ContentIssue[];
  entry?: Entry;
  rejected?: Rejected;
}

/**
 * Parses of the last loads, per content folder (a few folders: the site's, the back-office's
 * mirror, tests' temporary trees), per file: a file whose bytes did not change since is not
 * parsed nor validated again. Keyed by the whole content (bytes compared, not timestamps: an
 * edit within the file system's clock tick keeps mtime and size), and by the day (date ranges
 * count years from today).
 */
const fileCache = new Map<string, Map<string, { bytes: Buffer; day: string; result: FileResult }>>();
const MAX_CACHED_FOLDERS = 8;

/** Figures of the last {@link loadContent} call, for benchmarks and tests. */
export const loadStats = { files: 0, parsed: 0 };

/**
 * Reads and validates the whole content tree: every entry and every issue, never throwing.
 * `overlay` (path relative to the content root → Markdown source) stands for files that are not
 * on disk, or replaces them: the back-office preview's unsaved draft, read like the file it
 * will become (src/lib/content/repository.ts, setContentOverlay). It is never written.
 */
export function loadContent(contentDir: string, mediaDir: string, overlay?: ReadonlyMap<string, string>, now: Date = siteNow()): ContentSet {
  const issues: ContentIssue[] = [];
  const entries: Entry[] = [];
  const rejected: Rejected[] = [];
  const previous = fileCache.get(contentDir);
  const cache = new Map<string, { bytes: Buffer; day: string; result: FileResult }>();
  const day = new Date().toISOString().slice(0, 10);
  loadStats.files = 0;
  loadStats.parsed = 0;

  const symlink = (file: string) => issues.push({ file, message: SYMLINK_REFUSED, severity: 'error' });
  const onDisk = listFiles(contentDir, IGNORED, (rel) => symlink(rel.normalize('NFC'))).filter((p) => !overlay?.has(p.normalize('NFC')));
  // Media are reported by their path from the content root (`../media/x.png`: formatIssue
  // prints `media/x.png`).
  const mediaFromContent = relative(contentDir, mediaDir).split(sep).join('/');
  listFiles(mediaDir, /^\./, (rel) => symlink(`${mediaFromContent}/${rel.normalize('NFC')}`));
  for (const path of overlay ? [...onDisk, ...overlay.keys()].sort() : onDisk) {
    const rel = path.normalize('NFC');
    const c = classify(rel);
    if ('issue' in c) { issues.push({ file: rel, message: c.issue, severity: c.severity }); continue; }
    const draft = overlay?.get(rel);
    const bytes = draft === undefined ? readFileSync(join(contentDir, path)) : Buffer.from(draft, 'utf8');
    loadStats.files++;
    const hit = previous?.get(rel);
    let result: FileResult;
    if (hit && hit.day === day && hit.bytes.equals(bytes)) result = hit.result;
    else {
      result = loadFile(rel, c.type, bytes);
      loadStats.parsed++;
    }
    cache.set(rel, { bytes, day, result });
    issues.push(...result.issues);
    if (result.rejected) rejected.push(result.rejected);
    if (result.entry) {
      entries.push(result.entry);
      // Media may come and go without the file changing: checked on every load.
      checkMedia(result.entry.type.fields, result.entry.data, [], rel, mediaDir, result.entry.lineOf, issues);
    }
  }
  fileCache.delete(contentDir);
  fileCache.set(contentDir, cache);
  while (fileCache.size > MAX_CACHED_FOLDERS) fileCache.delete(fileCache.keys().next().value!);

  checkDuplicates(entries, issues);
  checkRelations(entries, rejected, issues);
  issues.push(...shortcodeIssues(entries, (e, path) => e.lineOf(path), (e) => e.source));
  const byFile = new Map(entries.map((e) => [e.file, e]));
  issues.push(...autoNumberIssues(entries, (e, path) => byFile.get(e.file ?? '')?.lineOf(path)));
  issues.push(...menuIssues(entries, (file, path) => byFile.get(file)?.lineOf(path)));
  // The checks above saw every entry (they do not depend on the time); an entry whose time has
  // not come is then held back, unless it is the previewed draft itself (an overlay).
  const scheduled = entries.filter((e) => !overlay?.has(e.file) && isScheduled(e, now));
  const shown = scheduled.length ? entries.filter((e) => !scheduled.includes(e)) : entries;
  // A bounded output whatever a file holds (limits.ts): 50 problems a file, then their count.
  return { contentDir, mediaDir, entries: shown, scheduled, rejected, issues: capIssuesPerFile(dedupeMissingMedia(issues)) };
}

/** Whether an entry's `publishAt` is after `now` (its page must not exist yet). */
export function isScheduled(e: Pick<Entry, 'data'>, now: Date): boolean {
  const at = e.data['publishAt'];
  return at instanceof Date && at.getTime() > now.getTime();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses and validates one file of a known type. */
function loadFile(rel: string, type: ContentType, bytes: Buffer): FileResult {
  const tooBig = fileSizeProblem(bytes.length);
  if (tooBig) return { issues: [{ file: rel, message: tooBig, severity: 'error' }] };
  let source: string;
  try { source = decoder.decode(bytes); } catch {
    return { issues: [{ file: rel, message: 'encodage invalide : le fichier doit être en UTF-8', severity: 'error' }] };
  }
  const parsed = parseMarkdownFile(source);
  const lineOf = parsed.lineOf.bind(parsed);
  const { data, issues, partial } = validateEntry(type, rel, parsed);
  if (!data) return { issues, rejected: partial ? { file: rel, type, data: partial, lineOf } : undefined };
  const id = type.kind === 'folder' ? slugFromFile(rel) : type.name;
  if (!id) return { issues: [...issues, { file: rel, message: 'nom de fichier vide après normalisation', severity: 'error' }] };
  const declared = typeof data['url'] === 'string' && data['url'] ? data['url'] : undefined;
  const url = normalizeUrl(declared ?? (type.kind === 'folder' ? `${type.urlPrefix}${id}/` : type.url));
  const title = String(data[type.kind === 'folder' ? type.titleField : 'title'] ?? id);
  const entry: Entry = { collection: type.kind === 'folder' ? type.name : 'pages', type, id, file: rel, url, title, data: deepFreeze(data), body: parsed.body, bodyLine: parsed.bodyLine, lineOf, source };
  return { issues, entry };
}

/** Parsed data is shared between loads (and the pages of every version that reuse it): frozen. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !(v instanceof Date) && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function checkDuplicates(entries: Entry[], issues: ContentIssue[]) {
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    const key = `${e.collection}/${e.id}`;
    const first = seen.get(key);
    if (first) issues.push({ file: e.file, message: `même adresse que ${first.file} (${e.url}) : renommez l’un des deux fichiers`, severity: 'error' });
    else seen.set(key, e);
  }
  const urls = new Map<string, Entry>();
  for (const e of entries) {
    const first = urls.get(e.url);
    if (first && first.collection !== e.collection) issues.push({ file: e.file, field: 'url', message: `adresse ${e.url} déjà utilisée par ${first.file}`, severity: 'error' });
    else urls.set(e.url, e);
  }
}

type Walker = (field: Field, value: unknown, path: (string | number)[]) => void;
function walkFields(fields: readonly Field[], data: Record<string, unknown>, path: (string | number)[], fn: Walker) {
  for (const f of fields) {
    const v = data[f.name];
    fn(f, v, [...path, f.name]);
    if (f.kind === 'object' && v && typeof v === 'object') walkFields(f.fields, v as Record<string, unknown>, [...path, f.name], fn);
    if (f.kind === 'list' && Array.isArray(v)) v.forEach((item, i) => item && typeof item === 'object' && walkFields(f.fields, item as Record<string, unknown>, [...path, f.name, i], fn));
  }
}

const fmtPath = (path: (string | number)[]) => path.reduce<string>((a, p) => (typeof p === 'number' ? `${a}[${p}]` : a ? `${a}.${p}` : p), '');

/** Files refused by the schema, with their fields that are valid on their own (see validate.ts). */
export type Rejected = Pick<Entry, 'file' | 'type' | 'data' | 'lineOf'>;

function checkRelations(entries: Entry[], rejected: Rejected[], issues: ContentIssue[]) {
  const slugs = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.collection === 'pages') continue;
    let s = slugs.get(e.collection);
    if (!s) slugs.set(e.collection, (s = new Set()));
    s.add(e.id);
  }
  for (const e of [...entries, ...rejected]) {
    walkFields(e.type.fields, e.data, [], (f, v, path) => {
      if (f.kind !== 'relation' || !Array.isArray(v)) return;
      v.forEach((slug: string, i) => {
        if (slugs.get(f.collection)?.has(slug)) return;
        issues.push({ file: e.file, line: e.lineOf([...path, i]), field: fmtPath([...path, i]), message: `« ${slug} » ne correspond à aucun fichier de ${f.collection}/ (relation par slug, le nom du fichier sans .md)`, severity: 'error' });
      });
    });
  }
}

function checkMedia(fields: readonly Field[], data: Record<string, unknown>, base: (string | number)[], file: string, mediaDir: string, lineOf: (p: (string | number)[]) => number | undefined, issues: ContentIssue[]) {
  walkFields(fields, data, base, (f, v, path) => {
    if (f.kind !== 'image') return;
    const ref = resolveMedia(v, mediaDir);
    if (ref.kind === 'local' && !ref.exists) issues.push({ file, line: lineOf(path), field: fmtPath(path), message: `image introuvable dans le dossier des médias : ${ref.path}`, severity: 'warning' });
    if (ref.kind === 'remote') issues.push({ file, line: lineOf(path), field: fmtPath(path), message: `image distante (${ref.url}) : non affichée, déposez-la dans les médias`, severity: 'warning' });
  });
}

/** A missing image referenced by many files is reported once, with the count of other uses. */
function dedupeMissingMedia(issues: ContentIssue[]): ContentIssue[] {
  const first = new Map<string, { issue: ContentIssue; more: number }>();
  const out: ContentIssue[] = [];
  for (const i of issues) {
    if (!i.message.startsWith('image introuvable')) { out.push(i); continue; }
    const seen = first.get(i.message);
    if (seen) { seen.more++; continue; }
    const copy = { ...i };
    first.set(i.message, { issue: copy, more: 0 });
    out.push(copy);
  }
  for (const { issue, more } of first.values()) if (more) issue.message += ` (et ${more} autre(s) référence(s))`;
  return out;
}
