/**
 * The open data sets published under /donnees/: which entries and which public fields, taken
 * from the content model so the field list, labels and descriptions never drift from it.
 * Only what the pages already show is published (no body text, no back-office settings).
 */
import { folderType } from '../../content/model/index.ts';
import type { Field } from '../../content/model/fields.ts';
import type { FolderType } from '../../content/model/types.ts';
import { resolveMedia } from '../content/media.ts';
import { isVisible, type MetricEntry } from '../figures/metrics.ts';

/** A published column: a model field, or one of the identifiers every record starts with. */
export interface Column {
  name: string;
  label: string;
  doc: string;
  /** JSON type of the value; `list` is an array of identifiers (a `;`-separated cell in CSV). */
  type: 'string' | 'date' | 'url' | 'list';
  /** Whether every record has a value (otherwise null in JSON, empty in CSV). */
  required: boolean;
  /** For lists of identifiers: the collection they point to. */
  collection?: string;
  /** For a choice (select field): the allowed values (JSON Schema `enum`). */
  values?: string[];
  /** For `url` columns: an image of the media folder (made absolute, null if not published). */
  media?: boolean;
  /** Where the value is in an entry's data (`['outcome', 'status']`); default `[name]`. */
  path?: string[];
}

export interface Dataset {
  /** File name stem: /donnees/<name>.json, .csv, .schema.json */
  name: string;
  title: string;
  description: string;
  type: FolderType;
  columns: Column[];
  /** The entries of the content set that make the data set. */
  select: (entries: readonly MetricEntry[]) => MetricEntry[];
}

export type DataRecord = Record<string, string | string[] | null>;

function columnOf(f: Field): Column {
  const required = f.required !== false && f.kind !== 'image' && f.kind !== 'relation';
  switch (f.kind) {
    case 'date': return { name: f.name, label: f.label, doc: f.doc, type: 'date', required };
    case 'image': return { name: f.name, label: f.label, doc: `${f.doc} Adresse absolue de l’image, vide si elle n’est pas publiée.`, type: 'url', required: false, media: true };
    case 'relation': return { name: f.name, label: f.label, doc: `${f.doc} Identifiants (slugs) des ${folderType(f.collection).label.toLocaleLowerCase('fr')}.`, type: 'list', required: true, collection: f.collection };
    case 'string': return f.format === 'https'
      ? { name: f.name, label: f.label, doc: f.doc, type: 'url', required }
      : { name: f.name, label: f.label, doc: f.doc, type: 'string', required };
    case 'select': return {
      name: f.name, label: f.label, type: 'string', required: required || f.default !== undefined, values: f.options.map((o) => o.value),
      doc: `${f.doc} Valeurs : ${f.options.map((o) => `${o.value} (${o.label})`).join(', ')}.`,
    };
    default: throw new Error(`Champ ${f.name} : type ${f.kind} non publiable en données ouvertes`);
  }
}

/**
 * A column of a field inside an object field (`outcome.status`): named `outcome_status`,
 * labelled « Devenir du défi : Statut », a value absent when the object is.
 */
function nestedColumn(type: FolderType, path: string[]): Column {
  let fields = type.fields;
  const labels: string[] = [];
  let f: Field | undefined;
  for (const [i, name] of path.entries()) {
    f = fields.find((x) => x.name === name);
    if (!f) throw new Error(`Champ ${path.join('.')} absent du modèle ${type.name}`);
    if (i < path.length - 1) {
      if (f.kind !== 'object') throw new Error(`Champ ${path.slice(0, i + 1).join('.')} : un objet était attendu`);
      labels.push(f.label);
      fields = f.fields;
    }
  }
  const c = columnOf(f!);
  return { ...c, name: path.join('_'), label: [...labels, c.label].join(' : '), path };
}

function columns(type: FolderType, fields: readonly string[]): Column[] {
  const id: Column[] = [
    { name: 'slug', label: 'Identifiant', doc: `Identifiant stable, tiré du nom du fichier ; l’adresse de la page en découle.`, type: 'string', required: true },
    { name: 'url', label: 'Page', doc: 'Adresse absolue de la page sur le site.', type: 'url', required: true },
  ];
  return [...id, ...fields.map((name) => {
    if (name.includes('.')) return nestedColumn(type, name.split('.'));
    const f = type.fields.find((x) => x.name === name);
    if (!f) throw new Error(`Champ ${name} absent du modèle ${type.name}`);
    return columnOf(f);
  })];
}

const defis = folderType('defis');
const personnes = folderType('personnes');

export const DATASETS: readonly Dataset[] = [
  {
    name: 'defis',
    title: 'Défis',
    description: 'Les défis publiés sur le site : administration porteuse, lieu, thématiques, promotions, expertises recherchées et devenir du défi (statut, date, service, code source, note).',
    type: defis,
    columns: columns(defis, ['title', 'description', 'who', 'place', 'town', 'date', 'themes', 'promos', 'expertises', 'image', 'outcome.status', 'outcome.since', 'outcome.product', 'outcome.code', 'outcome.note']),
    select: (entries) => entries.filter((e) => e.collection === 'defis' && isVisible(e)),
  },
  {
    name: 'talents',
    title: 'Talents',
    description: 'Les talents (entrepreneurs et entrepreneuses d’intérêt général) : poste, promotions, défis et expertises, tels que présentés sur leur page.',
    type: personnes,
    columns: columns(personnes, ['title', 'job', 'desc', 'promos', 'defis', 'expertises', 'image', 'linkedin', 'github']),
    select: (entries) => entries.filter((e) => e.collection === 'personnes' && e.data['role'] === 'participant'),
  },
];

export function dataset(name: string): Dataset {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw new Error(`Jeu de données inconnu : ${name}`);
  return d;
}

/** The value at a path of an entry's data (undefined when a step is missing). */
const valueAt = (data: Record<string, unknown>, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);

const isoDate = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : null);

/** One entry as a record of the data set (keys in column order). */
export function toRecord(ds: Dataset, e: MetricEntry & { url?: string }, siteUrl: string, mediaDir: string): DataRecord {
  const out: DataRecord = {};
  for (const c of ds.columns) {
    const v = c.name === 'slug' ? e.id : c.name === 'url' ? `${siteUrl}${e.url ?? `${ds.type.urlPrefix}${e.id}/`}` : valueAt(e.data, c.path ?? [c.name]);
    if (c.name === 'slug' || c.name === 'url') out[c.name] = String(v);
    else if (c.type === 'list') out[c.name] = Array.isArray(v) ? v.map(String) : [];
    else if (c.type === 'date') out[c.name] = isoDate(v);
    else if (c.type === 'url' && !c.media) out[c.name] = typeof v === 'string' && v.trim() ? v.trim() : null;
    else if (c.type === 'url') {
      const ref = resolveMedia(v, mediaDir);
      out[c.name] = ref.kind === 'local' && ref.exists ? `${siteUrl}${ref.url}` : null;
    } else out[c.name] = typeof v === 'string' && v.trim() ? v : null;
  }
  return out;
}

/** Every record of a data set, sorted by slug so files diff well between two builds. */
export function records(ds: Dataset, entries: readonly MetricEntry[], siteUrl: string, mediaDir: string): DataRecord[] {
  return ds.select(entries).sort((a, b) => a.id.localeCompare(b.id)).map((e) => toRecord(ds, e, siteUrl, mediaDir));
}
