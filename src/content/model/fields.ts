/**
 * The vocabulary of the content model: every field of every content type is one of these.
 * The Astro schemas (`to-zod.ts`), the back-office configuration and the importer all read
 * these declarations; nothing else lists fields.
 */

/** Names of the collections a relation can point to. */
export type CollectionName =
  | 'defis'
  | 'articles'
  | 'personnes'
  | 'themes'
  | 'expertises'
  | 'promos'
  | 'categories';

interface FieldBase {
  /** Front-matter key. `body` is the Markdown after the front matter. */
  name: string;
  /** Label shown to editors in the back-office (French). */
  label: string;
  /** What the field is for, in the editor's words (French); becomes the back-office hint. */
  doc: string;
  /** Required unless set to false, as in the previous back-office. */
  required?: boolean;
  /** Kept in files and in the back-office, but not shown as an editable widget. */
  hidden?: boolean;
}

export interface StringField extends FieldBase {
  kind: 'string';
  /** Multi-line plain text (Decap `text`). */
  multiline?: boolean;
  default?: string;
  /** `https`: the value must be an absolute https:// address (a product, a forge…). */
  format?: 'https';
  /**
   * A form the value must follow when given (checked by the content checks and the back-office):
   * a regular expression as text (Decap's `pattern` takes it as is), its French message, a sample.
   */
  pattern?: { regex: string; message: string; example?: string };
}
export interface MarkdownField extends FieldBase {
  kind: 'markdown';
}
export interface ImageField extends FieldBase {
  kind: 'image';
}
export interface FileField extends FieldBase {
  kind: 'file';
}
/**
 * Bounds of a date field: an ISO day (`2016-01-01`) or a number of years from today (`+2y`,
 * `+0y` = today). A date outside is an error (it catches Decap's typing bug that turns 2027
 * into 1907, decaporg/decap-cms#7939).
 */
export interface DateRange { min: string; max: string }
/** The programme's years: from 2016 (its first call) to two years ahead. */
export const DEFAULT_DATE_RANGE: DateRange = { min: '2016-01-01', max: '+2y' };
export interface DateField extends FieldBase {
  kind: 'date';
  /** Accepted dates; DEFAULT_DATE_RANGE when not set. */
  range?: DateRange;
}
export interface BooleanField extends FieldBase {
  kind: 'boolean';
  default?: boolean;
}
export interface NumberField extends FieldBase {
  kind: 'number';
}
export interface SelectField extends FieldBase {
  kind: 'select';
  options: readonly { label: string; value: string }[];
  /** Value taken when the field is empty or absent (also the back-office's initial choice). */
  default?: string;
}
export interface RelationField extends FieldBase {
  kind: 'relation';
  collection: CollectionName;
  /** Upper bound on the number of linked entries. */
  max?: number;
}
export interface ObjectField extends FieldBase {
  kind: 'object';
  fields: readonly Field[];
}
export interface ListField extends FieldBase {
  kind: 'list';
  fields: readonly Field[];
  max?: number;
  /**
   * What the back-office shows for each collapsed item (Decap summary template, e.g.
   * `{{fields.step}} — {{fields.title}}`). By default, the item's first text field.
   */
  summary?: string;
}

export type Field =
  | StringField
  | MarkdownField
  | ImageField
  | FileField
  | DateField
  | BooleanField
  | NumberField
  | SelectField
  | RelationField
  | ObjectField
  | ListField;

type Opts<F> = Omit<F, 'kind' | 'name' | 'label' | 'doc'>;

export const string = (name: string, label: string, doc: string, o: Opts<StringField> = {}): StringField => ({ kind: 'string', name, label, doc, ...o });
export const text = (name: string, label: string, doc: string, o: Opts<StringField> = {}): StringField => ({ kind: 'string', multiline: true, name, label, doc, ...o });
export const markdown = (name: string, label: string, doc: string, o: Opts<MarkdownField> = {}): MarkdownField => ({ kind: 'markdown', name, label, doc, ...o });
export const image = (name: string, label: string, doc: string, o: Opts<ImageField> = {}): ImageField => ({ kind: 'image', name, label, doc, ...o });
export const file = (name: string, label: string, doc: string, o: Opts<FileField> = {}): FileField => ({ kind: 'file', name, label, doc, ...o });
export const date = (name: string, label: string, doc: string, o: Opts<DateField> = {}): DateField => ({ kind: 'date', name, label, doc, ...o });
export const boolean = (name: string, label: string, doc: string, o: Opts<BooleanField> = {}): BooleanField => ({ kind: 'boolean', name, label, doc, ...o });
export const number = (name: string, label: string, doc: string, o: Opts<NumberField> = {}): NumberField => ({ kind: 'number', name, label, doc, ...o });
export const select = (name: string, label: string, doc: string, options: SelectField['options'], o: Opts<Omit<SelectField, 'options'>> = {}): SelectField => ({ kind: 'select', name, label, doc, options, ...o });
export const relation = (name: string, label: string, doc: string, collection: CollectionName, o: Opts<Omit<RelationField, 'collection'>> = {}): RelationField => ({ kind: 'relation', name, label, doc, collection, ...o });
export const object = (name: string, label: string, doc: string, fields: readonly Field[], o: Opts<Omit<ObjectField, 'fields'>> = {}): ObjectField => ({ kind: 'object', name, label, doc, fields, ...o });
export const list = (name: string, label: string, doc: string, fields: readonly Field[], o: Opts<Omit<ListField, 'fields'>> = {}): ListField => ({ kind: 'list', name, label, doc, fields, ...o });

/** Whether a value must be present (Decap's default is required). */
export const isRequired = (f: Field): boolean => f.required !== false;
