/**
 * The placeholders of a draft's missing required fields (backoffice/preview/placeholders.ts):
 * found from the content model, each text field filled with « [<label> à renseigner] », the
 * others with a neutral value of their type, and every missing field listed by its labels.
 */
import { describe, expect, it } from 'vitest';
import { MISSING_MEDIA, fillMissing, placeholderText } from '../../backoffice/preview/placeholders.ts';
import { defis } from '../../src/content/model/defis.ts';
import { folderTypes, fileTypes } from '../../src/content/model/index.ts';
import { typeSchema } from '../../src/content/model/to-zod.ts';

const today = new Date('2026-12-02T10:00:00Z');

describe('fillMissing', () => {
  it('a new défi with only a title: placeholders in its text fields, every required field listed by label', () => {
    const { data, missing } = fillMissing(defis.fields, { title: 'Eau claire' }, today);
    expect(data['title']).toBe('Eau claire');
    expect(data['who']).toBe('[Administration à renseigner]');
    expect(data['description']).toBe(placeholderText('Description'));
    expect(data['body']).toBe('[Contenu à renseigner]');
    expect(data['date']).toBe('2026-12-02');
    expect(data['image']).toBe(MISSING_MEDIA);
    // Optional and hidden fields are not asked for; relations are listed without a value.
    expect(data['place']).toBeUndefined();
    expect(data['themes']).toBeUndefined();
    expect(missing.map((m) => m.field)).toEqual(['Description', 'Administration', 'Thématiques', 'Promotions', 'Lieu', 'Date de publication', 'Expertises', 'Image', 'Contenu']);
    expect(missing.find((m) => m.field === 'Lieu')).toEqual({ field: 'Lieu', placeholder: '[Lieu à renseigner]' });
    expect(missing.find((m) => m.field === 'Image')).toEqual({ field: 'Image' });
    // Today's date stands in for the missing date: highlighted in the page as the page writes it.
    expect(missing.find((m) => m.field === 'Date de publication')).toEqual({ field: 'Date de publication', placeholder: '2 décembre 2026' });
  });

  it('a complete draft is left as it is, with nothing missing', () => {
    const full = { title: 'T', description: 'D', who: 'W', town: 'L', date: '2024-03-01', themes: ['sante'], promos: ['promotion-4'], expertises: ['design'], image: 'img/x.svg', body: 'Texte.' };
    expect(fillMissing(defis.fields, full, today)).toEqual({ data: full, missing: [] });
  });

  it('list items and objects: labelled as the content checks label them', () => {
    const type = [...fileTypes, ...folderTypes].find((t) => t.fields.some((f) => f.kind === 'list' && f.fields.some((g) => g.kind === 'string' && g.required !== false)))!;
    const list = type.fields.find((f) => f.kind === 'list' && f.fields.some((g) => g.kind === 'string' && g.required !== false))!;
    if (list.kind !== 'list') throw new Error('liste attendue');
    const inner = list.fields.find((g) => g.kind === 'string' && g.required !== false && !g.pattern && !g.format)!;
    const { data, missing } = fillMissing(type.fields, { [list.name]: [{}] }, today);
    expect(missing.map((m) => m.field)).toContain(`${list.label} n° 1 › ${inner.label}`);
    expect((data[list.name] as Record<string, unknown>[])[0]![inner.name]).toBe(`[${list.label} n° 1 › ${inner.label} à renseigner]`);
  });

  it('for every type of the model, an empty draft with its placeholders passes the content schema', () => {
    for (const type of [...folderTypes, ...fileTypes]) {
      const { data } = fillMissing(type.fields, {}, today);
      const parsed = typeSchema(type).safeParse(data);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${type.name}.${i.path.join('.')}: ${i.message}`)).toEqual([]);
    }
  });
});
