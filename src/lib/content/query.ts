import type { CollectionName } from '../../content/model/fields.ts';
import type { DefiTermType, TermType } from '../../content/model/terms.ts';
import type { Role } from '../../content/model/personnes.ts';
import { contentTypes, type ArticleData, type CollectionData, type DefiData, type PageData, type PageName, type PersonData, type TermData } from '../../content/model/index.ts';
import type { ContentType } from '../../content/model/types.ts';
import { markdownToHtml } from '../markdown/render.ts';
import { createHash } from 'node:crypto';
import { contentKey, loadedContentSet } from './repository.ts';
import type { Entry } from './load.ts';
import { EVERYTHING, fieldKey, membershipKey, presenceKey, provideFingerprints, readsEnabled, recordRead, relationKey, trackItem, unrecorded } from './reads.ts';
import { DEFI_TERM_FIELDS, defisOfPerson, peopleWithRole, relationIndex, slugsOf, sortDefis, type RelationIndex } from './relations.ts';
import { derivedFacts, type DerivedFacts } from './derived.ts';
import { metricPrints, trackedMetric } from './metric-facts.ts';

/** Where an entry lives and is published; added to every entry's data. */
type Meta = { _meta: { url: string; file: string; title: string } };
/** Data of an entry of any type (code that walks every type; pages use {@link Typed}). */
export type Data = Record<string, unknown> & Meta;
export interface Item { id: string; data: Data; body?: string | undefined; html: string }
/** An entry with the typed data of its content type (derived from the model, model/index.ts). */
export interface Typed<D> { id: string; data: D & Meta; body?: string | undefined; html: string }

/** The data of each collection key: folder types by name, single pages as `page-<name>`. */
type DataByCollection = CollectionData & { [N in PageName as `page-${N}`]: PageData[N] };

/**
 * Every entry by collection (`<folder type>` or `page-<name>`), with the data the content set
 * parsed and validated once ({@link loadedContentSet}, load.ts), read from the content tree at
 * render time: the static build and the long-lived renderer's server bundle
 * (engine/render/) render the same components from the same data, and the latter sees each
 * new version of the content. Bodies are rendered to HTML on first use; relations are resolved
 * once per version ({@link relations}).
 */
interface Snapshot {
  key: string;
  byCollection: Map<string, Item[]>;
  /** The loaded entry of each item (same order), for {@link contentFingerprints}. */
  sources: Map<string, Entry[]>;
  relations?: RelationIndex<Defi, Person>;
  /** Each collection's entries by id ({@link entryById}). */
  byId?: Map<string, Map<string, Item>>;
  facts?: DerivedFacts<Typed<ArticleData>, Person>;
}
let snapshot: Snapshot | undefined;


const collectionOf = (t: ContentType) => (t.kind === 'folder' ? t.name : `page-${t.name}`);

function current(): Snapshot {
  const key = contentKey();
  if (snapshot?.key === key) return snapshot;
  const set = loadedContentSet();
  const track = readsEnabled();
  const byCollection = new Map<string, Item[]>(contentTypes.map((t) => [collectionOf(t), []]));
  const sources = new Map<string, Entry[]>(contentTypes.map((t) => [collectionOf(t), []]));
  for (const e of set.entries) {
    let html: string | undefined;
    let figures: string[] = [];
    const body = e.body;
    const collection = collectionOf(e.type);
    const item: Item = {
      id: e.id, data: { ...e.data, _meta: { url: e.url, file: e.file, title: e.title } }, body,
      get html() {
        // `{{< chiffre … >}}` prints a figure computed from the content: such a body depends on
        // that figure (metric-facts.ts `D metric <name>`), recorded at each read (the HTML is kept).
        if (html === undefined) {
          const used: string[] = [];
          html = markdownToHtml(body, { metric: (name) => { used.push(name); return trackedMetric(name); } });
          figures = used;
        } else for (const name of figures) trackedMetric(name);
        return html;
      },
    };
    byCollection.get(collection)!.push(track ? trackItem(item, collection) : item);
    sources.get(collection)!.push(e);
  }
  snapshot = { key, byCollection, sources };
  return snapshot;
}

/**
 * The entries of a collection, typed with their content type's data: load.ts validated each
 * with the zod schema of that very type (to-zod.ts `typeSchema`, typed with `DataOf`), so this is
 * the one place where the run-time model meets its static types.
 */
