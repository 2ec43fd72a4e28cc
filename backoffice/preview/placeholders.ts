/**
 * A draft's missing required fields, found from the content model (src/content/model/) and
 * filled with visible placeholders so that its page renders from the first keystroke: the
 * preview shows the page with « [Titre à renseigner] » where the title will be, and the list of
 * what is missing beside it (preview-frame.ts), instead of a list of errors and no page.
 *
 * Which fields and which placeholder, by kind (the zod schemas of to-zod.ts decide what refuses
 * a page, the model's `required` what Decap refuses to save):
 * - text (string without a pattern or format, Markdown): « [<label> à renseigner] »;
 * - date: today (within the field's range), number: 0, select: its first option: the page needs
 *   a value of that type; the list beside says they are to be filled; the date is highlighted
 *   in the page too, as the page writes it (« 2 décembre 2026 », src/lib/dates.ts);
 * - image, file: a name no medium has, so the page shows the site's neutral image placeholder;
 * - relations, and text with a pattern or format: listed only (no value of theirs is neutral);
 * - objects and list items: their own fields, labelled as the content checks label them
 *   (« Chiffres clés n° 1 › Nombre »).
 * Pure: unit-tested in tests/unit/preview-placeholders.test.ts.
 */
import { dateBound } from '../../src/content/model/date-range.ts';
import { formatDate } from '../../src/lib/dates.ts';
import { DEFAULT_DATE_RANGE, isRequired, type DateRange, type Field } from '../../src/content/model/fields.ts';

/** A required field the draft leaves empty, by its labels; `placeholder` when the page shows one. */
export interface MissingField { field: string; placeholder?: string | undefined }

/** The text shown in the page for a missing text field: « [Titre à renseigner] ». */
export const placeholderText = (label: string): string => `[${label} à renseigner]`;

/** A medium name no upload can take (the media names are checked by the gate): the page shows its neutral placeholder. */
export const MISSING_MEDIA = 'img/a-renseigner.invalid';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Today as an ISO day, moved inside the field's range when today is not in it. */
function dayIn(range: DateRange = DEFAULT_DATE_RANGE, today: Date): string {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const min = dateBound(range.min, today);
  const max = dateBound(range.max, today);
  if (today < min) return iso(min);
  if (today > max) return iso(max);
  return iso(today);
}

/** The placeholder value of a missing field, or undefined when none is neutral (listed only). */
function placeholderValue(f: Field, label: string, today: Date): unknown {
  switch (f.kind) {
    case 'string': return f.pattern || f.format ? undefined : placeholderText(label);
    case 'markdown': return placeholderText(label);
    case 'image': case 'file': return MISSING_MEDIA;
    case 'date': return dayIn(f.range, today);
    case 'number': return 0;
    case 'select': return f.options[0]?.value;
    default: return undefined;
  }
}

/**
 * The draft's data with a placeholder in each missing required field it can take one, and the
 * list of every missing required field (hidden fields aside: the editor cannot fill them).
 */
export function fillMissing(fields: readonly Field[], data: Record<string, unknown>, today = new Date()): { data: Record<string, unknown>; missing: MissingField[] } {
  const missing: MissingField[] = [];
  const walk = (fs: readonly Field[], d: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...d };
    for (const f of fs) {
      if (f.hidden) continue;
      const label = prefix + f.label;
      const v = d[f.name];
      if (f.kind === 'object') {
        if (isRecord(v)) out[f.name] = walk(f.fields, v, `${label} › `);
        else if (isRequired(f)) out[f.name] = walk(f.fields, {}, `${label} › `);
        continue;
      }
      if (f.kind === 'list') {
        if (Array.isArray(v)) out[f.name] = v.map((item, i) => (isRecord(item) ? walk(f.fields, item, `${label} n° ${i + 1} › `) : item));
        continue;
      }
      if (!isRequired(f) || !isEmpty(v) || (f.kind === 'select' && f.default !== undefined) || f.kind === 'boolean') continue;
      const value = placeholderValue(f, label, today);
      const shown = typeof value !== 'string' ? undefined : f.kind === 'date' ? formatDate(new Date(`${value}T00:00:00Z`)) : value.startsWith('[') ? value : undefined;
      missing.push(shown ? { field: label, placeholder: shown } : { field: label });
      if (value !== undefined) out[f.name] = value;
    }
    return out;
  };
  return { data: walk(fields, data, ''), missing };
}
