import { getCollection, getEntry } from 'astro:content';
import type { CollectionName } from '../../content/model/fields.ts';

/**
 * Data of an entry. Its shape is the content model's, checked by the zod schema at load time;
 * the model is declared at run time, so TypeScript sees a record of unknowns here.
 */
export type Data = Record<string, unknown> & { _meta: { url: string; file: string; title: string } };
export interface Item { id: string; data: Data; body?: string | undefined; html: string }

// The collections are generated from the model (see content.config.ts), so their names are
// strings here rather than a literal union Astro could type.
type AnyCollection = Parameters<typeof getCollection>[0];

const toItem = (e: { id: string; data: unknown; body?: string | undefined; rendered?: { html: string } | undefined }): Item =>
  ({ id: e.id, data: e.data as Data, body: e.body, html: e.rendered?.html ?? '' });

/** A single page's entry (see model/pages): throws when the file is missing. */
export async function page(name: string): Promise<Item> {
  const e = await getEntry(`page-${name}` as AnyCollection, name);
  if (!e) throw new Error(`La page « ${name} » est absente du contenu.`);
  return toItem(e);
}

/** A single page's entry, or undefined when the content tree has no such file. */
export async function optionalPage(name: string): Promise<Item | undefined> {
  try { return await page(name); } catch { return undefined; }
}

/** Every entry of a collection. */
export async function all(collection: CollectionName): Promise<Item[]> {
  return (await getCollection(collection as AnyCollection)).map(toItem);
}
