/**
 * Content issues in an editor's words: the file becomes the entry's kind and title (« Défi
 * « Brigade numérique » »), the field path (`numbers[0].num`) the labels of the content model
 * (« Chiffres clés n° 1 › Nombre »). Pure: the caller gives the entries' front matter.
 */
import { fileTypes, folderTypes } from '../../content/model/index.ts';
import type { Field } from '../../content/model/fields.ts';
import type { ContentType } from '../../content/model/types.ts';

export interface Described {
  /** What the entry is: the collection's singular label (« Défi ») or « Page ». */
  kind: string;
  /** The entry's title (its title field), or the page's label, or the file name. */
  title: string;
  /** Labels along the field path, or undefined for an issue about the whole file. */
  field?: string | undefined;
}

/** The content type of a file (path relative to the content root), if the model knows it. */
export function typeOfFile(file: string): ContentType | undefined {
  const page = fileTypes.find((t) => t.file === file);
  if (page) return page;
  const parts = file.split('/');
  return parts.length === 2 ? folderTypes.find((t) => t.folder === parts[0]) : undefined;
}

/** `numbers[0].num` → ['numbers', 0, 'num']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The labels of a field path in a type's fields (names the model does not know are kept). */
export function fieldLabel(fields: readonly Field[], path: string): string {
  const parts: string[] = [];
  let current: readonly Field[] | undefined = fields;
  for (const p of parseFieldPath(path)) {
    if (typeof p === 'number') {
      if (parts.length) parts[parts.length - 1] += ` n° ${p + 1}`;
      else parts.push(`n° ${p + 1}`);
      continue;
    }
    const f: Field | undefined = current?.find((x) => x.name === p);
    parts.push(f?.label ?? p);
    current = f && (f.kind === 'object' || f.kind === 'list') ? f.fields : undefined;
  }
  return parts.join(' › ');
}

const fileName = (file: string) => (file.split('/').pop() ?? file).replace(/\.md$/, '');

/** The kind and title of the entry stored in `file`, from its front matter when readable. */
export function describeEntry(file: string, data: Record<string, unknown> | undefined): Omit<Described, 'field'> {
  const type = typeOfFile(file);
  // A medium is named from the content root (`../media/x.png`, see load.ts): shown as `media/x.png`.
  if (!type) return { kind: 'Fichier', title: file.replace(/^\.\.\/media\//, 'media/') };
  if (type.kind === 'file') return { kind: 'Page', title: type.label };
  const t = data?.[type.titleField];
  return { kind: type.labelSingular, title: typeof t === 'string' && t.trim() ? t.trim() : fileName(file) };
}

/** An issue (file, field path) as the entry and field an editor sees in the back-office. */
export function describeIssue(issue: { file: string; field?: string | undefined }, dataOf: (file: string) => Record<string, unknown> | undefined): Described {
  const entry = describeEntry(issue.file, dataOf(issue.file));
  const type = typeOfFile(issue.file);
  return { ...entry, field: issue.field ? fieldLabel(type?.fields ?? [], issue.field) : undefined };
}

/** « Défi « Brigade numérique », champ « Date de publication » : <message> ». */
export function issueSentence(issue: { file: string; field?: string | undefined; message: string }, dataOf: (file: string) => Record<string, unknown> | undefined): string {
  const d = describeIssue(issue, dataOf);
  return `${d.kind} « ${d.title} »${d.field ? `, champ « ${d.field} »` : ''} : ${issue.message}`;
}
