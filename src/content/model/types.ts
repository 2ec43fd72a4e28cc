import type { CollectionName, Field } from './fields.ts';

/** A collection of many entries, one Markdown file each, in one folder. */
export interface FolderType {
  kind: 'folder';
  name: CollectionName;
  /** Plural label for the back-office (French). */
  label: string;
  /** Singular label for the back-office (French). */
  labelSingular: string;
  /** Folder under the content root. */
  folder: string;
  /** URL prefix of an entry's page; the entry's slug follows it. */
  urlPrefix: string;
  /** Field used as the entry's display title. */
  titleField: string;
  fields: readonly Field[];
}

/** A single page stored in one Markdown file. */
export interface FileType {
  kind: 'file';
  /** Identifier used by the back-office and the templates. */
  name: string;
  label: string;
  /** Path under the content root. */
  file: string;
  /** URL of the page when the file declares no `url:`. */
  url: string;
  fields: readonly Field[];
}

export type ContentType = FolderType | FileType;
