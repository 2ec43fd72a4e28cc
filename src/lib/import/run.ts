import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { folderTypes, isTermType } from '../../content/model/index.ts';
import type { CollectionName, RelationField } from '../../content/model/fields.ts';
import { slugFromFile, slugify } from '../content/slug.ts';
import { readLegacyFiles, type LegacyFile } from './legacy-files.ts';
import { LEGACY_MEDIA_FILE, serializeMoves } from '../legacy/media-moves.ts';
import { LegacyMedia, localRef, mediaPath, rewriteMarkdownMedia } from './media.ts';
import { ImportReport, type Finding } from './report.ts';
import { TitleIndex } from './resolve.ts';
import { hugoPath } from '../legacy/hugo.ts';
import { transformData } from './transform.ts';
import { detectEnglish } from './language.ts';
import type { ContentType } from '../../content/model/types.ts';

const UNSAFE = /<\s*script|\son[a-z]+\s*=|javascript\s*:/i;

export interface ImportResult {
  report: ImportReport;
  /** Files written, by collection (`pages` for single pages). */
  written: Record<string, number>;
  mediaCopied: number;
  mediaAvailable: number;
}

interface Planned { file: LegacyFile; out: string; slug?: string; legacyUrl?: string }

/**
 * Imports a tree of the previous site (`<legacy>/content`, `<legacy>/static/img`) into
 * `<out>/content` and `<out>/media`, and writes `<out>/import-report.json`. Deterministic:
 * the same input gives the same bytes.
 */
