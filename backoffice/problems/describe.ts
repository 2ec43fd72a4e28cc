/**
 * The content checks' findings (`ContentIssue`, src/lib/content/issues.ts) as problems an editor
 * can act on (problem.ts): the entry by its title, the field by its label (the content model's),
 * the repository path and line, the relation's target, and the link to the entry in the
 * back-office. Read from the front matter the checks already parsed (`contentIndex`), never from disk.
 */
import type { ContentIssue } from '../../src/lib/content/issues.ts';
import { describeEntry, fieldLabel, parseFieldPath, typeOfFile } from '../../src/lib/content/describe.ts';
import { folderTypes } from '../../src/content/model/index.ts';
import type { Field } from '../../src/content/model/fields.ts';
import { slugFromFile } from '../../src/lib/content/slug.ts';
import type { Problem, ProblemEntry } from './problem.ts';

type DataOf = (file: string) => Record<string, unknown> | undefined;

/** What the describer reads of the checked content: front matter by file, and the file of a slug. */
export interface ContentIndex {
  dataOf: DataOf;
  /** The file (relative to content/) of a folder entry, by collection and slug, when there is one. */
  fileOf?: (collection: string, slug: string) => string | undefined;
}

/** A path of the checks (relative to content/; a medium `../media/x.png`) from the repository root. */
export const repoPath = (file: string): string => (file.startsWith('../media/') ? file.slice(3) : `content/${file}`);

/** An entry (path relative to content/) as the back-office names it and links to it. */
export function problemEntry(file: string, dataOf: DataOf): ProblemEntry {
  const d = describeEntry(file, dataOf(file));
  const type = typeOfFile(file);
  const slug = (file.split('/').pop() ?? file).replace(/\.md$/, '');
  const admin = !type ? undefined : type.kind === 'file' ? `/admin/#/collections/pages/entries/${encodeURIComponent(type.name)}` : `/admin/#/collections/${encodeURIComponent(type.name)}/entries/${encodeURIComponent(slug)}`;
  return { kind: d.kind, title: d.title, file: repoPath(file), ...(admin ? { admin } : {}) };
}

/** The relation a field path points into, and the slug it names, if it is one. */
function relationAt(fields: readonly Field[], path: string, data: Record<string, unknown> | undefined): { collection: string; slug: string } | undefined {
  let current: readonly Field[] | undefined = fields;
  let value: unknown = data;
  let field: Field | undefined;
  for (const p of parseFieldPath(path)) {
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === 'number') continue;
    field = current?.find((f) => f.name === p);
    current = field && (field.kind === 'object' || field.kind === 'list') ? field.fields : undefined;
  }
  return field?.kind === 'relation' && typeof value === 'string' ? { collection: field.collection, slug: value } : undefined;
}

/** One issue as a problem. */
export function problemOf(issue: ContentIssue, index: ContentIndex): Problem {
  const { dataOf } = index;
  const type = typeOfFile(issue.file);
  const entry = problemEntry(issue.file, dataOf);
  const target = issue.field && type ? relationAt(type.fields, issue.field, dataOf(issue.file)) : undefined;
  const targetType = target && folderTypes.find((t) => t.name === target.collection);
  // The entry named exists but the checks refuse it (this publication's défi): the problem follows from it.
  const targetFile = target && targetType ? index.fileOf?.(targetType.name, target.slug) : undefined;
  const related = targetFile && dataOf(targetFile) ? [problemEntry(targetFile, dataOf)] : undefined;
  const kind = targetType?.labelSingular;
  return {
    entry, file: entry.file, message: issue.message, severity: issue.severity,
    ...(issue.line ? { line: issue.line } : {}),
    ...(issue.field ? { field: { path: issue.field, label: fieldLabel(type?.fields ?? [], issue.field) } } : {}),
    ...(target && kind ? { relation: { kind, slug: target.slug } } : {}),
    ...(related ? { related } : {}),
  };
}

type Loaded = { file: string; data: Record<string, unknown> };

/** The index of what a content check read (loadContent's set): entries and the files it refused. */
export function contentIndex(set: { entries: readonly Loaded[]; rejected: readonly Loaded[] }): ContentIndex {
  const byFile = new Map<string, Record<string, unknown>>();
  const bySlug = new Map<string, string>();
  for (const e of [...set.rejected, ...set.entries]) {
    byFile.set(e.file, e.data);
    const folder = folderTypes.find((t) => e.file.startsWith(`${t.folder}/`));
    if (folder) bySlug.set(`${folder.name}/${slugFromFile(e.file)}`, e.file);
  }
  return { dataOf: (file) => byFile.get(file), fileOf: (collection, slug) => bySlug.get(`${collection}/${slug}`) };
}

/** The issues as problems, errors first (as `npm run check` prints them). */
export function problemsOf(issues: readonly ContentIssue[], index: ContentIndex): Problem[] {
  return [...issues].sort((x, y) => (x.severity === y.severity ? 0 : x.severity === 'error' ? -1 : 1)).map((i) => problemOf(i, index));
}
