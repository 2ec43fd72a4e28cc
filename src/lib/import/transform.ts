import type { Field, RelationField } from '../../content/model/fields.ts';
import type { ContentType } from '../../content/model/types.ts';
import { coerceDate, dateRangeIssue, fieldSchema } from '../../content/model/to-zod.ts';
import { fallbackFor, needsValue } from './fallbacks.ts';
import type { Finding, ImportReport } from './report.ts';

type Path = (string | number)[];
const fmt = (path: Path) => path.reduce<string>((a, p) => (typeof p === 'number' ? `${a}[${p}]` : a ? `${a}.${p}` : p), '');
const UNSAFE = /<\s*script|\son[a-z]+\s*=|javascript\s*:/i;
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** What a transformation needs from the importer around it. */
export interface TransformContext {
  report: ImportReport;
  /** Legacy file, relative to the legacy content root. */
  file: string;
  /** Title to fall back on for a missing top-level title (the legacy file name). */
  fileTitle: string;
  lineOf(path: Path): number | undefined;
  /** Relation values (titles in the legacy tree) to slugs; unmatched ones are reported there. */
  relation(field: RelationField, value: string, at: Pick<Finding, 'file' | 'line' | 'field'>): string[];
  /** An image or document reference to its path in the new tree (or the value as is). */
  media(value: string, at: Pick<Finding, 'file' | 'line' | 'field'>): string;
  /** The media references inside a Markdown field's text, rewritten (files found are copied). */
  markdown?(text: string, at: Pick<Finding, 'file' | 'line' | 'field'>): string;
}

/**
 * Turns legacy front matter into this project's front matter, field by field as the content
 * model declares them (`src/content/model/`): keys in model order, strings trimmed, bare years
 * as dates, relations by slug, media paths normalised, unknown keys left out and reported.
 */
export function transformData(type: ContentType, data: Record<string, unknown>, ctx: TransformContext): Record<string, unknown> {
  return transformObject(type.fields.filter((f) => f.name !== 'body'), data, [], undefined, ctx);
}