function entriesOf<K extends keyof DataByCollection>(key: K): Typed<DataByCollection[K]>[];
function entriesOf(key: string): Item[] {
  return current().byCollection.get(key) ?? [];
}

/** A single page's entry (see model/pages), typed with its page's data: throws when the file is missing. */
export async function page<N extends PageName>(name: N): Promise<Typed<PageData[N]>> {
  recordRead(membershipKey(`page-${name}`));
  const e = entriesOf(`page-${name}`).find((i) => i.id === name);
  if (!e) throw new Error(`La page « ${name} » est absente du contenu.`);
  return e as Typed<PageData[N]>;
}

/** A single page's entry, or undefined when the content tree has no such file. */
export async function optionalPage<N extends PageName>(name: N): Promise<Typed<PageData[N]> | undefined> {
  try { return await page(name); } catch { return undefined; }
}

/** Every entry of a collection, typed with its collection's data. */
export async function all<C extends CollectionName>(collection: C): Promise<Typed<CollectionData[C]>[]> {
  recordRead(membershipKey(collection));
  return [...entriesOf(collection)];
}

/**
 * One entry by id, or undefined: the page depends on that entry being there (or not), not on
 * the whole membership of its collection ({@link presenceKey}).
 */
export function entryById<C extends CollectionName>(collection: C, id: string): Typed<CollectionData[C]> | undefined;
export function entryById(collection: string, id: string): Item | undefined {
  recordRead(presenceKey(collection, id));
  const s = current();
  s.byId ??= new Map();
  let index = s.byId.get(collection);
  if (!index) s.byId.set(collection, index = new Map((s.byCollection.get(collection) ?? []).map((e) => [e.id, e])));
  return index.get(id);
}

/** The entries named by a relation field's value (slugs), in that order; unknown slugs are skipped. */
export function entriesById<C extends CollectionName>(collection: C, slugs: unknown): Typed<CollectionData[C]>[] {
  return slugsOf(slugs).flatMap((s) => entryById(collection, s) ?? []);
}

/**
 * The entries a route makes one page of each (getStaticPaths), NOT recorded: the page of an
 * entry depends on what it reads of it, and a new or removed entry is a new or removed page
 * (the renderer renders pages it has no record of and drops the others). Only for routes whose
 * props are the entries themselves.
 */
