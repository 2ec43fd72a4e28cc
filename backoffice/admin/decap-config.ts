/**
 * The Decap CMS configuration, generated from the content model (`src/content/model/`): one
 * folder collection per folder type, one "pages" files collection for the single pages, one
 * widget per field. Nothing here lists fields by hand, so the back-office cannot drift from the
 * model (tests/unit/cms-config.test.ts walks both trees).
 */
import { DEFAULT_DATE_RANGE, fileTypes, folderTypes, isRequired, type Field, type ListField } from '../../src/content/model/index.ts';
import { DATE_WIDGET } from './date-widget.ts';
import { DATETIME_WIDGET } from './datetime-widget.ts';
import type { FileType, FolderType } from '../../src/content/model/types.ts';

/** The embedded back-office: decap-server (MODE=git) behind `npm start`'s `/api/v1` proxy. */
export interface ProxyBackend { name: 'proxy'; proxy_url: string; branch: string }
/** Production: the project's GitHub repository, with an OAuth gateway at `base_url`. */
export interface GithubBackend { name: 'github'; repo: string; branch: string; base_url?: string }
export type CmsBackend = ProxyBackend | GithubBackend;

/** A Decap field as written in config.yml (only the keys this generator emits). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  hint?: string;
  required?: false;
  default?: unknown;
  /** Decap checks the value against this regular expression when one is given: [regex, message]. */
  pattern?: [string, string];
  value_type?: 'int';
  /** Markdown: the components the « + » menu offers. */
  editor_components?: string[];
  options?: { label: string; value: string }[];
  collection?: string;
  value_field?: string;
  search_fields?: string[];
  display_fields?: string[];
  multiple?: boolean;
  max?: number;
  /** Our date widget's period (a model DateRange bound: `2016-01-01`, `+2y`). */
  date_min?: string;
  date_max?: string;
  collapsed?: boolean;
  summary?: string;
  fields?: CmsField[];
}

/** A sortable field; `default_sort` on one of them sorts the list when it opens. */
export type CmsSortableField = string | { field: string; label?: string; default_sort?: 'asc' | 'desc' };
export interface CmsFolderCollection {
  name: string; label: string; label_singular: string; folder: string; create: true; extension: 'md';
  format: 'frontmatter'; slug: string; identifier_field: string; summary: string;
  /** Path of an entry's page on the site, after `site_url` (« Voir en direct »). */
  preview_path: string;
  filter?: { field: string; value: unknown };
  sortable_fields: CmsSortableField[]; fields: CmsField[];
}
export interface CmsFile { name: string; label: string; file: string; preview_path: string; fields: CmsField[] }
export interface CmsFilesCollection { name: 'pages'; label: string; label_singular: string; extension: 'md'; format: 'frontmatter'; files: CmsFile[] }

export interface CmsConfig {
  backend: CmsBackend;
  locale: 'fr';
  publish_mode: 'editorial_workflow';
  media_folder: string;
  public_folder: string;
  site_url?: string;
  slug: { encoding: 'ascii'; clean_accents: true; sanitize_replacement: '-' };
  commit_messages: Record<'create' | 'update' | 'delete' | 'uploadMedia' | 'deleteMedia', string>;
  collections: (CmsFolderCollection | CmsFilesCollection)[];
}

export interface CmsOptions {
  backend: CmsBackend;
  /** Content root inside the repository Decap writes to. */
  contentRoot?: string;
  /** Media folder inside that repository; its files are served at `/img/`. */
  mediaFolder?: string;
  siteUrl?: string;
}

