import type { CollectionName, DataOf, Field } from './fields.ts';

/**
 * A collection of many entries, one Markdown file each, in one folder. `C` is its name and `F`
 * its fields, kept literal by {@link defineFolder} so that {@link DataOf} can derive its data.
 */
export interface FolderType<C extends CollectionName = CollectionName, F extends readonly Field[] = readonly Field[]> {
  kind: 'folder';
  name: C;
  /** Plural label for the back-office (French). */
  label: string;
  /** Singular label for the back-office (French). */
  labelSingular: string;
  /** The back-office's button for a new entry (« Nouveau défi », « Nouvelle personne »): French gender is not derivable. */
  labelNew: string;
  /** Folder under the content root. */
  folder: string;
  /** URL prefix of an entry's page; the entry's slug follows it. */
  urlPrefix: string;
  /** Field used as the entry's display title. */
  titleField: string;
  fields: F;
}

/** A single page stored in one Markdown file (`N` its name, `F` its fields, see {@link FolderType}). */
export interface FileType<N extends string = string, F extends readonly Field[] = readonly Field[]> {
  kind: 'file';
  /** Identifier used by the back-office and the templates. */
  name: N;
  label: string;
  /** Path under the content root. */
  file: string;
  /** URL of the page when the file declares no `url:`. */
  url: string;
  fields: F;
}

export type ContentType = FolderType | FileType;

/** Declares a collection, keeping its name and field list literal (nothing widens to `Field`). */
export const defineFolder = <const C extends CollectionName, const F extends readonly Field[]>(t: Omit<FolderType<C, F>, 'kind'>): FolderType<C, F> => ({ kind: 'folder', ...t });

/** Declares a single page, keeping its name and field list literal (nothing widens to `Field`). */
export const defineFile = <const N extends string, const F extends readonly Field[]>(t: Omit<FileType<N, F>, 'kind'>): FileType<N, F> => ({ kind: 'file', ...t });

export type { DataOf };
