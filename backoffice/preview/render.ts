/**
 * Back-office previews rendered by the site itself: an unsaved draft (what Decap's editor holds)
 * becomes the Markdown file it will be saved as, is overlaid IN MEMORY on the published content
 * (src/lib/content/repository.ts `setContentOverlay`: nothing is written, nothing reaches a
 * build), and the entry's real page route is rendered by the long-lived renderer
 * (renderer.ts `renderPath`): the same Astro components, data path and CSS as the site.
 *
 * An invalid draft is not a crash: its problems come back in French, by field label
 * (src/lib/content/describe.ts), as `npm run check` would report them after saving.
 *
 * The pure half (draft → file, issues → messages) is unit-tested (tests/unit/cms-preview.test.ts);
 * `renderDraft` runs in the preview worker (worker.ts), never in the server process.
 */
import { stringify } from 'yaml';
import { fileTypes, folderTypes } from '../../src/content/model/index.ts';
import type { ContentType } from '../../src/content/model/types.ts';
import { describeIssue } from '../../src/lib/content/describe.ts';
import type { ContentIssue } from '../../src/lib/content/issues.ts';
import { loadContent, normalizeUrl } from '../../src/lib/content/load.ts';
import { setContentOverlay } from '../../src/lib/content/repository.ts';
import { resolveMedia, setMediaOverlay, type DraftMedium } from '../../src/lib/content/media.ts';
import type { Field } from '../../src/content/model/fields.ts';
import { slugify } from '../../src/lib/content/slug.ts';
import { MISSING_MEDIA, fillMissing, type MissingField } from './placeholders.ts';

/** What the back-office sends: the entry as Decap holds it (data includes `body`). */
export interface PreviewRequest {
  /** A folder collection (`defis`) or `pages`. */
  collection: string;
  /** The entry's slug (folder collections; empty for a new entry) or the page's name (`home`). */
  slug?: string | undefined;
  data: Record<string, unknown>;
  /** The draft's media the frame sent (draft-media.ts): their value (`img/x.png`) → the hash of their bytes. */
  media?: Record<string, string> | undefined;
}

/** One problem of the draft, in an editor's words. */
export interface PreviewProblem {
  /** The field's labels (« Chiffres clés n° 1 › Nombre »), when the problem is about one field. */
  field?: string | undefined;
  message: string;
  /** Another entry than the draft (a published file the draft conflicts with, or broken content). */
  entry?: string | undefined;
}

export type PreviewAnswer =
  /** `missing`: the required fields the draft leaves empty, shown in the page as placeholders (placeholders.ts). */
  /** `absentMedia`: the draft's media values (`img/x.png`) that neither the published media nor the draft's sent ones have. */
  | { ok: true; html: string; url: string; ms: number; missing: MissingField[]; absentMedia: string[] }
  | { ok: false; status: number; error: string; problems: PreviewProblem[] };

/** The file a draft will be saved as, its Markdown source and its page's URL. */
export interface DraftFile { type: ContentType; file: string; source: string; url: string }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values Decap leaves for fields never touched: not written, as if the field were absent. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = clean(x);
    return out;
  }
  return v;
}

/**
 * The draft as the file Decap will write: `<folder>/<slug>.md` (a new entry's slug comes from
 * its title, by the site's URL rule) or the page's own file; front matter then body. Throws a
 * French message when the request names no known collection. `data` (default: the request's)
 * is what the file holds: the preview gives the draft with its placeholders, while the file's
 * name still comes from the draft itself.
 */
/** A file name of an entry (without .md), as the gate accepts it: letters (accented too), digits, - and _. */
const ENTRY_SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,119}$/u;

export function draftFile(req: PreviewRequest, data: Record<string, unknown> = req.data): DraftFile {
  if (!isRecord(req) || !isRecord(req.data)) throw new Error('aperçu impossible : données de l’entrée manquantes');
  let type: ContentType | undefined;
  let file: string;
  let slug: string;
  if (req.collection === 'pages') {
    const page = fileTypes.find((t) => t.name === req.slug);
    if (!page) throw new Error(`aperçu impossible : page inconnue du modèle (${String(req.slug).slice(0, 60)})`);
    type = page;
    file = page.file;
    slug = page.name;
  } else {
    const folder = folderTypes.find((t) => t.name === req.collection);
    if (!folder) throw new Error(`aperçu impossible : collection inconnue du modèle (${String(req.collection).slice(0, 60)})`);
    type = folder;
    const title = req.data[folder.titleField];
    // An existing entry is its file: its slug is the file name as it is, accents included
    // (`brigade-numérique.md`; slugifying it named a second file with the same URL, and the
    // preview was refused as a duplicate). Decap names a new file after its title when it is
    // first saved (config `slug`).
    const existing = typeof req.slug === 'string' ? req.slug.normalize('NFC') : '';
    slug = (ENTRY_SLUG.test(existing) && existing) || (typeof title === 'string' && slugify(title)) || 'nouvelle-entree';
    file = `${folder.folder}/${slug}.md`;
  }
  const { body, ...front } = clean(data) as Record<string, unknown>;
  const source = `---\n${stringify(front, { lineWidth: 0 })}---\n${typeof body === 'string' ? body : ''}`;
  const declared = typeof front['url'] === 'string' && front['url'].trim() ? front['url'] : undefined;
  const url = normalizeUrl(declared ?? (type.kind === 'folder' ? `${type.urlPrefix}${slugify(slug)}/` : type.url));
  return { type, file, source, url };
}