export function pagesOf<C extends CollectionName>(collection: C): Typed<CollectionData[C]>[] {
  return unrecorded(() => [...entriesOf(collection)]);
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
const hash = (s: string) => createHash('sha1').update(s).digest('base64');

/**
 * The fingerprints of one entry's fields (with its `_meta`), `body` and `*`. Kept per loaded
 * entry: load.ts hands out the same entry while its file is unchanged, so a new version of the
 * content hashes only the entries that changed.
 */
const entryPrints = new WeakMap<Entry, [string, string][]>();
function fingerprintsOf(e: Entry, data: Record<string, unknown>, body: string | undefined): [string, string][] {
  let prints = entryPrints.get(e);
  if (prints) return prints;
  prints = [];
  const whole = createHash('sha1');
  for (const k of Object.keys(data).sort()) {
    const h = hash(stableJson(data[k]));
    prints.push([k, h]);
    whole.update(`${k}=${h}\n`);
  }
  const b = hash(body ?? '');
  prints.push(['body', b], ['*', whole.update(`body=${b}`).digest('base64')]);
  entryPrints.set(e, prints);
  return prints;
}

export function contentFingerprints(): Map<string, string> {
  const out = new Map<string, string>();
  const all = createHash('sha1');
  const { byCollection, sources } = current();
  for (const [collection, items] of byCollection) {
    out.set(membershipKey(collection), hash(items.map((i) => i.id).join('\n')));
    const entries = sources.get(collection)!;
    items.forEach((item, i) => {
      // The item's data unwrapped (listing a tracked item's keys would read all of them).
      const e = entries[i]!;
      const prints = fingerprintsOf(e, { ...e.data, _meta: { url: e.url, file: e.file, title: e.title } }, e.body);
      for (const [k, h] of prints) out.set(fieldKey(collection, item.id, k), h);
      out.set(presenceKey(collection, item.id), '1');
      all.update(prints.at(-1)![1]);
    });
  }
  const r = relations();
  const ids = (list: readonly { id: string }[]) => hash(list.map((i) => i.id).join('\n'));
  for (const [slug, list] of r.teamOf) out.set(relationKey('team', slug), ids(list));
  for (const [person, list] of r.defisOf) out.set(relationKey('defisOf', person), ids(list));
  for (const field of DEFI_TERM_FIELDS) for (const [slug, list] of r.defisWith[field]) out.set(relationKey(field, slug), ids(list));
  for (const [k, v] of facts().prints) out.set(k, v);
  for (const [k, v] of metricPrints()) out.set(k, v);
  out.set(EVERYTHING, all.digest('base64'));
  return out;
}
provideFingerprints(contentFingerprints);

// ---------------------------------------------------------------------------------------------
// Typed access to défis, people and terms, with their relations (see relations.ts).

export type Defi = Typed<DefiData>;
export type Person = Typed<PersonData>;
export type Term = Typed<TermData>;
/** A term type (model/collections.ts). */
export type TermCollection = TermType;

/**
 * The relations of the current version, resolved once for all pages (not recorded as reads of
 * the page that happens to build it: each query records the relation it reads instead).
 */
function relations(): RelationIndex<Defi, Person> {
  const s = current();
  return (s.relations ??= unrecorded(() => relationIndex(entriesOf('defis'), entriesOf('personnes'))));
}

/** Facts derived from several entries (derived.ts), computed once per version, unrecorded. */
function facts(): DerivedFacts<Typed<ArticleData>, Person> {
  const s = current();
  return (s.facts ??= unrecorded(() => derivedFacts(entriesOf('articles'), entriesOf('personnes'), hash)));
}

/** Reads one derived fact (its key is recorded, not the entries it comes from). */
export function fact<T>(key: string, pick: (f: DerivedFacts<Typed<ArticleData>, Person>) => T): T {
  recordRead(key);
  return pick(facts());
}

/** Visible défis, newest first. */
export async function defis(): Promise<Defi[]> {
  return sortDefis(await all('defis'));
}

/** Every défi, hidden ones included (for pages that must exist even when not listed). */
export async function allDefis(): Promise<Defi[]> {
  return all('defis');
}

/** Every person. */
export async function people(): Promise<Person[]> {
  return all('personnes');
}

/** People of a role, by `weight` then name. */
export async function peopleByRole(role: Role): Promise<Person[]> {
  return peopleWithRole(await people(), role);
}

/** The team of a défi (people whose `defis` include it), talents first. */
export async function peopleOfDefi(defiSlug: string): Promise<Person[]> {
  recordRead(relationKey('team', defiSlug));
  return [...(relations().teamOf.get(defiSlug) ?? [])];
}

/** The visible défis of a person, newest first. */
export async function defisOf(person: Person): Promise<Defi[]> {
  const known = entriesOf('personnes').find((p) => p.id === person.id);
  // A person of this version: its défis are resolved. Any other (e.g. edited) person: computed.
  if (known?.data !== person.data) return defisOfPerson(await allDefis(), person);
  recordRead(relationKey('defisOf', person.id));
  return [...(relations().defisOf.get(person.id) ?? [])];
}

/** Every term of a taxonomy, in French alphabetical order (numbers as numbers). */
export async function terms(collection: TermCollection): Promise<Term[]> {
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  return (await all(collection)).sort((a, b) => collator.compare(a.data.title, b.data.title));
}

/** One term by slug, or undefined (reads that term only, not the whole taxonomy). */
export async function term(collection: TermCollection, slug: string): Promise<Term | undefined> {
  return entryById(collection, slug);
}

/** Terms for a list of slugs (a relation field's value), in that order: reads those terms only. */
export async function termsOf(collection: TermCollection, slugs: unknown): Promise<Term[]> {
  return entriesById(collection, slugs);
}

/** Slug → title of the terms named in `slugs` (e.g. the promotions shown on a page's cards). */
export async function termTitles(collection: TermCollection, slugs: Iterable<unknown>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const list of slugs) for (const t of entriesById(collection, list)) out.set(t.id, t.data.title);
  return out;
}

/** Visible défis that carry a term (`field` is the défi's relation field: themes, promos, expertises). */
export async function defisWith(field: DefiTermType, slug: string): Promise<Defi[]> {
  recordRead(relationKey(field, slug));
  return [...(relations().defisWith[field].get(slug) ?? [])];
}
