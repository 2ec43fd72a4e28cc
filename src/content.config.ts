import { defineCollection, z } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { contentTypes } from './content/model/index.ts';
import type { ContentType } from './content/model/types.ts';
import { typeSchema } from './content/model/to-zod.ts';

/** Where an entry lives and is published (query.ts adds it to every entry's data). */
const meta = z.object({ url: z.string(), file: z.string(), title: z.string() });

/** Collection name in Astro: the folder type's name, or `page-<name>` for single pages. */
export const collectionName = (t: ContentType) => (t.kind === 'folder' ? t.name : `page-${t.name}`);

/**
 * Pages never read `astro:content`: they read the content set that src/lib/content/load.ts
 * parses once per change, through src/lib/content/query.ts (typed by the model), both in the
 * static build and in the long-lived renderer. The collections stay declared with their schemas
 * (and without Astro's auto-generated collections for the folders of src/content/, the model's
 * code), but their loader stores nothing: `astro sync` and each bundle no longer parse every
 * entry again nor render every body.
 */
function modelLoader(type: ContentType): Loader {
  return {
    name: `eig-model-${collectionName(type)}`,
    load: async ({ store }) => { store.clear(); },
  };
}

export const collections = Object.fromEntries(
  contentTypes.map((t) => [collectionName(t), defineCollection({ loader: modelLoader(t), schema: typeSchema(t).extend({ _meta: meta }) })]),
);
