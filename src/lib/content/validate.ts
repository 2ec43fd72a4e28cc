import type { Field } from '../../content/model/fields.ts';
import type { ContentType } from '../../content/model/types.ts';
import { fieldSchema, typeSchema } from '../../content/model/to-zod.ts';
import type { ParsedFile } from './frontmatter.ts';
import type { ContentIssue } from './issues.ts';

type Path = (string | number)[];
const fmt = (path: readonly (string | number)[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

const UNSAFE = /<\s*script|\son[a-z]+\s*=|javascript\s*:/i;

const schemas = new Map<ContentType, ReturnType<typeof typeSchema>>();
const schemaOf = (t: ContentType) => {
  let s = schemas.get(t);
  if (!s) schemas.set(t, (s = typeSchema(t)));
  return s;
};

/**
 * Validates one parsed file against its content type. Returns the normalised data (trimmed
 * strings, real dates, lists for relations) and every issue with its line.
 */
export function validateEntry(type: ContentType, file: string, parsed: ParsedFile): { data: Record<string, unknown> | undefined; issues: ContentIssue[]; partial?: Record<string, unknown> } {
  const issues: ContentIssue[] = [];
  const at = (path: Path, message: string, severity: ContentIssue['severity']) =>
    issues.push({ file, line: path.length ? parsed.lineOf(path) : undefined, field: fmt(path) || undefined, message, severity });

  for (const e of parsed.errors) issues.push({ file, line: e.line, message: e.message, severity: 'error' });
  for (const d of parsed.duplicateKeys) if (!parsed.errors.some((e) => e.line === d.line)) {
    issues.push({ file, line: d.line, field: d.key, message: 'clé en double : la dernière valeur est gardée', severity: 'warning' });
  }
  if (parsed.errors.length) return { data: undefined, issues };

  reportUnknownKeys(type.fields, parsed.data, [], at);
  reportUnsafe(parsed.data, [], at);
  if (UNSAFE.test(parsed.body)) issues.push({ file, line: parsed.bodyLine, field: 'body', message: 'HTML dangereux (script, gestionnaire on…=, javascript:) : retiré à l’affichage', severity: 'warning' });

  const result = schemaOf(type).safeParse(parsed.data);
  if (!result.success) {
    for (const e of result.error.issues) at(e.path, e.message, 'error');
    return { data: undefined, issues, partial: validFields(type, parsed.data) };
  }
  const data = result.data as Record<string, unknown>;
  reportEmptyRecommended(type.fields, data, [], at, parsed.body);
  return { data, issues };
}

function reportUnknownKeys(fields: readonly Field[], value: unknown, path: Path, at: (p: Path, m: string, s: 'warning') => void) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const known = new Map(fields.map((f) => [f.name, f]));
  for (const [k, v] of Object.entries(value)) {
    const f = known.get(k);
    if (!f || f.name === 'body') { at([...path, k], 'clé inconnue du modèle : ignorée à l’affichage', 'warning'); continue; }
    if (f.kind === 'object') reportUnknownKeys(f.fields, v, [...path, k], at);
    if (f.kind === 'list' && Array.isArray(v)) v.forEach((item, i) => reportUnknownKeys(f.fields, item, [...path, k, i], at));
  }
}

function reportUnsafe(value: unknown, path: Path, at: (p: Path, m: string, s: 'warning') => void) {
  if (typeof value === 'string') { if (UNSAFE.test(value)) at(path, 'HTML dangereux (script, gestionnaire on…=, javascript:) : retiré à l’affichage', 'warning'); return; }
  if (Array.isArray(value)) value.forEach((v, i) => reportUnsafe(v, [...path, i], at));
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) reportUnsafe(v, [...path, k], at);
}

/** Empty required relations and Markdown texts: the page still renders, so they are warnings. */
function reportEmptyRecommended(fields: readonly Field[], data: Record<string, unknown>, path: Path, at: (p: Path, m: string, s: 'warning') => void, body?: string) {
  for (const f of fields) {
    if (f.required === false || f.hidden) continue;
    const v = f.name === 'body' ? body : data[f.name];
    if (f.kind === 'relation' && Array.isArray(v) && v.length === 0) at([...path, f.name], 'aucune valeur renseignée', 'warning');
    if (f.kind === 'markdown' && (typeof v !== 'string' || v.trim() === '')) at([...path, f.name], 'texte vide', 'warning');
    if (f.kind === 'object' && data[f.name] && typeof data[f.name] === 'object') reportEmptyRecommended(f.fields, data[f.name] as Record<string, unknown>, [...path, f.name], at);
  }
}

const fieldSchemas = new WeakMap<Field, ReturnType<typeof fieldSchema>>();
/**
 * The top-level fields of a rejected file that are valid on their own, so that the other
 * checks (relations) still report their problems: every problem is listed in one run.
 */
function validFields(type: ContentType, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fields) {
    if (f.name === 'body') continue;
    let s = fieldSchemas.get(f);
    if (!s) fieldSchemas.set(f, (s = fieldSchema(f)));
    const r = s.safeParse(data[f.name]);
    if (r.success && r.data !== undefined) out[f.name] = r.data;
  }
  return out;
}
