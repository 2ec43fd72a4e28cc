import type { Field } from '../../content/model/fields.ts';

/**
 * What the importer writes when a legacy file lacks a REQUIRED value the site cannot do
 * without (the validator refuses empty required texts, dates and choices). Each use is a
 * `missing-required` line of the report, so editors can complete the content afterwards.
 *
 * - a title-like text (`title`, `sub`, `name`): the label of the block it belongs to
 *   (e.g. `criteria.title` → "Critères"), or the legacy file name for a top-level title;
 * - any other text: "À compléter";
 * - a date: 1 January 2017, the programme's first year (entries then sort last);
 * - a choice (select): its declared default, else its first option;
 * - a number: 0.
 * Relations, Markdown texts and lists may stay empty (the checks make them warnings), and
 * booleans take their declared default.
 */
export const FALLBACK_TEXT = 'À compléter';
export const FALLBACK_DATE = '2017-01-01';

export function fallbackFor(field: Field, parentLabel: string | undefined, fileTitle: string): string | number | undefined {
  switch (field.kind) {
    case 'string':
      if (['title', 'sub', 'name'].includes(field.name)) return parentLabel ?? fileTitle;
      return FALLBACK_TEXT;
    case 'date':
      return FALLBACK_DATE;
    case 'select':
      return field.default ?? field.options[0]?.value;
    case 'number':
      return 0;
    default:
      return undefined;
  }
}

/** Whether the validator refuses the field when it is empty (see to-zod.ts `fieldSchema`). */
export const needsValue = (f: Field): boolean =>
  f.required !== false && !f.hidden && ['string', 'date', 'select', 'number', 'image', 'file'].includes(f.kind);