export function runImport(legacyDir: string, outDir: string, log: (line: string) => void = () => {}): ImportResult {
  const report = new ImportReport();
  const files = readLegacyFiles(join(legacyDir, 'content'), report, (done, total) => log(`  lecture ${done}/${total} fichiers`));
  const media = new LegacyMedia(join(legacyDir, 'static', 'img'));

  // 1. Output paths: single pages keep their path, entries are named by their slug.
  const indexes = new Map<CollectionName, TitleIndex>(folderTypes.map((t) => [t.name, new TitleIndex()]));
  const taken = new Set<string>();
  const planned: Planned[] = [];
  for (const file of files) {
    const t = file.type;
    if (t.kind === 'file') { planned.push({ file, out: t.file }); continue; }
    const base = file.rel.split('/').pop()!.replace(/\.md$/, '');
    let slug = slugFromFile(file.rel) || 'sans-titre';
    if (taken.has(`${t.folder}/${slug}`)) {
      let n = 2;
      while (taken.has(`${t.folder}/${slug}-${n}`)) n++;
      report.add({ kind: 'duplicate-slug', file: file.rel, value: slug, result: `${slug}-${n}`, message: `même slug qu’un autre fichier : écrit sous ${t.folder}/${slug}-${n}.md` });
      slug = `${slug}-${n}`;
    } else if (base !== slug) {
      report.add({ kind: 'renamed-file', file: file.rel, value: base, result: slug, message: `fichier renommé ${t.folder}/${slug}.md` });
    }
    taken.add(`${t.folder}/${slug}`);
    const title = file.parsed.data[t.titleField];
    indexes.get(t.name)!.add(slug, typeof title === 'string' || typeof title === 'number' ? String(title) : slug);
    // The previous site's address of the entry (Hugo's rule); kept in `url:` when the slug differs.
    const legacy = hugoPath(base);
    const legacyUrl = legacy !== slug && !file.parsed.data['url'] ? `${t.urlPrefix}${legacy}/` : undefined;
    planned.push({ file, out: `${t.folder}/${slug}.md`, slug, ...(legacyUrl ? { legacyUrl } : {}) });
  }

  // 2. Front matter and bodies.
  const created = new Map<string, string>(); // out path → title of created terms
  const relation = (f: RelationField, value: string, at: Pick<Finding, 'file' | 'line' | 'field'>): string[] => {
    const index = indexes.get(f.collection)!;
    const r = index.resolve(value);
    if (r.kind === 'exact') return r.slugs;
    if (r.kind === 'normalised') {
      report.add({ kind: 'normalised-match', ...at, value, result: r.slugs[0], message: `« ${value} » rapproché de « ${r.matched[0]} » (${f.collection}/${r.slugs[0]}.md) après normalisation` });
      return r.slugs;
    }
    if (r.kind === 'split') {
      report.add({ kind: 'split-match', ...at, value, result: r.slugs.join(', '), message: `« ${value} » découpé en ${r.parts.length} valeurs ; reprises : ${r.slugs.join(', ')}` });
      for (const u of r.unmatched) {
        report.add({ kind: 'unmatched-relation', ...at, value: u.value, candidates: u.candidates, message: `« ${u.value} » (partie de « ${value.trim()} ») ne correspond à aucune entrée de ${f.collection} : valeur non reprise` });
      }
      return r.slugs;
    }
    // The importer creates the missing entries of term types only (terms only carry a title).
    if (isTermType(f.collection)) {
      const title = value.trim();
      const slug = slugify(title) || 'sans-titre';
      const folder = folderTypes.find((t) => t.name === f.collection)!.folder;
      index.add(slug, title);
      created.set(`${folder}/${slug}.md`, title);
      report.add({ kind: 'created-term', ...at, value, result: `${folder}/${slug}.md`, message: `terme sans fichier : ${folder}/${slug}.md créé` });
      return [slug];
    }
    report.add({ kind: 'unmatched-relation', ...at, value, candidates: r.candidates, message: `« ${value} » ne correspond à aucune entrée de ${f.collection} : valeur non reprise` });
    return [];
  };
  const mediaRef = (value: string, at: Pick<Finding, 'file' | 'line' | 'field'>, prefix: string): string => {
    const v = value.trim();
    if (/^https?:\/\//i.test(v)) {
      report.add({ kind: 'remote-image', ...at, value: v, message: 'adresse distante donnée comme image : gardée telle quelle (non téléchargée)' });
      return v;
    }
    const p = localRef(v);
    if (p === undefined) return v;
    const found = media.find(p);
    if (!found) {
      report.add({ kind: 'missing-image', ...at, value: v, result: `${prefix}${mediaPath(p)}`, message: 'fichier absent de static/img : référence gardée, fichier à déposer' });
      return `${prefix}${mediaPath(p)}`;
    }
    if (found.how === 'loose') report.add({ kind: 'image-found-by-normalised-name', ...at, value: v, result: found.legacy, message: `trouvé sous le nom ${found.legacy} (casse ou accents différents)` });
    if (found.how === 'elsewhere') report.add({ kind: 'image-found-elsewhere', ...at, value: v, result: found.legacy, message: `absent à cet endroit, seul fichier de ce nom trouvé sous ${found.legacy} : repris` });
    return `${prefix}${media.use(found.legacy)}`;
  };

  /** A text in English, for a type with a `lang` field: `lang: en` written, in the model's key order, and reported. */
  const language = (type: ContentType, data: Record<string, unknown>, body: string, rel: string) => {
    if (data['lang'] !== undefined || !type.fields.some((f) => f.name === 'lang')) return;
    const guess = detectEnglish([data['title'], data['description'], body].filter((v) => typeof v === 'string').join('\n'));
    if (!guess) return;
    const ordered = Object.fromEntries(type.fields.flatMap((f) => (f.name === 'lang' ? [['lang', guess.lang]] : f.name in data ? [[f.name, data[f.name]]] : [])));
    for (const k of Object.keys(data)) delete data[k];
    Object.assign(data, ordered);
    report.add({ kind: 'detected-language', file: rel, field: 'lang', result: guess.lang, message: `texte en anglais (${guess.english} mots outils anglais, ${guess.french} français) : lang: ${guess.lang} écrit, à vérifier` });
  };

  const outputs = new Map<string, string>();
  const written: Record<string, number> = {};
  planned.forEach(({ file, out, legacyUrl }) => {
    const fileTitle = file.rel.split('/').pop()!.replace(/\.md$/, '');
    const lineOf = file.parsed.lineOf.bind(file.parsed);
    const data = transformData(file.type, file.parsed.data, {
      report, file: file.rel, fileTitle, lineOf, relation,
      media: (v, at) => mediaRef(v, at, 'img/'),
      markdown: (text, at) => rewriteMarkdownMedia(text, (v, offset) => mediaRef(v, { ...at, line: at.line === undefined ? undefined : at.line + offset }, '/img/')),
    });
    if (legacyUrl) {
      data['url'] = legacyUrl;
      report.add({ kind: 'kept-legacy-url', file: file.rel, result: legacyUrl, message: `ancienne adresse ${legacyUrl} gardée dans url: (le slug en diffère)` });
    }
    const body = rewriteBody(file, (v, line) => mediaRef(v, { file: file.rel, line, field: 'body' }, '/img/'));
    language(file.type, data, body, file.rel);
    if (UNSAFE.test(file.parsed.body)) report.add({ kind: 'unsafe-html', file: file.rel, line: file.parsed.bodyLine, field: 'body', message: 'HTML dangereux (script, on…=, javascript:) : gardé, retiré à l’affichage' });
    outputs.set(out, serialize(data, body));
    const key = file.type.kind === 'folder' ? file.type.name : 'pages';
    written[key] = (written[key] ?? 0) + 1;
  });
  for (const [out, title] of created) {
    outputs.set(out, serialize({ title }, ''));
    const key = out.split('/')[0]!;
    written[key] = (written[key] ?? 0) + 1;
  }

  // 3. Write everything (the output folders are replaced, so a second run gives the same tree).
  const contentOut = join(outDir, 'content');
  const mediaOut = join(outDir, 'media');
  rmSync(contentOut, { recursive: true, force: true });
  rmSync(mediaOut, { recursive: true, force: true });
  for (const out of [...outputs.keys()].sort()) {
    const full = join(contentOut, out);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, outputs.get(out)!);
  }
  mkdirSync(mediaOut, { recursive: true });
  const failed = new Set<string>();
  for (const f of media.copyAll(mediaOut)) {
    failed.add(f.legacy);
    report.add({ kind: 'media-copy-failed', file: `static/img/${f.legacy.normalize('NFC')}`, value: f.legacy.normalize('NFC'), message: `fichier illisible, non copié : ${f.error}` });
  }
  // The previous site served static/img/<path> at /img/<path>: the build redirects those addresses.
  const moves = new Map([...media.toCopy].filter(([, legacy]) => !failed.has(legacy)).map(([out, legacy]) => [`/img/${legacy.normalize('NFC')}`, out]));
  mkdirSync(contentOut, { recursive: true });
  writeFileSync(join(contentOut, LEGACY_MEDIA_FILE), serializeMoves(moves));
  for (const [out, legacy] of media.toCopy) {
    if (out !== legacy) report.add({ kind: 'renamed-image', file: `static/img/${legacy.normalize('NFC')}`, value: legacy.normalize('NFC'), result: out, message: `image copiée sous le nom ${out}` });
  }
  const sortedWritten = Object.fromEntries(Object.entries(written).sort(([a], [b]) => (a < b ? -1 : 1)));
  const json = {
    summary: { files: sortedWritten, mediaCopied: media.toCopy.size, mediaAvailable: media.size, findings: report.counts() },
    findings: report.sorted(),
  };
  writeFileSync(join(outDir, 'import-report.json'), `${JSON.stringify(json, null, 2)}\n`);
  return { report, written: sortedWritten, mediaCopied: media.toCopy.size, mediaAvailable: media.size };
}

function rewriteBody(file: LegacyFile, ref: (value: string, line: number) => string): string {
  const { body, bodyLine } = file.parsed;
  return rewriteMarkdownMedia(body, (v, offset) => ref(v, bodyLine + offset));
}

function serialize(data: Record<string, unknown>, body: string): string {
  const yaml = Object.keys(data).length ? stringify(data, { lineWidth: 0 }) : '';
  const text = body.replace(/^\s*\n/, '');
  return `---\n${yaml}---\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`;
}
