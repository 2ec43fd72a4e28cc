/**
 * The vocabulary of the content model: every field of every content type is one of these.
 * The Astro schemas (`to-zod.ts`), the back-office configuration and the importer all read
 * these declarations; nothing else lists fields.
 */

import type { CollectionName } from './collections.ts';

/** Names of the collections a relation can point to (declared in collections.ts). */
export type { CollectionName };

/**
 * Type-level marker of a field: whether its key is always present in the parsed data (see
 * {@link FieldsData}). Never set at run time; it only lets TypeScript tell
 * `StringField<'title', true>` from `StringField<'title', false>`.
 */
declare const present: unique symbol;

interface FieldBase<N extends string, P extends boolean> {
  /** Front-matter key. `body` is the Markdown after the front matter. */
  name: N;
  /** Label shown to editors in the back-office (French). */
  label: string;
  /** What the field is for, in the editor's words (French); becomes the back-office hint. */
  doc: string;
  /** Required unless set to false, as in the previous back-office. */
  required?: boolean;
  /** Kept in files and in the back-office, but not shown as an editable widget. */
  hidden?: boolean;
  /** Phantom: `true` when the parsed data always has this key (type level only, see above). */
  readonly [present]?: P;
}

// Every field type takes its key `N` and whether the key is always present after parsing `P`
// (the builders below compute it); the defaults describe any field of that kind.

export interface StringField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
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
export interface MarkdownField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'markdown';
}
export interface ImageField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'image';
}
export interface FileField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
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
export interface DateField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'date';
  /** Accepted dates; DEFAULT_DATE_RANGE when not set. */
  range?: DateRange;
}
/**
 * An instant (« Publier le »): stored as ISO 8601 with its offset (`2027-01-15T09:00:00+01:00`),
 * typed and shown in Paris time (datetime.ts); parsed as a Date.
 */
