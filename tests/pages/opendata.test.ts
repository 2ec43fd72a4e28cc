import { describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadContent } from '../../src/lib/content/load.ts';
import { folderType } from '../../src/content/model/index.ts';
import { resolveStatic } from '../../backoffice/server/static.ts';


const dist = inject('distDir');
const read = (file: string) => readFileSync(join(dist, 'donnees', file), 'utf8');
const content = loadContent('content', 'media');
const byId = (collection: string, id: string) => content.entries.find((e) => e.collection === collection && e.id === id);

type Row = Record<string, unknown>;
const sets = [
  { name: 'defis', collection: 'defis', expected: content.entries.filter((e) => e.collection === 'defis' && e.data['visible'] !== false) },
  { name: 'talents', collection: 'personnes', expected: content.entries.filter((e) => e.collection === 'personnes' && e.data['role'] === 'participant') },
];

describe.each(sets)('open data: $name', ({ name, collection, expected }) => {
  const json = JSON.parse(read(`${name}.json`)) as Row[];
  const schema = JSON.parse(read(`${name}.schema.json`)) as Record<string, unknown>;

  it('publishes a JSON valid against its published schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The schema does reject a bad record.
    expect(validate([{ ...json[0], slug: 42 }])).toBe(false);
  });

  it('has one record per entry, and the values of the content', () => {
    expect(json.map((r) => r['slug']).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(expected.length).toBeGreaterThan(0);
    const type = folderType(collection as 'defis' | 'personnes');
    for (const r of json) {
      const e = byId(collection, String(r['slug']))!;
      expect(r['title']).toBe(e.data['title']);
      expect(new URL(String(r['url'])).pathname).toBe(e.url);
      for (const f of type.fields) {
        if (!(f.name in r) || f.name === 'url') continue;
        const v = e.data[f.name];
        if (f.kind === 'relation') expect(r[f.name], f.name).toEqual(v ?? []);
        else if (f.kind === 'date') expect(r[f.name], f.name).toBe((v as Date).toISOString().slice(0, 10));
        else if (f.kind === 'string') expect(r[f.name], f.name).toBe(v ?? null);
      }
    }
  });

  it('publishes only public fields', () => {
    const keys = new Set(json.flatMap((r) => Object.keys(r)));
    for (const hidden of ['body', 'weight', 'role', 'visible', 'ogImage']) expect(keys.has(hidden), hidden).toBe(false);
    expect(read(`${name}.json`)).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('links to pages and images that exist in the build', () => {
    for (const r of json) {
      expect(resolveStatic(dist, new URL(String(r['url'])).pathname), String(r['url'])).toBeDefined();
      if (r['image']) expect(resolveStatic(dist, decodeURI(new URL(String(r['image'])).pathname)), String(r['image'])).toBeDefined();
    }
  });

  it('publishes a UTF-8 RFC 4180 CSV with the same records', () => {
    const raw = read(`${name}.csv`);
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(raw).toMatch(/\r\n$/);
    expect(raw.replace(/"[^"]*"/g, '').split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const rows = parseCsv(raw, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.length);
    rows.forEach((row, i) => {
      const j = json[i]!;
      expect(Object.keys(row)).toEqual(Object.keys(j));
      for (const [k, v] of Object.entries(j)) expect(row[k], k).toBe(Array.isArray(v) ? v.join(';') : (v ?? ''));
    });
  });
});

describe('/donnees/ page', () => {
  const html = readFileSync(join(dist, 'donnees', 'index.html'), 'utf8');
  it('describes every published field with the label and doc of the content model', () => {
    for (const { name, collection } of sets) {
      const type = folderType(collection as 'defis' | 'personnes');
      const published = Object.keys((JSON.parse(read(`${name}.json`)) as Row[])[0]!);
      for (const key of published) {
        expect(html).toContain(`<code>${key}</code>`);
        const f = type.fields.find((x) => x.name === key);
        if (f) expect(html).toContain(f.label.replace(/’/g, '’'));
      }
    }
  });
  it('states the licence and the update date, and links every file', () => {
    expect(html).toContain('Licence Ouverte');
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
    for (const f of ['defis.json', 'defis.csv', 'defis.schema.json', 'talents.json', 'talents.csv', 'talents.schema.json']) {
      expect(html).toContain(`href="/donnees/${f}"`);
      expect(existsSync(join(dist, 'donnees', f))).toBe(true);
    }
  });
});

describe('open data: outcome columns of the défis', () => {
  const json = JSON.parse(read('defis.json')) as Row[];
  const schema = JSON.parse(read('defis.schema.json')) as { items: { properties: Record<string, { enum?: unknown[]; format?: string; title: string; description: string }> } };
  const html = readFileSync(join(dist, 'donnees', 'index.html'), 'utf8');
  const outcome = folderType('defis').fields.find((f) => f.name === 'outcome')!;
  const subfields = outcome.kind === 'object' ? outcome.fields : [];

  it('publishes each field of the model’s outcome as a column, with the values of the content', () => {
    expect(subfields.map((f) => f.name)).toEqual(['status', 'since', 'product', 'code', 'note']);
    for (const r of json) {
      const o = (byId('defis', String(r['slug']))!.data['outcome'] ?? {}) as Record<string, unknown>;
      expect(r['outcome_status']).toBe(o['status'] ?? 'non-renseigne');
      expect(r['outcome_since']).toBe(o['since'] instanceof Date ? o['since'].toISOString().slice(0, 10) : null);
      expect(r['outcome_product']).toBe(o['product'] ?? null);
      expect(r['outcome_code']).toBe(o['code'] ?? null);
      expect(r['outcome_note']).toBe(o['note'] ?? null);
    }
    expect(new Set(json.map((r) => r['outcome_status'])).size).toBe(5);
  });

  it('documents them from the model: schema enum of the statuses, https addresses, labels and docs on /donnees/', () => {
    const props = schema.items.properties;
    const status = subfields.find((f) => f.name === 'status')!;
    expect(props['outcome_status']!.enum).toEqual(status.kind === 'select' ? status.options.map((o) => o.value) : []);
    expect(props['outcome_product']!.format).toBe('uri');
    for (const f of subfields) {
      expect(props[`outcome_${f.name}`]!.title).toBe(`Devenir du défi : ${f.label}`);
      expect(props[`outcome_${f.name}`]!.description.startsWith(f.doc)).toBe(true);
      expect(html).toContain(`<code>outcome_${f.name}</code>`);
      expect(html).toContain(`Devenir du défi : ${f.label}`);
    }
    expect(html).toContain('perennise (Pérennisé)');
  });
});