/** One model field → one Decap widget. */
export function cmsField(f: Field): CmsField {
  const out: CmsField = { name: f.name, label: f.label, widget: 'string', hint: f.doc };
  if (!isRequired(f)) out.required = false;
  switch (f.kind) {
    case 'string':
      out.widget = f.multiline ? 'text' : 'string';
      if (f.default !== undefined) out.default = f.default;
      if (f.format === 'https') out.pattern = ['^https://[^\\s/]+\\.[^\\s]+$', 'Adresse complète commençant par https://'];
      if (f.pattern) out.pattern = [f.pattern.regex, f.pattern.message];
      break;
    // No « Code Block » component (in English, and no use on this site): images only.
    case 'markdown': Object.assign(out, { widget: 'markdown', editor_components: ['image'] }); break;
    case 'image': out.widget = 'image'; break;
    case 'file': out.widget = 'file'; break;
    // Our widget (backoffice/admin/date-widget.ts): the browser's native date input, stored as
    // YYYY-MM-DD, the model's period as its bounds and checked when the draft is saved. Decap
    // 3.16's datetime widget re-parses each keystroke (decap-cms#7939: 2027 typed became 1907).
    case 'date': {
      const range = f.range ?? DEFAULT_DATE_RANGE;
      Object.assign(out, { widget: DATE_WIDGET, date_min: range.min, date_max: range.max });
      break;
    }
    // Our widget (backoffice/admin/datetime-widget.ts): `<input type="datetime-local">` in Paris
    // time, stored as ISO 8601 with its offset.
    case 'datetime': out.widget = DATETIME_WIDGET; break;
    case 'boolean': out.widget = 'boolean'; if (f.default !== undefined) out.default = f.default; break;
    case 'number': Object.assign(out, { widget: 'number', value_type: 'int' }); break;
    case 'select': Object.assign(out, { widget: 'select', options: f.options.map((o) => ({ ...o })) }); if (f.default !== undefined) out.default = f.default; break;
    case 'relation':
      Object.assign(out, {
        widget: 'relation', collection: f.collection, value_field: '{{slug}}', search_fields: ['title'],
        display_fields: ['title'], multiple: true,
      });
      if (f.max !== undefined) out.max = f.max;
      break;
    case 'object': Object.assign(out, { widget: 'object', collapsed: false, fields: f.fields.map(cmsField) }); break;
    case 'list':
      Object.assign(out, { widget: 'list', fields: f.fields.map(cmsField) });
      {
        const summary = listSummary(f);
        if (summary) out.summary = summary;
      }
      if (f.max !== undefined) out.max = f.max;
      break;
  }
  // A hidden field keeps its stored value (and a default for new entries) without a widget.
  if (f.hidden) {
    const hidden: CmsField = { name: f.name, label: f.label, widget: 'hidden', hint: f.doc };
    if (out.required === false) hidden.required = false;
    if (out.default !== undefined) hidden.default = out.default;
    return hidden;
  }
  return out;
}

/**
 * What a collapsed list item shows: the model's `summary`, else its first text field (a title,
 * a question), never an image path.
 */
export function listSummary(f: ListField): string | undefined {
  if (f.summary) return f.summary;
  const first = f.fields.find((x) => x.kind === 'string' && !x.hidden);
  return first ? `{{fields.${first.name}}}` : undefined;
}

const join = (...parts: string[]) => parts.filter(Boolean).join('/').replace(/\/+/g, '/');

/**
 * A folder that also holds a single page (`defis/_index.md`) must not list that page as an entry:
 * as on the previous site, entries carry `visible: true` (the model's hidden default) and the
 * page `visible: false`, and the collection shows only visible entries.
 */
function folderFilter(t: FolderType): CmsFolderCollection['filter'] {
  const sharesFolder = fileTypes.some((p) => p.file.startsWith(`${t.folder}/`));
  return sharesFolder && t.fields.some((f) => f.name === 'visible') ? { field: 'visible', value: true } : undefined;
}

/** Decap's `preview_path` is joined to `site_url` after a slash: no leading slash. */
const previewPath = (url: string) => url.replace(/^\/+/, '');