export interface DateTimeField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'datetime';
}
export interface BooleanField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'boolean';
  default?: boolean;
}
export interface NumberField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'number';
}
/** One choice of a select field. */
export interface SelectOption<V extends string = string> { label: string; value: V }
export interface SelectField<N extends string = string, P extends boolean = boolean, V extends string = string> extends FieldBase<N, P> {
  kind: 'select';
  options: readonly SelectOption<V>[];
  /** Value taken when the field is empty or absent (also the back-office's initial choice). */
  default?: V;
}
export interface RelationField<N extends string = string, P extends boolean = boolean> extends FieldBase<N, P> {
  kind: 'relation';
  collection: CollectionName;
  /** Upper bound on the number of linked entries. */
  max?: number;
}
export interface ObjectField<N extends string = string, P extends boolean = boolean, F extends readonly Field[] = readonly Field[]> extends FieldBase<N, P> {
  kind: 'object';
  fields: F;
}
export interface ListField<N extends string = string, P extends boolean = boolean, F extends readonly Field[] = readonly Field[]> extends FieldBase<N, P> {
  kind: 'list';
  fields: F;
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
  | DateTimeField
  | BooleanField
  | NumberField
  | SelectField
  | RelationField
  | ObjectField
  | ListField;

// ---------------------------------------------------------------------------------------------
// The TypeScript type of the data a field gives, as the zod schemas of to-zod.ts parse it.

/** The parsed value of one field (its key's presence aside). */
export type ValueOf<F extends Field> =
  F extends SelectField<string, boolean, infer V> ? V
  : F extends StringField | MarkdownField | ImageField | FileField ? string
  : F extends DateField | DateTimeField ? Date
  : F extends BooleanField ? boolean
  : F extends NumberField ? number
  : F extends RelationField ? string[]
  : F extends ObjectField<string, boolean, infer C> ? FieldsData<C>
  : F extends ListField<string, boolean, infer C> ? FieldsData<C>[]
  : never;

type Flatten<T> = { [K in keyof T]: T[K] } & {};
type AlwaysPresent<F> = F extends { readonly [present]?: true } ? true : false;

/**
 * The parsed data of a list of fields: one key per field (the Markdown `body` aside, it is the
 * entry's body), required when the parsed data always has it, else optional. Whether it does is
 * decided by the builders ({@link Present}) exactly as to-zod.ts parses.
 */
export type FieldsData<Fs extends readonly Field[]> = Flatten<
  { [F in Fs[number] as AlwaysPresent<F> extends true ? Exclude<F['name'], 'body'> : never]: ValueOf<F> }
  & { [F in Fs[number] as AlwaysPresent<F> extends true ? never : Exclude<F['name'], 'body'>]?: ValueOf<F> | undefined }
>;

/**
 * The data of a content type (or of anything with `fields`), derived from its declaration: what
 * its zod schema (`typeSchema`, to-zod.ts) gives after parsing, so what the pages read. E.g.
 * `DataOf<typeof defis>` has `title: string`, `date: Date`, `themes: string[]`,
 * `outcome: { status: OutcomeStatus; since?: Date | undefined; … }`. Adding a field to the model
 * adds it here, with no other edit.
 */
export type DataOf<T extends { readonly fields: readonly Field[] }> = FieldsData<T['fields']>;

// ---------------------------------------------------------------------------------------------
// Builders: each returns its field with its key and presence in its type.

/**
 * Whether the parsed data always has a field's key, from its kind and options (mirrors
 * `fieldSchema` in to-zod.ts): relations and lists default to [], objects to {}, booleans to
 * their default or false, Markdown to '', a select with a default to it; any other field is
 * present when required (the default) and not hidden.
 */
export type Present<K extends Field['kind'], O> =
  K extends 'relation' | 'list' | 'object' | 'boolean' | 'markdown' ? true
  : K extends 'select' ? (O extends { default: string } ? true : O extends { required: false } | { hidden: true } ? false : true)
  : O extends { required: false } | { hidden: true } ? false : true;

/** The run-time twin of {@link Present} (tested against the zod schemas, tests/unit/typed-model.test.ts). */
export function isAlwaysPresent(f: Field): boolean {
  if (f.kind === 'relation' || f.kind === 'list' || f.kind === 'object' || f.kind === 'boolean' || f.kind === 'markdown') return true;
  if (f.kind === 'select' && f.default !== undefined) return true;
  return f.required !== false && !f.hidden;
}

type Opts<F> = Omit<F, 'kind' | 'name' | 'label' | 'doc' | typeof present>;
type Build<K extends Field['kind'], N extends string, O> = { kind: K; name: N; label: string; doc: string } & O;
const build = <K extends Field['kind'], N extends string, O>(kind: K, name: N, label: string, doc: string, o: O): Build<K, N, O> => ({ kind, name, label, doc, ...o });

export const string = <const N extends string, const O extends Opts<StringField> = {}>(name: N, label: string, doc: string, o: O = {} as O): StringField<N, Present<'string', O>> => build('string', name, label, doc, o) as StringField<N, Present<'string', O>>;
export const text = <const N extends string, const O extends Opts<StringField> = {}>(name: N, label: string, doc: string, o: O = {} as O): StringField<N, Present<'string', O>> => ({ kind: 'string', multiline: true, name, label, doc, ...o }) as StringField<N, Present<'string', O>>;
export const markdown = <const N extends string, const O extends Opts<MarkdownField> = {}>(name: N, label: string, doc: string, o: O = {} as O): MarkdownField<N, Present<'markdown', O>> => build('markdown', name, label, doc, o) as MarkdownField<N, Present<'markdown', O>>;
export const image = <const N extends string, const O extends Opts<ImageField> = {}>(name: N, label: string, doc: string, o: O = {} as O): ImageField<N, Present<'image', O>> => build('image', name, label, doc, o) as ImageField<N, Present<'image', O>>;
export const file = <const N extends string, const O extends Opts<FileField> = {}>(name: N, label: string, doc: string, o: O = {} as O): FileField<N, Present<'file', O>> => build('file', name, label, doc, o) as FileField<N, Present<'file', O>>;
export const date = <const N extends string, const O extends Opts<DateField> = {}>(name: N, label: string, doc: string, o: O = {} as O): DateField<N, Present<'date', O>> => build('date', name, label, doc, o) as DateField<N, Present<'date', O>>;
export const datetime = <const N extends string, const O extends Opts<DateTimeField> = {}>(name: N, label: string, doc: string, o: O = {} as O): DateTimeField<N, Present<'datetime', O>> => build('datetime', name, label, doc, o) as DateTimeField<N, Present<'datetime', O>>;
export const boolean = <const N extends string, const O extends Opts<BooleanField> = {}>(name: N, label: string, doc: string, o: O = {} as O): BooleanField<N, Present<'boolean', O>> => build('boolean', name, label, doc, o) as BooleanField<N, Present<'boolean', O>>;
export const number = <const N extends string, const O extends Opts<NumberField> = {}>(name: N, label: string, doc: string, o: O = {} as O): NumberField<N, Present<'number', O>> => build('number', name, label, doc, o) as NumberField<N, Present<'number', O>>;
/** A choice among `options` (declare them `as const`: the value's type is the union of their values). */
export const select = <const N extends string, const V extends string, const O extends Opts<Omit<SelectField<N, boolean, V>, 'options'>> = {}>(name: N, label: string, doc: string, options: readonly SelectOption<V>[], o: O = {} as O): SelectField<N, Present<'select', O>, V> => build('select', name, label, doc, { options, ...o }) as SelectField<N, Present<'select', O>, V>;
export const relation = <const N extends string, const O extends Opts<Omit<RelationField, 'collection'>> = {}>(name: N, label: string, doc: string, collection: CollectionName, o: O = {} as O): RelationField<N, Present<'relation', O>> => build('relation', name, label, doc, { collection, ...o }) as RelationField<N, Present<'relation', O>>;
export const object = <const N extends string, const F extends readonly Field[], const O extends Opts<Omit<ObjectField, 'fields'>> = {}>(name: N, label: string, doc: string, fields: F, o: O = {} as O): ObjectField<N, Present<'object', O>, F> => build('object', name, label, doc, { fields, ...o }) as ObjectField<N, Present<'object', O>, F>;
export const list = <const N extends string, const F extends readonly Field[], const O extends Opts<Omit<ListField, 'fields'>> = {}>(name: N, label: string, doc: string, fields: F, o: O = {} as O): ListField<N, Present<'list', O>, F> => build('list', name, label, doc, { fields, ...o }) as ListField<N, Present<'list', O>, F>;

/** Whether a value must be present (Decap's default is required). */
export const isRequired = (f: Field): boolean => f.required !== false;
