import { z } from 'astro/zod';
import type { DataOf, Field, FieldsData } from './fields.ts';
import { dateRangeIssue } from './date-range.ts';
import { instantIssue, parseInstant } from './datetime.ts';
import type { ContentType } from './types.ts';

const REQUIRED = 'champ obligatoire manquant ou vide';

/** Values YAML gives for "nothing here". */
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Legacy dates: ISO strings, Date objects, or a bare year (1 January of that year, UTC). */
export function coerceDate(v: unknown): unknown {
  if (v instanceof Date) return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 9999) return new Date(Date.UTC(v, 0, 1));
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d{4}$/.test(s)) return new Date(Date.UTC(Number(s), 0, 1));
    if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
      const d = new Date(s);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return v;
}

/** An absolute https:// address with a host (`format: 'https'` string fields). */
export function isHttpsUrl(v: string): boolean {
  if (!/^https:\/\//i.test(v)) return false;
  try { return new URL(v).hostname.includes('.'); } catch { return false; }
}

export { dateBound, dateRangeIssue } from './date-range.ts';

function scalar(field: Field): z.ZodTypeAny {
  if (field.kind === 'string' && field.format === 'https') {
    return z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.string({ invalid_type_error: 'doit être un texte', required_error: REQUIRED })
        .refine(isHttpsUrl, { message: 'adresse invalide : attendu une adresse complète commençant par https://' }),
    );
  }
  switch (field.kind) {
    case 'string':
    case 'markdown':
    case 'image':
    case 'file': {
      const text = z.string({ invalid_type_error: 'doit être un texte', required_error: REQUIRED });
      const pattern = field.kind === 'string' ? field.pattern : undefined;
      const re = pattern ? new RegExp(pattern.regex) : undefined;
      return z.preprocess(
        (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v === 'string' ? v.trim() : v),
        re && pattern ? text.refine((v) => v === '' || re.test(v), { message: pattern.message }) : text,
      );
    }
    case 'date':
      return z.preprocess(coerceDate, z.date({ required_error: REQUIRED, invalid_type_error: 'date invalide (attendu AAAA-MM-JJ ou une année)' }).superRefine((d, ctx) => {
        const issue = dateRangeIssue(d, field.range);
        if (issue) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue });
      }));
    case 'datetime':
      // An instant with its offset (datetime.ts): the text as written is checked, then parsed.
      return z.unknown().superRefine((v, ctx) => {
        if (v === undefined) { ctx.addIssue({ code: z.ZodIssueCode.custom, message: REQUIRED }); return; }
        const issue = instantIssue(v);
        if (issue) ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue });
      }).transform((v) => parseInstant(v) as Date);
    case 'boolean':
      return z.boolean({ required_error: REQUIRED, invalid_type_error: 'doit valoir true ou false' });
    case 'number':
      return z.number({ required_error: REQUIRED, invalid_type_error: 'doit être un nombre' });
    case 'select': {
      const values = field.options.map((o) => o.value) as [string, ...string[]];
      return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(values, {
        errorMap: () => ({ message: `valeur inconnue (attendu : ${values.join(', ')})` }),
      }));
    }
    case 'relation': {
      // A relation is a list of slugs; a lone string is accepted as a list of one.
      let arr = z.array(z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ invalid_type_error: 'doit être un identifiant (slug)' }).min(1)));
      if (field.max !== undefined) arr = arr.max(field.max, { message: `au plus ${field.max} élément(s)` });
      return z.preprocess((v) => (typeof v === 'string' ? [v] : isEmpty(v) ? [] : v), arr);
    }
    case 'object':
      return objectSchema(field.fields);
    case 'list': {
      let arr = z.array(objectSchema(field.fields), { invalid_type_error: 'doit être une liste' });
      if (field.max !== undefined) arr = arr.max(field.max, { message: `au plus ${field.max} élément(s)` });
      return z.preprocess((v) => (isEmpty(v) ? [] : v), arr);
    }
  }
}

/**
 * The schema of one field. Required scalar fields must be non-empty; relations and Markdown
 * bodies default to empty (their absence is a content warning, see validate.ts), objects to {}.
 */
export function fieldSchema(field: Field): z.ZodTypeAny {
  const base = scalar(field);
  const required = field.required !== false;
  if (field.kind === 'relation' || field.kind === 'list') return base;
  if (field.kind === 'object') return z.preprocess((v) => (isEmpty(v) ? {} : v), base);
  if (field.kind === 'boolean') return z.preprocess((v) => (isEmpty(v) ? (field.default ?? false) : v), base);
  if (field.kind === 'markdown') return z.preprocess((v) => (isEmpty(v) ? '' : v), base);
  if (field.kind === 'select' && field.default !== undefined) return z.preprocess((v) => (isEmpty(v) ? field.default : v), base);
  if (required && !field.hidden) {
    return z.preprocess((v) => (isEmpty(v) ? undefined : v), base);
  }
  return z.preprocess((v) => (isEmpty(v) ? undefined : v), base.optional());
}

/**
 * The zod schema of an object of fields, typed with the data it gives ({@link FieldsData}): the
 * output type follows the model's declaration, so a page reading a field the model lacks does
 * not compile.
 */
export type FieldsSchema<F extends readonly Field[]> = z.ZodObject<z.ZodRawShape, 'strip', z.ZodTypeAny, FieldsData<F>, unknown>;

export function objectSchema<const F extends readonly Field[]>(fields: F): FieldsSchema<F> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const f of fields) shape[f.name] = fieldSchema(f);
  // Unknown keys are reported by validate.ts as warnings, then left out of the data. The shape
  // is built at run time from the same declarations the type is derived from (fields.ts).
  return z.object(shape).strip() as FieldsSchema<F>;
}

/** The schema of a content type's front matter (the Markdown body excluded), typed with {@link DataOf}. */
export function typeSchema<T extends ContentType>(type: T): z.ZodObject<z.ZodRawShape, 'strip', z.ZodTypeAny, DataOf<T>, unknown> {
  return objectSchema(type.fields.filter((f) => f.name !== 'body')) as z.ZodObject<z.ZodRawShape, 'strip', z.ZodTypeAny, DataOf<T>, unknown>;
}
