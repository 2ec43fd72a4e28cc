import { z } from 'astro/zod';
import type { CollectionName } from '../../content/model/fields.ts';
import type { Role } from '../../content/model/personnes.ts';
import { contentTypes } from '../../content/model/index.ts';
import { typeSchema } from '../../content/model/to-zod.ts';
import type { ContentType } from '../../content/model/types.ts';
import { markdownToHtml } from '../markdown/render.ts';
import { metricResolver } from '../metrics.ts';
import { createHash } from 'node:crypto';
import { contentKey, contentSet, loadedContentSet } from './repository.ts';
import { EVERYTHING, fieldKey, membershipKey, provideFingerprints, readsEnabled, recordRead, trackItem } from './reads.ts';
import { defisOfPerson, lookup, peopleOfDefi as teamOf, peopleWithRole, sortDefis, withTerm, type DefiData, type PersonData, type TermData } from './relations.ts';

/**
 * Data of an entry. Its shape is the content model's, checked by the zod schema at load time;
 * the model is declared at run time, so TypeScript sees a record of unknowns here.
 */
export type Data = Record<string, unknown> & { _meta: { url: string; file: string; title: string } };
export interface Item { id: string; data: Data; body?: string | undefined; html: string }

/** Where an entry lives and is published; added to every entry's data. */
const meta = z.object({ url: z.string(), file: z.string(), title: z.string() });

/**
 * Every entry by collection (`<folder type>` or `page-<name>`), parsed by the model's zod
 * schema, as `astro:content` gave them (content.config.ts), but read from the content tree at
 * render time ({@link contentSet}): the static build and the long-lived renderer's server
 * bundle (scripts/lib/render/) render the same components from the same data, and the latter
 * sees each new version of the content. Bodies are rendered to HTML on first use.
 */
let snapshot: { key: string; byCollection: Map<string, Item[]> } | undefined;