function transformObject(fields: readonly Field[], data: Record<string, unknown>, path: Path, parentLabel: string | undefined, ctx: TransformContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(data)) {
    if (known.has(key)) continue;
    const p = [...path, key];
    ctx.report.add({ kind: 'unknown-key', file: ctx.file, line: ctx.lineOf(p), field: fmt(p), value: short(data[key]), message: 'clé inconnue du modèle de contenu : non reprise' });
  }
  for (const f of fields) {
    const v = transformField(f, data[f.name], [...path, f.name], parentLabel, ctx);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function transformField(f: Field, raw: unknown, path: Path, parentLabel: string | undefined, ctx: TransformContext): unknown {
  const at = { file: ctx.file, line: ctx.lineOf(path), field: fmt(path) };
  if (typeof raw === 'string' && UNSAFE.test(raw)) {
    ctx.report.add({ kind: 'unsafe-html', ...at, value: short(raw), message: 'HTML dangereux (script, on…=, javascript:) : gardé, retiré à l’affichage' });
  }
  switch (f.kind) {
    case 'object': {
      if (isEmpty(raw) && f.required === false) return defaults(f.fields, path, ctx);
      const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      if (!isEmpty(raw) && obj !== raw) invalid(f, raw, at, ctx);
      return transformObject(f.fields, obj, path, f.label, ctx);
    }
    case 'list': {
      if (isEmpty(raw)) return undefined;
      if (!Array.isArray(raw)) { invalid(f, raw, at, ctx); return undefined; }
      return raw.map((item, i) => transformObject(f.fields, item && typeof item === 'object' ? (item as Record<string, unknown>) : {}, [...path, i], f.label, ctx));
    }
    case 'relation': {
      if (isEmpty(raw)) return undefined;
      const values = Array.isArray(raw) ? raw : [raw];
      const slugs: string[] = [];
      values.forEach((v, i) => {
        if (isEmpty(v)) return;
        const one = { ...at, line: ctx.lineOf([...path, i]) ?? at.line, field: Array.isArray(raw) ? fmt([...path, i]) : at.field };
        for (const s of ctx.relation(f, String(v), one)) if (!slugs.includes(s)) slugs.push(s);
      });
      return slugs;
    }
    case 'date': {
      if (isEmpty(raw)) return missing(f, path, parentLabel, at, ctx);
      const s = String(raw).trim();
      if (/^\d{4}$/.test(s)) {
        ctx.report.add({ kind: 'bare-year-date', ...at, value: s, result: `${s}-01-01`, message: `année seule : écrite ${s}-01-01` });
        return `${s}-01-01`;
      }
      // A real date outside the model's period is kept (never replaced by an invented one) and
      // reported; `npm run check` then lists it as an error to correct before building.
      const d = coerceDate(s);
      const outside = d instanceof Date && !Number.isNaN(d.getTime()) ? dateRangeIssue(d, f.range) : undefined;
      if (outside) {
        ctx.report.add({ kind: 'date-out-of-range', ...at, value: s, result: s, message: `${outside} : gardée telle quelle, à corriger avant la construction du site` });
        return s;
      }
      return checked(f, s, path, parentLabel, at, ctx);
    }
    // An instant (« Publier le »): kept as written (with its offset) when the checks accept it.
    case 'datetime':
      if (isEmpty(raw)) return missing(f, path, parentLabel, at, ctx);
      return checked(f, raw instanceof Date ? raw.toISOString() : String(raw).trim(), path, parentLabel, at, ctx);
    case 'image':
    case 'file': {
      if (isEmpty(raw)) return missing(f, path, parentLabel, at, ctx);
      return ctx.media(String(raw), at);
    }
    case 'string':
    case 'markdown':
    case 'select': {
      if (isEmpty(raw)) return f.kind === 'markdown' ? undefined : missing(f, path, parentLabel, at, ctx);
      if (typeof raw !== 'string') return checked(f, typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw, path, parentLabel, at, ctx);
      const single = f.kind !== 'markdown' && !(f.kind === 'string' && f.multiline);
      const trimmed = single ? raw.trim() : raw.replace(/^\s+/, '').replace(/\s+$/, '');
      if (single && trimmed !== raw) ctx.report.add({ kind: 'trimmed', ...at, value: raw, result: trimmed, message: 'espaces en début ou fin de valeur retirés' });
      const text = f.kind === 'markdown' && ctx.markdown ? ctx.markdown(trimmed, at) : trimmed;
      return checked(f, text, path, parentLabel, at, ctx);
    }
    case 'boolean':
    case 'number':
      if (isEmpty(raw)) return f.kind === 'number' ? missing(f, path, parentLabel, at, ctx) : undefined;
      return checked(f, raw, path, parentLabel, at, ctx);
  }
}

/**
 * An optional object the legacy file lacks, written with the declared defaults of its choices
 * (a défi's `outcome` becomes `status: non-renseigne`), each reported as `default-value`; or left
 * out when it declares none.
 */
function defaults(fields: readonly Field[], path: Path, ctx: TransformContext): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind !== 'select' || f.default === undefined) continue;
    out[f.name] = f.default;
    const label = f.options.find((o) => o.value === f.default)?.label ?? f.default;
    ctx.report.add({ kind: 'default-value', file: ctx.file, field: fmt([...path, f.name]), result: f.default, message: `absent de l’ancien site : « ${label} » écrit par défaut (à compléter)` });
  }
  return Object.keys(out).length ? out : undefined;
}

/** Keeps a value the model accepts; otherwise reports it and falls back (required) or leaves it out. */
const schemas = new WeakMap<Field, ReturnType<typeof fieldSchema>>();
function accepts(f: Field, v: unknown): boolean {
  let s = schemas.get(f);
  if (!s) schemas.set(f, (s = fieldSchema(f)));
  return s.safeParse(v).success;
}

function checked(f: Field, v: unknown, path: Path, parentLabel: string | undefined, at: Pick<Finding, 'file' | 'line' | 'field'>, ctx: TransformContext): unknown {
  if (accepts(f, v)) return v;
  invalid(f, v, at, ctx);
  return needsValue(f) ? missing(f, path, parentLabel, at, ctx) : undefined;
}

function invalid(f: Field, v: unknown, at: Pick<Finding, 'file' | 'line' | 'field'>, ctx: TransformContext) {
  ctx.report.add({ kind: 'invalid-value', ...at, value: short(v), message: `valeur invalide pour un champ de type ${f.kind} : non reprise` });
}

function missing(f: Field, path: Path, parentLabel: string | undefined, at: Pick<Finding, 'file' | 'line' | 'field'>, ctx: TransformContext): unknown {
  if (!needsValue(f)) return undefined;
  const fallback = fallbackFor(f, path.length > 1 ? parentLabel : undefined, ctx.fileTitle);
  ctx.report.add({
    kind: 'missing-required', ...at, result: fallback === undefined ? undefined : String(fallback),
    message: fallback === undefined ? 'valeur obligatoire manquante, sans valeur de repli : à compléter avant publication' : `valeur obligatoire manquante : « ${fallback} » écrit à la place (à compléter)`,
  });
  return fallback;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