function folderCollection(t: FolderType, contentRoot: string): CmsFolderCollection {
  const dateField = t.fields.find((f) => f.kind === 'date' && !f.hidden);
  const c: CmsFolderCollection = {
    // Decap names its « new entry » buttons with label_singular: « Nouveau défi », « Nouvel article ».
    name: t.name, label: t.label, label_singular: t.labelNew, folder: join(contentRoot, t.folder), create: true,
    extension: 'md', format: 'frontmatter',
    // Slugs come from the title, ASCII only (see `slug` below): the site's URL rule.
    slug: `{{${t.titleField}}}`, identifier_field: t.titleField,
    // Dated entries (défis, articles) show their date in the list and open newest first.
    summary: dateField ? `{{${t.titleField}}} — {{${dateField.name} | date('DD/MM/YYYY')}}` : `{{${t.titleField}}}`,
    // An entry's page is its urlPrefix + its file name (the site ignores nothing else for entries).
    preview_path: `${previewPath(t.urlPrefix)}{{slug}}/`,
    sortable_fields: dateField
      ? [{ field: dateField.name, label: dateField.label, default_sort: 'desc' }, t.titleField]
      : [t.titleField],
    fields: t.fields.map(cmsField),
  };
  const filter = folderFilter(t);
  if (filter) c.filter = filter;
  return c;
}

function pageFile(t: FileType, contentRoot: string): CmsFile {
  return { name: t.name, label: t.label, file: join(contentRoot, t.file), preview_path: previewPath(t.url), fields: t.fields.map(cmsField) };
}

/** The whole Decap configuration for a backend. */
export function cmsConfig({ backend, contentRoot = 'content', mediaFolder = 'media', siteUrl }: CmsOptions): CmsConfig {
  const config: CmsConfig = {
    backend,
    locale: 'fr',
    publish_mode: 'editorial_workflow',
    media_folder: mediaFolder,
    // As in the content (and the previous site): values are written `img/…`, which Decap maps to
    // the media folder only when they start with public_folder; the site serves them at /img/.
    public_folder: 'img',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    // In French, without {{collection}} (its label_singular is the « Nouveau défi » button).
    commit_messages: {
      create: 'Création de « {{slug}} » ({{path}})', update: 'Modification de « {{slug}} » ({{path}})',
      delete: 'Suppression de « {{slug}} » ({{path}})', uploadMedia: 'Ajout du média {{path}}', deleteMedia: 'Suppression du média {{path}}',
    },
    collections: [
      ...folderTypes.map((t) => folderCollection(t, contentRoot)),
      {
        name: 'pages', label: 'Pages', label_singular: 'Page', extension: 'md', format: 'frontmatter',
        files: fileTypes.map((t) => pageFile(t, contentRoot)),
      },
    ],
  };
  if (siteUrl) config.site_url = siteUrl;
  return config;
}

/** The embedded back-office's backend: decap-server reached through the site's own origin. */
export const localBackend = (port: number, host = '127.0.0.1'): ProxyBackend => ({
  name: 'proxy', proxy_url: `http://${host}:${port}/api/v1`, branch: 'main',
});

/**
 * The backend chosen by the environment at build time. `CMS_BACKEND=github` with `CMS_REPO`
 * (owner/name), `CMS_BRANCH` (default main) and `CMS_BASE_URL` (the OAuth gateway) gives the
 * production configuration; anything else the embedded one on `PORT` (default 4321).
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): CmsBackend {
  const kind = env['CMS_BACKEND'] || 'local';
  if (kind === 'github') {
    const repo = env['CMS_REPO'];
    if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
      throw new Error(`CMS_BACKEND=github demande CMS_REPO=propriétaire/dépôt (reçu : ${repo ?? 'rien'})`);
    }
    const backend: GithubBackend = { name: 'github', repo, branch: env['CMS_BRANCH'] || 'main' };
    if (env['CMS_BASE_URL']) backend.base_url = env['CMS_BASE_URL'].replace(/\/+$/, '');
    return backend;
  }
  if (kind !== 'local') throw new Error(`CMS_BACKEND inconnu : ${kind} (attendu : local ou github)`);
  return localBackend(Number(env['PORT'] || 4321));
}