const FIGURE = /\{\{[<%]\s*chiffre\b/;

const collectionOf = (t: ContentType) => (t.kind === 'folder' ? t.name : `page-${t.name}`);

function collections(): Map<string, Item[]> {
  const key = contentKey();
  if (snapshot?.key === key) return snapshot.byCollection;
  const set = loadedContentSet();
  const track = readsEnabled();
  let metric: ReturnType<typeof metricResolver> | undefined;
  const schemas = new Map(contentTypes.map((t) => [t, typeSchema(t).extend({ _meta: meta })]));
  const byCollection = new Map<string, Item[]>(contentTypes.map((t) => [collectionOf(t), []]));
  for (const e of set.entries) {
    const parsed = schemas.get(e.type)!.safeParse({ ...e.data, _meta: { url: e.url, file: e.file, title: e.title } });
    if (!parsed.success) throw new Error(`${e.file} : ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' ; ')}`);
    let html: string | undefined;
    const body = e.body;
    const collection = collectionOf(e.type);
    const item: Item = {
      id: e.id, data: parsed.data as Data, body,
      get html() {
        // `{{< chiffre … >}}` prints a figure computed from the whole content set: such a body
        // depends on everything (the renderer re-renders its pages on any change).
        if (body && FIGURE.test(body)) recordRead(EVERYTHING);
        return (html ??= markdownToHtml(body, { metric: (metric ??= metricResolver(set.entries)) }));
      },
    };
    byCollection.get(collection)!.push(track ? trackItem(item, collection) : item);
  }
  snapshot = { key, byCollection };
  return byCollection;
}

/** A single page's entry (see model/pages): throws when the file is missing. */
export async function page(name: string): Promise<Item> {
  recordRead(membershipKey(`page-${name}`));
  const e = collections().get(`page-${name}`)?.find((i) => i.id === name);
  if (!e) throw new Error(`La page « ${name} » est absente du contenu.`);
  return e;
}

/** A single page's entry, or undefined when the content tree has no such file. */
export async function optionalPage(name: string): Promise<Item | undefined> {
  try { return await page(name); } catch { return undefined; }
}

/** Every entry of a collection. */
export async function all(collection: CollectionName): Promise<Item[]> {
  recordRead(membershipKey(collection));
  return [...(collections().get(collection) ?? [])];
}

/** JSON with sorted keys and dates as ISO strings: the same value gives the same text. */
function stableJson(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * A fingerprint of every key pages can read (see reads.ts): two versions of the content differ
 * for a page exactly where the fingerprints of the keys it read differ.
 */
export function contentFingerprints(): Map<string, string> {
  const out = new Map<string, string>();
  const hash = (s: string) => createHash('sha1').update(s).digest('base64');
  const all = createHash('sha1');
  for (const [collection, items] of collections()) {
    out.set(membershipKey(collection), hash(items.map((i) => i.id).join('\n')));
    for (const item of items) {
      const data = item.data as Record<string, unknown>;
      const whole = createHash('sha1');
      for (const k of Reflect.ownKeys(data).filter((x): x is string => typeof x === 'string').sort()) {
        const h = hash(stableJson(data[k]));
        out.set(fieldKey(collection, item.id, k), h);
        whole.update(`${k}=${h}\n`);
      }
      const body = hash(item.body ?? '');
      out.set(fieldKey(collection, item.id, 'body'), body);
      const w = whole.update(`body=${body}`).digest('base64');
      out.set(fieldKey(collection, item.id, '*'), w);
      all.update(w);
    }
  }
  out.set(EVERYTHING, all.digest('base64'));
  return out;
}
provideFingerprints(contentFingerprints);

// ---------------------------------------------------------------------------------------------
// Typed access to défis, people and terms, with their relations (see relations.ts).


type Meta = { _meta: Data['_meta'] };
/** An entry with the typed data of its content type. */
export interface Typed<D> { id: string; data: D & Meta; body?: string | undefined; html: string }
export type Defi = Typed<DefiData>;
export type Person = Typed<PersonData>;
export type Term = Typed<TermData>;
export type TermCollection = 'themes' | 'expertises' | 'promos' | 'categories';

// The zod schema generated from the model guarantees these shapes at load time.
const typed = <D>(items: Item[]) => items as unknown as Typed<D>[];

/** Visible défis, newest first. */
export async function defis(): Promise<Defi[]> {
  return sortDefis(typed<DefiData>(await all('defis')));
}

/** Every défi, hidden ones included (for pages that must exist even when not listed). */
export async function allDefis(): Promise<Defi[]> {
  return typed<DefiData>(await all('defis'));
}

/** Every person. */
export async function people(): Promise<Person[]> {
  return typed<PersonData>(await all('personnes'));
}

/** People of a role, by `weight` then name. */
export async function peopleByRole(role: Role): Promise<Person[]> {
  return peopleWithRole(await people(), role);
}

/** The team of a défi (people whose `defis` include it), talents first. */
export async function peopleOfDefi(defiSlug: string): Promise<Person[]> {
  return teamOf(await people(), defiSlug);
}

/** The visible défis of a person, newest first. */
export async function defisOf(person: Person): Promise<Defi[]> {
  return defisOfPerson(await allDefis(), person);
}

/** Every term of a taxonomy, in French alphabetical order (numbers as numbers). */
export async function terms(collection: TermCollection): Promise<Term[]> {
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  return typed<TermData>(await all(collection)).sort((a, b) => collator.compare(a.data.title, b.data.title));
}

/** One term by slug, or undefined. */
export async function term(collection: TermCollection, slug: string): Promise<Term | undefined> {
  return (await terms(collection)).find((t) => t.id === slug);
}

/** Terms for a list of slugs (a relation field's value), in that order. */
export async function termsOf(collection: TermCollection, slugs: unknown): Promise<Term[]> {
  return lookup(await terms(collection), slugs);
}

/** Visible défis that carry a term (`field` is the défi's relation field: themes, promos, expertises). */
export async function defisWith(field: 'themes' | 'promos' | 'expertises', slug: string): Promise<Defi[]> {
  return withTerm(await defis(), field, slug);
}
