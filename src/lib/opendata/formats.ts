/**
 * The files of a data set: JSON (an array of records), CSV (UTF-8, RFC 4180: comma, double
 * quotes, CRLF, one header line) and the JSON Schema the JSON follows, generated from the columns.
 */
import { stringify } from 'csv-stringify/sync';
import type { Column, DataRecord, Dataset } from './datasets.ts';

/** Separator of the values of a list inside one CSV cell. */
export const CSV_LIST_SEPARATOR = ';';

export const LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

export function toJson(records: readonly DataRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

export function toCsv(ds: Dataset, records: readonly DataRecord[]): string {
  const rows = records.map((r) => ds.columns.map((c) => {
    const v = r[c.name];
    return Array.isArray(v) ? v.join(CSV_LIST_SEPARATOR) : (v ?? '');
  }));
  return stringify(rows, { header: true, columns: ds.columns.map((c) => c.name), record_delimiter: 'windows' });
}

function propertySchema(c: Column): Record<string, unknown> {
  const base = { title: c.label, description: c.doc };
  switch (c.type) {
    case 'list': return { ...base, type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } };
    case 'date': return { ...base, type: c.required ? 'string' : ['string', 'null'], format: 'date' };
    case 'url': return { ...base, type: c.required ? 'string' : ['string', 'null'], format: 'uri' };
    case 'string':
      if (c.values) return { ...base, type: c.required ? 'string' : ['string', 'null'], enum: c.required ? c.values : [...c.values, null] };
      return { ...base, type: c.required ? 'string' : ['string', 'null'], ...(c.required ? { minLength: 1 } : {}) };
  }
}

/** JSON Schema (draft 2020-12) of a data set's JSON file, published beside it. */
export function jsonSchema(ds: Dataset, siteUrl: string): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${siteUrl}/donnees/${ds.name}.schema.json`,
    title: `${ds.title} — Entrepreneurs d’intérêt général`,
    description: `${ds.description} Licence : ${LICENCE.name}.`,
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ds.columns.map((c) => c.name),
      properties: Object.fromEntries(ds.columns.map((c) => [c.name, propertySchema(c)])),
    },
  };
}

/** The files of one data set, by file name under /donnees/. */
export function datasetFiles(ds: Dataset, records: readonly DataRecord[], siteUrl: string): Record<string, string> {
  return {
    [`${ds.name}.json`]: toJson(records),
    [`${ds.name}.csv`]: toCsv(ds, records),
    [`${ds.name}.schema.json`]: `${JSON.stringify(jsonSchema(ds, siteUrl), null, 2)}\n`,
  };
}