/** The content problems of a preview: the draft's own by field label, other entries' by name. */
export function previewProblems(issues: readonly ContentIssue[], draft: DraftFile, dataOf: (file: string) => Record<string, unknown> | undefined, severity: ContentIssue['severity'] = 'error'): PreviewProblem[] {
  return issues.filter((i) => i.severity === severity).map((i) => {
    const d = describeIssue(i, dataOf);
    return i.file === draft.file
      ? { field: d.field, message: i.message }
      : { entry: `${d.kind} « ${d.title} »`, field: d.field, message: i.message };
  });
}

/** The media values of a draft (image and file fields, images of its Markdown) that resolve to no file. */
export function absentMedia(fields: readonly Field[], data: Record<string, unknown>, mediaDir: string): string[] {
  const values: string[] = [];
  const walk = (fs: readonly Field[], d: Record<string, unknown>) => {
    for (const f of fs) {
      const v = d[f.name];
      if ((f.kind === 'image' || f.kind === 'file') && typeof v === 'string') values.push(v);
      else if (f.kind === 'markdown' && typeof v === 'string') for (const m of v.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) values.push(m[1]!);
      else if (f.kind === 'object' && isRecord(v)) walk(f.fields, v);
      else if (f.kind === 'list' && Array.isArray(v)) for (const item of v) if (isRecord(item)) walk(f.fields, item);
    }
  };
  walk(fields, data);
  return [...new Set(values)].filter((v) => v !== MISSING_MEDIA && (() => { const r = resolveMedia(v, mediaDir); return r.kind === 'local' && !r.exists; })());
}

/** What `renderDraft` needs of the renderer (renderer.ts). */
export interface PathRenderer { renderPath(pathname: string): Promise<Response> }

/**
 * Renders the draft's page over the content of CONTENT_DIR/MEDIA_DIR (set by the caller). The
 * overlay is removed before returning, whatever happens.
 */
export async function renderDraft(renderer: PathRenderer, req: PreviewRequest, media: readonly (readonly [string, DraftMedium])[] = []): Promise<PreviewAnswer> {
  const t0 = performance.now();
  let draft: DraftFile;
  let missing: MissingField[];
  try {
    // The required fields left empty get visible placeholders: the page renders from the first keystroke.
    const type = draftFile(req).type;
    const filled = fillMissing(type.fields, req.data);
    missing = filled.missing;
    draft = draftFile(req, filled.data);
  } catch (e) {
    return { ok: false, status: 422, error: e instanceof Error ? e.message : String(e), problems: [] };
  }
  const overlay = new Map([[draft.file, draft.source]]);
  setContentOverlay(overlay);
  setMediaOverlay(media.length ? new Map(media) : undefined);
  try {
    const res = await renderer.renderPath(draft.url);
    const text = await res.text();
    if (res.status === 200) {
      const absent = absentMedia(draft.type.fields, req.data, process.env['MEDIA_DIR']!);
      return { ok: true, html: text, url: draft.url, ms: Math.round(performance.now() - t0), missing, absentMedia: absent };
    }
    // Why the page did not render: the content checks on the same overlaid tree.
    const set = loadContent(process.env['CONTENT_DIR']!, process.env['MEDIA_DIR']!, overlay);
    const data = new Map(set.entries.map((e) => [e.file, e.data]));
    const all = previewProblems(set.issues, draft, (file) => data.get(file) ?? (file === draft.file ? req.data : undefined));
    // The draft's own problems first; others' (a relation to the draft, once it is refused) are
    // their consequence, shown only when the draft has none.
    const own = [...missing.map((m) => ({ field: m.field, message: 'champ obligatoire manquant ou vide' })), ...all.filter((p) => !p.entry)];
    if (own.length || all.length) {
      return { ok: false, status: 422, error: own.length ? 'Cette version ne peut pas être publiée telle quelle :' : 'D’autres entrées publiées ont des erreurs, la page ne peut pas être rendue :', problems: own.length ? own : all };
    }
    if (res.status === 404) return { ok: false, status: 404, error: `Aucune page du site à l’adresse ${draft.url} pour cette entrée.`, problems: [] };
    return { ok: false, status: 500, error: `La page n’a pas pu être rendue (erreur ${res.status}) : ${text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)}`, problems: [] };
  } finally {
    setContentOverlay(undefined);
    setMediaOverlay(undefined);
  }
}
