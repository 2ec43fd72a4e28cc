/**
 * The model's types: each content type's data type is derived from its declaration (fields.ts
 * `DataOf`), agrees with what its zod schema gives, and follows the model with no other edit.
 * The type-level checks below are compiled by `npm run typecheck` (tsc includes tests/): a
 * wrong field access there is a compile error.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { contentTypes, type CollectionData, type DefiData, type HomeData, type PageData, type PageName, type PersonData } from '../../src/content/model/index.ts';
import { defis } from '../../src/content/model/defis.ts';
import { home } from '../../src/content/model/pages/home.ts';
import { isAlwaysPresent, string, type DataOf, type Field } from '../../src/content/model/fields.ts';
import { defineFolder } from '../../src/content/model/types.ts';
import { fieldSchema, typeSchema } from '../../src/content/model/to-zod.ts';
import type { OutcomeStatus, Role } from '../../src/content/model/index.ts';
import { collectionEntries } from '../../src/lib/content/load.ts';
import type { page, all } from '../../src/lib/content/query.ts';
import { demo } from '../helpers/demo-content.ts';

function walk(fields: readonly Field[], path: string, fn: (f: Field, path: string) => void) {
  for (const f of fields) {
    fn(f, `${path}.${f.name}`);
    if (f.kind === 'object' || f.kind === 'list') walk(f.fields, `${path}.${f.name}`, fn);
  }
}

describe('data types derived from the model', () => {
  it('gives each field its type: text, date, relation, select, object, list', () => {
    expectTypeOf<DefiData['title']>().toEqualTypeOf<string>();
    expectTypeOf<DefiData['date']>().toEqualTypeOf<Date>();
    expectTypeOf<DefiData['themes']>().toEqualTypeOf<string[]>();
    expectTypeOf<DefiData['visible']>().toEqualTypeOf<boolean>();
    expectTypeOf<DefiData['outcome']['status']>().toEqualTypeOf<OutcomeStatus>();
    expectTypeOf<DefiData['outcome']['since']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<PersonData['role']>().toEqualTypeOf<Role>();
    expectTypeOf<PersonData['weight']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<HomeData['medias']['tiles']>().toEqualTypeOf<{ title: string; image: string; link?: string | undefined }[]>();
    expectTypeOf<HomeData['join']['btn']['external']>().toEqualTypeOf<boolean>();
    expectTypeOf<PageData['program']['numbers'][number]['btnUrl']>().toEqualTypeOf<string | undefined>();
  });

  it('makes `required: false` and hidden keys optional, the body no key at all', () => {
    expectTypeOf<DefiData>().toHaveProperty('place');
    expectTypeOf<Pick<DefiData, 'place'>>().toEqualTypeOf<{ place?: string | undefined }>();
    expectTypeOf<Pick<HomeData, 'menu'>>().toEqualTypeOf<{ menu?: string | undefined }>();
    expectTypeOf<DefiData>().not.toHaveProperty('body');
    const misread = (d: DefiData, h: HomeData) => [
      // @ts-expect-error a field the model does not declare does not compile
      d.titel,
      // @ts-expect-error nested too
      h.hero.subtitle,
    ];
    expect(misread).toBeTypeOf('function');
  });

  it('keeps every key literal: no data type of the model has an index signature (a helper taking `name: string` would give one)', () => {
    type Wide<T> = T extends Date | string | number | boolean ? never
      : T extends readonly (infer E)[] ? Wide<E>
      : string extends keyof T ? true : { [K in keyof T]-?: Wide<T[K]> }[keyof T];
    expectTypeOf<{ [N in keyof PageData]: Wide<PageData[N]> }[keyof PageData]>().toBeNever();
    expectTypeOf<{ [C in keyof CollectionData]: Wide<CollectionData[C]> }[keyof CollectionData]>().toBeNever();
    // The check can fail: a record type is caught.
    expectTypeOf<Wide<{ a: { b: Record<string, string> } }>>().toEqualTypeOf<true>();
  });

  it('follows the model: a field added to a type is in its data, with no other edit', () => {
    const extended = defineFolder({ ...defis, fields: [...defis.fields, string('budget', 'Budget', 'Budget du défi, en euros.', { required: false })] });
    expectTypeOf<DataOf<typeof extended>['budget']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DataOf<typeof extended>['title']>().toEqualTypeOf<string>();
    expect(extended.fields.at(-1)?.name).toBe('budget');
  });

  it('types the zod schema with the data type, and the page and collection accessors with theirs', () => {
    expectTypeOf(typeSchema(defis).parse).returns.toEqualTypeOf<DataOf<typeof defis>>();
    expectTypeOf<Awaited<ReturnType<typeof page<'home'>>>['data']['hero']['title']>().toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<typeof all<'personnes'>>>[number]['data']['role']>().toEqualTypeOf<Role>();
    expectTypeOf<Parameters<typeof page>[0]>().toEqualTypeOf<PageName>();
    // @ts-expect-error a page the model does not declare
    expectTypeOf<Parameters<typeof page<'accueil'>>>();
    expectTypeOf<CollectionData['themes']>().toEqualTypeOf<{ title: string; url?: string | undefined }>();
  });

  it('agrees with the zod schemas at run time: a key is optional exactly when its schema gives undefined for nothing', () => {
    let checked = 0;
    for (const t of contentTypes) walk(t.fields, t.name, (f, path) => {
      if (f.name === 'body') return;
      const r = fieldSchema(f).safeParse(undefined);
      expect(r.success && r.data === undefined, `${path} (${f.kind})`).toBe(!isAlwaysPresent(f));
      checked++;
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('parses the demo content into data of the declared types', () => {
    const defi = collectionEntries(demo, 'defis')[0]!;
    expect(defi.data.date).toBeInstanceOf(Date);
    expect(Array.isArray(defi.data.themes)).toBe(true);
    expect(typeof defi.data.outcome.status).toBe('string');
    const homeEntry = demo.entries.find((e) => e.type === home)!;
    const parsed = typeSchema(home).parse(homeEntry.data);
    expect(typeof parsed.hero.title).toBe('string');
    expect(Array.isArray(parsed.medias.tiles)).toBe(true);
  });
});
