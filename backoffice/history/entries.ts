/**
 * Which entry a history request names, checked against the content model: a folder collection
 * (`defis`, `articles`…) and a slug of the site's rule, or `pages` and one single page's name.
 * Nothing else maps to a file, so no path can leave its collection's folder (no `..`, no `/`,
 * no hidden file). Pure: the paths are the back-office repository's (`content/…`).
 */
import { fileTypes, folderTypes, type Field } from '../../src/content/model/index.ts';

/** Decap's name of the single pages' collection (admin/decap-config.ts). */
export const PAGES = 'pages';
/** A slug: lowercase letters (accented ones too: old file names keep them), digits, inner hyphens. */
export const SLUG = /^[\p{Ll}\p{Nd}](?:[\p{Ll}\p{Nd}-]{0,98}[\p{Ll}\p{Nd}])?$/u;
const CONTENT = 'content';

export interface EntryRef {
  collection: string;
  slug: string;
  /** The entry's file in the repository. */
  path: string;
  /** « Défi », « Page »… */
  kind: string;
  /** The front-matter key of its title (single pages: none, their label is the title). */
  titleField?: string | undefined;
  /** A single page's label. */
  label?: string | undefined;
  fields: readonly Field[];
}

/** The entry a collection and slug name, or undefined when the model has no such entry. */
export function entryRef(collection: unknown, slug: unknown): EntryRef | undefined {
  if (typeof collection !== 'string' || typeof slug !== 'string') return undefined;
  const s = slug.normalize('NFC');
  if (collection === PAGES) {
    const page = fileTypes.find((p) => p.name === s);
    return page && { collection, slug: s, path: `${CONTENT}/${page.file}`, kind: 'Page', label: page.label, fields: page.fields };
  }
  const type = folderTypes.find((t) => t.name === collection);
  if (!type || !SLUG.test(s)) return undefined;
  return { collection, slug: s, path: `${CONTENT}/${type.folder}/${s}.md`, kind: type.labelSingular, titleField: type.titleField, fields: type.fields };
}

/** The entry a repository path is the file of (the reverse of entryRef), or undefined. */
export function entryOfPath(path: string): EntryRef | undefined {
  const p = path.normalize('NFC');
  const page = fileTypes.find((f) => `${CONTENT}/${f.file}` === p);
  if (page) return entryRef(PAGES, page.name);
  const m = /^content\/(.+)\/([^/]+)\.md$/.exec(p);
  if (!m) return undefined;
  const type = folderTypes.find((t) => t.folder === m[1]);
  return type ? entryRef(type.name, m[2]) : undefined;
}

/** Decap's draft branch of an entry (decap-server: `cms/<collection>/<slug>`). */
export const draftBranchOf = (e: Pick<EntryRef, 'collection' | 'slug'>): string => `cms/${e.collection}/${e.slug}`;

/** The entry's editor in Decap. */
export const adminLink = (e: Pick<EntryRef, 'collection' | 'slug'>): string =>
  `/admin/#/collections/${encodeURIComponent(e.collection)}/entries/${encodeURIComponent(e.slug)}`;

/** Its history page. */
export const historyLink = (e: Pick<EntryRef, 'collection' | 'slug'>, extra: Record<string, string> = {}): string =>
  `/admin/historique/?${new URLSearchParams({ collection: e.collection, slug: e.slug, ...extra }).toString()}`;

/** An entry's title at a version (its title field, a single page's label, else its slug). */
export function titleOf(e: EntryRef, data: Record<string, unknown> | undefined): string {
  const t = e.titleField ? data?.[e.titleField] : undefined;
  return typeof t === 'string' && t.trim() ? t.trim() : e.label ?? e.slug;
}
