/**
 * What a page reads of the content, recorded for the long-lived renderer's dependency map
 * (engine/render/renderer.ts): which entries' fields, which collections' membership, or
 * everything. Only when the renderer installs a recorder on `globalThis` (the server bundle
 * and the scripts hold two copies of this module in one process): the static build pays nothing.
 *
 * Keys: `C <collection>` the list of ids of a collection; `E <collection>/<id> <field>` one
 * top-level field of an entry (`body` for its Markdown, `*` for all of them, `#` its presence);
 * `D <fact>` a fact derived from several entries (derived.ts: the ids on a page of a list, counts); `R <relation> <id>`
 * one resolved relation (see {@link relationKey}); `M <path>` one media file, by its path under
 * the media root (its presence, size and bytes: see {@link mediaKey}); `*` everything
 * (pages that read the whole content set, src/lib/content/repository.ts).
 */
const KEY = Symbol.for('eig.content.reads');

export const EVERYTHING = '*';
export const membershipKey = (collection: string) => `C ${collection}`;
export const fieldKey = (collection: string, id: string, field: string) => `E ${collection}/${id} ${field}`;
/**
 * That an entry of this id exists (`E <collection>/<id> #`): a page that looks one entry up by
 * slug depends on it, not on the collection's whole membership.
 */
export const presenceKey = (collection: string, id: string) => fieldKey(collection, id, '#');
/**
 * A resolved relation (query.ts, relations.ts `relationIndex`): `team <défi>`, `defisOf <person>`,
 * `<themes|promos|expertises> <term>`; its fingerprint is the ordered list of ids it gives.
 */
export const relationKey = (relation: string, id: string) => `R ${relation} ${id}`;
/**
 * A media file, by its path under the media root (`defis/x.png`), read or looked for (a page
 * showing the placeholder of a missing image depends on it too); its fingerprint is the file's
 * size and modification time (engine/render/state.ts).
 */
export const mediaKey = (path: string) => `M ${path}`;

interface ReadsState { current: Set<string> | undefined }
type WithReads = typeof globalThis & { [KEY]?: ReadsState };

/** Installed by the renderer: from then on, entries are handed out wrapped (see {@link trackItem}). */
export function enableReads(): ReadsState {
  const g = globalThis as WithReads;
  return (g[KEY] ??= { current: undefined });
}

export const readsEnabled = (): boolean => (globalThis as WithReads)[KEY] !== undefined;

/** Records a read in the page being rendered, if any. */
export function recordRead(key: string): void {
  (globalThis as WithReads)[KEY]?.current?.add(key);
}

/** Runs `fn` without recording its reads (work done once for every page, e.g. an index). */
export function unrecorded<T>(fn: () => T): T {
  const state = (globalThis as WithReads)[KEY];
  if (!state) return fn();
  const before = state.current;
  state.current = undefined;
  try { return fn(); } finally { state.current = before; }
}

/** Runs `fn` with reads recorded into `into`. */
export async function recording<T>(into: Set<string>, fn: () => Promise<T>): Promise<T> {
  const state = enableReads();
  const before = state.current;
  state.current = into;
  try { return await fn(); } finally { state.current = before; }
}

/**
 * An entry whose reads are recorded: `id` is free (a change of id is a change of membership),
 * `body`/`html` read the `body` field, each property of `data` its field, listing the keys of
 * `data` (spread, JSON) all of them.
 */
export function trackItem<I extends { id: string; data: Record<string, unknown>; body?: string | undefined; html: string }>(item: I, collection: string): I {
  const rec = (field: string) => recordRead(fieldKey(collection, item.id, field));
  const data = new Proxy(item.data, {
    get(t, p, r) { if (typeof p === 'string') rec(p); return Reflect.get(t, p, r) as unknown; },
    has(t, p) { if (typeof p === 'string') rec(p); return Reflect.has(t, p); },
    ownKeys(t) { rec('*'); return Reflect.ownKeys(t); },
    getOwnPropertyDescriptor(t, p) { if (typeof p === 'string') rec(p); return Reflect.getOwnPropertyDescriptor(t, p); },
  });
  return new Proxy(item, {
    get(t, p, r) {
      if (p === 'data') return data;
      if (p === 'body' || p === 'html') rec('body');
      else if (typeof p === 'string' && p !== 'id') rec('*');
      return Reflect.get(t, p, r) as unknown;
    },
    ownKeys(t) { rec('*'); return Reflect.ownKeys(t); },
  });
}

const FINGERPRINTS = Symbol.for('eig.content.fingerprints');
type WithFingerprints = typeof globalThis & { [FINGERPRINTS]?: () => Map<string, string> };

/** query.ts hands out its fingerprints: the renderer uses the bundle's copy (one parse of the content per version). */
export function provideFingerprints(fn: () => Map<string, string>): void {
  (globalThis as WithFingerprints)[FINGERPRINTS] = fn;
}

/** The fingerprints function last provided (by the server bundle, once loaded). */
export function providedFingerprints(): (() => Map<string, string>) | undefined {
  return (globalThis as WithFingerprints)[FINGERPRINTS];
}
